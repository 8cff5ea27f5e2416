/**
 * @module `nakamoto attribute <file>`: attribute coinbases given as CSV / JSONL rows to pools
 * (and owning entities) with a rule set, writing each row back with `pool`, `pool_slug`,
 * `entity`, `method`; `nakamoto attribution diff --rules A --rules B <file>`: blocks the two
 * rule sets attribute differently, counted by pool pair.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { registerQuality } from './attribution-quality.js';
import { attributeBlocks } from '../../../attribute/attribute.js';
import { cellOf, coinbaseFromRecord, parseJsonl, type InputRecord } from '../../../attribute/coinbase-rows.js';
import { diffAttributions, type AttributionLevel } from '../../../attribute/diff-attributions.js';
import { loadOwnershipLinks, loadRuleSet } from '../../../sources/attribution-rules/load.js';
import type { Attribution, OwnershipLinkSet, RuleSet } from '../../../attribute/types.js';
import { UsageError } from '../../../domain/errors.js';
import { parseCsv, requireColumns } from '../../../sources/files/csv.js';
import { readText } from '../../../sources/files/read-file.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type Row } from '../output.js';

const ADDED_COLUMNS = ['pool', 'pool_slug', 'entity', 'method'] as const;

interface InputTable {
  readonly columns: string[];
  readonly records: InputRecord[];
}

/** CSV, or JSON Lines when the name ends in .jsonl / .ndjson (optionally .gz) or the text starts with '{'. */
export async function readCoinbaseTable(path: string): Promise<InputTable> {
  const text = await readText(path);
  const jsonl = /\.(jsonl|ndjson)(\.gz)?$/i.test(path) || (!/\.csv(\.gz)?$/i.test(path) && text.trimStart().startsWith('{'));
  if (jsonl) return parseJsonl(text, path);
  const t = parseCsv(text, path);
  const records = t.rows.map((r, i) => ({ line: t.lines[i]!, values: Object.fromEntries(t.header.map((h, j) => [h, r[j] ?? ''])) }));
  requireColumns(t, ['coinbase_scriptsig_hex']);
  return { columns: [...t.header], records };
}

function parseLevel(value: string): AttributionLevel {
  if (value === 'pool' || value === 'entity') return value;
  throw new UsageError(`invalid level: ${value} (expected pool or entity)`);
}

async function ownershipFor(rs: RuleSet, level: AttributionLevel, linksPath: string | undefined, io: CliIo): Promise<OwnershipLinkSet | null> {
  if (level === 'pool') return null;
  if (linksPath !== undefined) return loadOwnershipLinks(linksPath, { env: io.env, cwd: io.cwd });
  return rs.kind === 'edi' && rs.ownership ? rs.ownership : loadOwnershipLinks(undefined, { env: io.env });
}

interface RunOptions {
  readonly rules: string;
  readonly level: AttributionLevel;
  readonly links?: string;
  readonly ediLearnAddresses?: boolean;
}

async function run(path: string, table: InputTable, opts: RunOptions, io: CliIo): Promise<{ rs: RuleSet; attributions: Attribution[] }> {
  const rs = await loadRuleSet(opts.rules, { env: io.env, cwd: io.cwd });
  for (const w of rs.warnings) io.stderr(`nakamoto: warning: ${w}\n`);
  const ownership = await ownershipFor(rs, opts.level, opts.links, io);
  const coinbases = table.records.map((r) => coinbaseFromRecord(r, path));
  return { rs, attributions: attributeBlocks(coinbases, rs, { ownership, ediLearnAddresses: opts.ediLearnAddresses ?? false }) };
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command, io: CliIo): void {
  program
    .command('attribute')
    .description('Attribute coinbases (CSV or JSONL rows with coinbase_scriptsig_hex, optional payout_addresses, height, time) to pools with a rule set.')
    .argument('<file>', 'CSV or JSONL file of coinbases')
    .option('--rules <rules>', 'mempool, bitcoin-data, edi, or a rule file / EDI folder path', 'mempool')
    .option('--format <format>', 'csv, json or table', 'csv')
    .option('--level <level>', 'pool (entity = pool) or entity (owner at block time via ownership links)', 'pool')
    .option('--links <path>', 'with --level entity: ownership links file (default: the EDI legal_links.json)')
    .option('--edi-learn-addresses', "with --rules edi: reproduce EDI's order-dependent address learning")
    .action(async (file: string, opts: { rules: string; format: string; level: string; links?: string; ediLearnAddresses?: boolean }) => {
      const format = parseFormat(opts.format);
      const level = parseLevel(opts.level);
      const path = resolve(io.cwd, file);
      const table = await readCoinbaseTable(path);
      const { rs, attributions } = await run(path, table, { ...opts, level }, io);
      const columns = [...table.columns.filter((c) => !(ADDED_COLUMNS as readonly string[]).includes(c)), ...ADDED_COLUMNS];
      const rows: Row[] = table.records.map((rec, i) => {
        const a = attributions[i]!;
        const row: Row = Object.fromEntries(table.columns.map((c) => [c, cellOf(rec.values[c])]));
        return { ...row, pool: a.pool.name, pool_slug: a.pool.slug, entity: a.entity.name, method: level === 'pool' ? a.method : a.entityMethod };
      });
      io.stderr(`nakamoto: attributed ${rows.length} block(s) with ${rs.kind} rules ${rs.version}\n`);
      io.stdout(renderRows(rows, columns, format));
    });

  const attribution = program.command('attribution').description('Compare attributions; their quality over the staged blocks.');
  registerQuality(attribution, io);
  attribution
    .command('diff')
    .description('Blocks that two rule sets attribute differently, counted by (A, B) pair.')
    .argument('<file>', 'CSV or JSONL file of coinbases')
    .option('--rules <rules>', 'a rule set (give exactly twice: A, then B)', collect, [] as string[])
    .option('--level <level>', 'pool or entity', 'pool')
    .option('--links <path>', 'with --level entity: ownership links file (default: the EDI legal_links.json)')
    .option('--format <format>', 'table, csv or json', 'table')
    .action(async (file: string, opts: { rules: string[]; level: string; links?: string; format: string }) => {
      const format = parseFormat(opts.format);
      const level = parseLevel(opts.level);
      if (opts.rules.length !== 2) throw new UsageError(`attribution diff: give --rules exactly twice (got ${opts.rules.length})`);
      const path = resolve(io.cwd, file);
      const table = await readCoinbaseTable(path);
      const [specA, specB] = opts.rules as [string, string];
      const a = await run(path, table, { rules: specA, level, ...(opts.links ? { links: opts.links } : {}) }, io);
      const b = await run(path, table, { rules: specB, level, ...(opts.links ? { links: opts.links } : {}) }, io);
      const diff = diffAttributions(a.attributions, b.attributions, level);
      io.stderr(`nakamoto: ${diff.differing} of ${diff.total} block(s) attributed differently (A = ${specA} ${a.rs.version}, B = ${specB} ${b.rs.version})\n`);
      const rows: Row[] = diff.pairs.map((p) => ({ [`${level}_a`]: p.a, [`${level}_b`]: p.b, blocks: p.blocks }));
      io.stdout(renderRows(rows, [`${level}_a`, `${level}_b`, 'blocks'], format, { [`${level}_a`]: `${level} (${specA})`, [`${level}_b`]: `${level} (${specB})` }));
    });
}
