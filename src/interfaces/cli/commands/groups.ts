/**
 * @module `nakamoto groups`: template families of Bitcoin pools (pools whose blocks share coinbase
 * fingerprints beyond chance) with the evidence for every link, owners beside them, the majority
 * count at pool and template level, and the agreement with stratum-job evidence. A renderer over
 * `queryGroups`; method in docs/control.md.
 */
import type { Command } from 'commander';
import { queryGroups, type GroupsResult } from '../../../pipeline/queries/groups-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseNumberParam, type NumberSpec } from '../../../pipeline/queries/query-params.js';
import { FORMAT_HELP_WITH_PARQUET, OUTPUT_HELP, parseOutput, writeParquetOutput } from '../parquet-option.js';
import { renderRows, type Row } from '../output.js';

interface GroupsOptions {
  window: string;
  at?: string;
  format: string;
  output?: string;
  history?: boolean;
  stratum?: string;
  minBlocks?: string;
  minOverlap?: string;
  minKappa?: string;
}

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;

/** The same bounds as GET /api/groups (routes/groups.ts), checked by the one number parser. */
function num(text: string | undefined, what: string, spec: NumberSpec): number | undefined {
  return text === undefined ? undefined : parseNumberParam(what, text, spec);
}

export function renderGroupsTable(r: GroupsResult): string {
  const out: string[] = [];
  out.push(`# ${r.summary}`);
  out.push(`# features: ${r.method.features}`);
  out.push(`# link when both pools have >= ${r.method.minBlocks} blocks, overlap >= ${r.method.minOverlap}, kappa >= ${r.method.minKappa}; chance: ${r.method.chance} (${r.method.doc})`);
  out.push(`# data: ${r.provenance.inputs.join(', ')}`);
  out.push('');
  out.push(
    renderRows(
      r.groups.map((g) => ({
        group: g.group,
        members: g.members.map((m) => `${m.pool} ${m.blocks}${m.since ? ` (since ${m.since})` : ''}`).join(', '),
        blocks: g.blocks,
        share: pct(g.share),
        'share 95%': `${pct(g.shareLow)}–${pct(g.shareHigh)}`,
        'first seen': g.firstSeen,
        'last seen': g.lastSeen,
        since: g.since ?? '',
      })),
      ['group', 'members', 'blocks', 'share', 'share 95%', 'first seen', 'last seen', 'since'],
      'table',
    ),
  );
  for (const g of r.groups) {
    out.push(`evidence for ${g.group}: one link per member (${g.links.length} links in all with --format json); overlap = share of blocks with a fingerprint the other pool also uses, kappa = agreement beyond chance:`);
    out.push(
      renderRows(
        g.spanning.map((l) => ({
          pools: `${l.a} – ${l.b}`,
          blocks: `${l.blocksA} / ${l.blocksB}`,
          overlap: l.overlap.toFixed(2),
          chance: l.chance.toFixed(2),
          kappa: l.kappa.toFixed(2),
          'features that agree (share of each pool’s blocks)': l.agree,
          first: `${l.first.height} ${l.first.date}`,
          last: `${l.last.height} ${l.last.date}`,
        })),
        ['pools', 'blocks', 'overlap', 'chance', 'kappa', 'features that agree (share of each pool’s blocks)', 'first', 'last'],
        'table',
      ),
    );
    const owned = g.members.filter((m) => m.owner !== null);
    out.push(`  ownership links (separate evidence, ${r.provenance.ownership}): ${owned.length === 0 ? 'none for these members' : owned.map((m) => `${m.pool} → ${m.owner}`).join('; ')}`);
    out.push('');
  }
  const top = r.alone.slice(0, 8);
  out.push(`pools in no family (largest ${top.length} of ${r.alone.length}): ${top.map((a) => `${a.pool} ${pct(a.share)}${a.owner ? ` (owner ${a.owner})` : ''}`).join(', ')}`);
  out.push(`majority (> 50% of blocks) by pool: ${r.majority.pool.entities} (${r.majority.pool.names.join(', ')}: ${pct(r.majority.pool.share)})`);
  out.push(`majority by template family: ${r.majority.template.entities} (${r.majority.template.names.join(', ')}: ${pct(r.majority.template.share)})`);
  if (r.stratum) {
    const s = r.stratum;
    out.push('');
    out.push(`stratum evidence (${s.input}): ${s.templates.length} distinct templates among ${s.templates.reduce((a, t) => a + t.pools.length, 0)} pools at height ${s.height}, ${s.receivedAt}`);
    s.templates.forEach((t, i) => out.push(`  template ${i + 1} (${t.branches} branches, last ${t.lastBranch.slice(0, 12)}…): ${t.pools.map((p) => (s.payouts[p] ? `${p} [${s.payouts[p]}]` : p)).join(', ')}`));
    out.push(
      `  agreement with these families on ${s.compared.length} pools seen in both (${s.pairs.length} pairs): ${s.bothSame} same-template pairs joined, ${s.missed} missed, ` +
        `${s.overLinked} joined though templates differ, ${s.bothDifferent} kept apart correctly; Rand index ${Number.isNaN(s.randIndex) ? 'n/a' : s.randIndex.toFixed(2)}` +
        (s.notInWindow.length > 0 ? `; not in the block window: ${s.notInWindow.join(', ')}` : ''),
    );
  }
  if (r.history) {
    out.push('');
    out.push(`membership changes (monthly, families over the 91 days ending each month): ${r.history.length}`);
    out.push(renderRows(r.history.map((h) => ({ ...h })), ['month', 'pool', 'event', 'family'], 'table'));
  }
  if (r.majorityByMonth) {
    out.push('');
    out.push('majority by month (91 days ending with each month): entities needed for > 50% of blocks');
    out.push(renderRows(r.majorityByMonth.map((m) => ({ month: m.month, 'by pool': m.pools, 'by template family': m.templates, 'the majority (template level)': `${m.top}: ${(100 * m.topShare).toFixed(1)}%` })), ['month', 'by pool', 'by template family', 'the majority (template level)'], 'table'));
  }
  return out.join('\n') + '\n';
}

export function groupsCsvRows(r: GroupsResult): Row[] {
  return r.groups.flatMap((g) =>
    g.members.map((m) => ({
      group: g.group,
      pool: m.pool,
      slug: m.slug,
      blocks: m.blocks,
      fingerprint: m.fingerprint,
      fingerprint_share: m.fingerprintShare,
      owner: m.owner ?? '',
      group_blocks: g.blocks,
      group_share: g.share,
      share_low: g.shareLow,
      share_high: g.shareHigh,
      first_seen: g.firstSeen,
      last_seen: g.lastSeen,
      since: g.since ?? '',
    })),
  );
}

export function register(program: Command, io: CliIo): void {
  program
    .command('groups')
    .description('Template families: Bitcoin pools that build blocks with the same coinbase fingerprints beyond chance, with evidence per link (docs/control.md).')
    .option('--window <size>', 'window length (e.g. 90d, 1q, 1y)', '1y')
    .option('--at <date>', 'last day of the window (UTC, inclusive); default: the last day of the scriptSig data')
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table')
    .option('--output <file>', OUTPUT_HELP)
    .option('--history', 'also list monthly joins and leaves inside the window')
    .option('--stratum <file>', "stratum jobs to compare with (mempool WebSocket JSON or stratum-observer job_updates CSV); 'none' to skip", undefined)
    .option('--min-blocks <n>', 'blocks a pool needs in the window to be linked', '20')
    .option('--min-overlap <x>', 'minimum fingerprint overlap for a link (0–1)', '0.5')
    .option('--min-kappa <x>', 'minimum chance-corrected agreement for a link (0–1)', '0.5')
    .action(async (opts: GroupsOptions) => {
      const out = parseOutput(opts, io);
      const format = out.format;
      const r = await queryGroups(
        {
          window: opts.window,
          ...(opts.at !== undefined ? { at: opts.at } : {}),
          history: Boolean(opts.history),
          ...(opts.stratum !== undefined ? { stratum: opts.stratum } : {}),
          minBlocks: num(opts.minBlocks, '--min-blocks', { min: 1, integer: true }),
          minOverlap: num(opts.minOverlap, '--min-overlap', { min: 0, max: 1 }),
          minKappa: num(opts.minKappa, '--min-kappa', { min: 0, max: 1 }),
        },
        { store: null, datasetsRoot: datasetsRoot(io.env) },
      );
      if (format === 'json') {
        io.stdout(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      if (format === 'table') {
        io.stdout(renderGroupsTable(r));
        return;
      }
      const history = Boolean(opts.history && r.history);
      const rows = history ? r.history!.map((h) => ({ ...h })) : groupsCsvRows(r);
      const columns = history ? ['month', 'pool', 'event', 'family'] : ['group', 'pool', 'slug', 'blocks', 'fingerprint', 'fingerprint_share', 'owner', 'group_blocks', 'group_share', 'share_low', 'share_high', 'first_seen', 'last_seen', 'since'];
      if (out.parquet) return writeParquetOutput(io, out.parquet, rows, columns, { provenance: { summary: r.summary, method: 'docs/control.md', window: opts.window, at: opts.at ?? null } });
      io.stderr(`# ${r.summary}\n`);
      io.stdout(renderRows(rows, columns, 'csv'));
    });
}
