/**
 * @module `nakamoto attribution quality`: per window over all staged blocks, unknown share, tag vs
 * address, tag/label conflicts and disagreement between rule sets and Blockchair's label. A
 * renderer over `queryAttributionQuality`.
 */
import type { Command } from 'commander';
import { queryAttributionQuality, type QualityQueryResult, type QualityWindowRow } from '../../../pipeline/queries/attribution-quality-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type Row } from '../output.js';
import { createProgress } from '../progress.js';

const COMPARED = ['bitcoin-data', 'edi', 'blockchair'];

function flat(r: QualityWindowRow, pct: boolean): Row {
  const f = (x: number | null) => (x === null ? null : pct ? `${(100 * x).toFixed(1)}%` : Number(x.toFixed(6)));
  return {
    window_start: r.start,
    window_end: r.end,
    blocks: r.blocks,
    unknown: f(r.unknown),
    by_tag: f(r.byTag),
    by_address_only: f(r.byAddressOnly),
    tag_label_conflict: f(r.tagLabelConflicts),
    blockchair_unknown: f(r.blockchairUnknown),
    relabelled_by_later_rules: f(r.relabelledByLaterRules),
    ...Object.fromEntries(COMPARED.map((c) => [`disagree_${c.replace('-', '_')}`, f(r.disagree[c] ?? null)])),
  };
}

const COLUMNS = ['window_start', 'window_end', 'blocks', 'unknown', 'by_tag', 'by_address_only', 'tag_label_conflict', 'blockchair_unknown', 'relabelled_by_later_rules', 'disagree_bitcoin_data', 'disagree_edi', 'disagree_blockchair'];

export function renderQualityTable(r: QualityQueryResult): string {
  const out: string[] = [];
  out.push(`# attribution quality, ${r.window} windows, ${r.blocks} blocks; rules: ${r.rules.join(', ')}`);
  out.push(`# data: ${r.inputs.join(', ')}`);
  for (const d of r.definitions) out.push(`# ${d}`);
  out.push(renderRows([...r.rows.map((x) => flat(x, true)), { ...flat(r.total, true), window_start: 'all', window_end: '' }], COLUMNS, 'table'));
  for (const c of COMPARED) {
    const pairs = r.topPairs[c] ?? [];
    const side = c === 'blockchair' ? 'reference' : 'mempool tags';
    out.push(`most frequent disagreements, ${side} vs ${c}: ${pairs.map((p) => `${p.a} / ${p.b} ${p.blocks}`).join('; ') || 'none'}`);
  }
  const asOf = r.topPairs['rules-as-of'] ?? [];
  out.push(`most frequent relabellings, tags listed at the block's date → latest list: ${asOf.map((p) => `${p.a} → ${p.b} ${p.blocks}`).join('; ') || 'none'}`);
  return out.join('\n') + '\n';
}

export function registerQuality(attribution: Command, io: CliIo): void {
  attribution
    .command('quality')
    .description('Attribution quality per window over all staged blocks: unknown, by tag vs by address, tag/label conflicts, rule sets and Blockchair disagreeing.')
    .option('--window <size>', 'window length (e.g. 1m, 1q, 1y)', '1m')
    .option('--format <format>', 'table, csv or json', 'table')
    .action(async (opts: { window: string; format: string }) => {
      const format = parseFormat(opts.format);
      const progress = createProgress(io, 'blocks');
      try {
        const r = await queryAttributionQuality({ window: opts.window, onProgress: (done, total, what) => progress.update(done, total, what) }, { store: null, datasetsRoot: datasetsRoot(io.env) });
        progress.stop();
        if (format === 'json') io.stdout(JSON.stringify(r, null, 2) + '\n');
        else if (format === 'table') io.stdout(renderQualityTable(r));
        else io.stdout(renderRows(r.rows.map((x) => flat(x, false)), COLUMNS, 'csv'));
      } finally {
        progress.stop();
      }
    });
}
