/**
 * @module Per-block pool labels from dataset files: one record per block height with a pool label
 * (slug or name) and, where the source has it, the block's UTC time and hash. Three file shapes:
 * the 2020–2026 per-block attribution CSV (two label versions), its node file (with hashes) and the
 * BTC.com label list (heights only: no times are invented for it).
 */
import { DecodeError } from '../../domain/errors.js';
import type { CsvTable } from '../files/csv.js';
import { requireColumns } from '../files/csv.js';
import { intField, isoUtcField, labelField, RowIssues, type FieldContext } from '../files/fields.js';

/** Labels of one source, in file order; heights unique within a batch. */
export interface BlockLabelBatch {
  /** Source id stored with each label, e.g. `perblock-v1`. */
  readonly source: string;
  readonly description: string;
  readonly input: string;
  readonly heights: Int32Array;
  /** UTC seconds, NaN where the source has no time. */
  readonly timeSec: Float64Array;
  readonly labels: readonly string[];
  readonly hashes?: readonly string[];
}

export interface ReadResult {
  readonly batches: readonly BlockLabelBatch[];
  readonly rows: number;
  readonly skipped: number;
  readonly skippedExamples: readonly string[];
}

interface Collected {
  heights: number[];
  times: number[];
  labels: string[];
  hashes: string[];
}

const newCollected = (): Collected => ({ heights: [], times: [], labels: [], hashes: [] });

function toBatch(source: string, description: string, input: string, c: Collected, withHashes = false): BlockLabelBatch {
  return {
    source,
    description,
    input,
    heights: Int32Array.from(c.heights),
    timeSec: Float64Array.from(c.times),
    labels: c.labels,
    ...(withHashes ? { hashes: c.hashes } : {}),
  };
}

const MAX_HEIGHT = 100_000_000;

function checkUnique(seen: Set<number>, ctx: FieldContext, height: number): void {
  if (seen.has(height)) throw new DecodeError({ input: ctx.input, line: ctx.line, field: 'height' }, `duplicate height ${height}`);
  seen.add(height);
}

/** `height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2` → sources perblock-v1 and perblock-v2. */
export function readPerBlockAttribution(table: CsvTable, skipInvalid: boolean): ReadResult {
  const col = requireColumns(table, ['height', 'timestamp_utc', 'unix_time', 'pool_slug_v1', 'pool_slug_v2']);
  const issues = new RowIssues(skipInvalid);
  const v1 = newCollected();
  const v2 = newCollected();
  const seen = new Set<number>();
  table.rows.forEach((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    issues.guard(() => {
      const height = intField(ctx, 'height', row[col.height], 0, MAX_HEIGHT);
      const t = isoUtcField(ctx, 'timestamp_utc', row[col.timestamp_utc]);
      const unix = intField(ctx, 'unix_time', row[col.unix_time], 0);
      if (unix !== t) throw new DecodeError({ ...ctx, field: 'unix_time' }, `${unix} disagrees with timestamp_utc (${t})`);
      const s1 = labelField(ctx, 'pool_slug_v1', row[col.pool_slug_v1], true);
      const s2 = labelField(ctx, 'pool_slug_v2', row[col.pool_slug_v2], true);
      if (s1 === '' && s2 === '') throw new DecodeError({ ...ctx, field: 'pool_slug_v1' }, 'no pool label in either version');
      checkUnique(seen, ctx, height);
      for (const [c, s] of [[v1, s1], [v2, s2]] as const) {
        if (s === '') continue;
        c.heights.push(height);
        c.times.push(t);
        c.labels.push(s);
      }
    });
  });
  const what = 'per-block pool attribution 2020–2026 (sorukumar/bitcoin-mining-pools; mempool.space slugs)';
  return {
    batches: [
      toBatch('perblock-v1', `${what}, version 1`, table.input, v1),
      toBatch('perblock-v2', `${what}, version 2 (enriched tags)`, table.input, v2),
    ].filter((b) => b.heights.length > 0),
    rows: table.rows.length,
    skipped: issues.skipped,
    skippedExamples: issues.examples,
  };
}

/** `height,block_hash,timestamp_utc,unix_time,pool_slug` → source perblock-node (with block hashes). */
export function readNodeBlocks(table: CsvTable, skipInvalid: boolean): ReadResult {
  const col = requireColumns(table, ['height', 'block_hash', 'timestamp_utc', 'unix_time', 'pool_slug']);
  const issues = new RowIssues(skipInvalid);
  const c = newCollected();
  const seen = new Set<number>();
  table.rows.forEach((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    issues.guard(() => {
      const height = intField(ctx, 'height', row[col.height], 0, MAX_HEIGHT);
      const hash = (row[col.block_hash] ?? '').trim().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new DecodeError({ ...ctx, field: 'block_hash' }, `invalid block hash: ${JSON.stringify(hash)}`);
      const t = isoUtcField(ctx, 'timestamp_utc', row[col.timestamp_utc]);
      const unix = intField(ctx, 'unix_time', row[col.unix_time], 0);
      if (unix !== t) throw new DecodeError({ ...ctx, field: 'unix_time' }, `${unix} disagrees with timestamp_utc (${t})`);
      const slug = labelField(ctx, 'pool_slug', row[col.pool_slug]);
      checkUnique(seen, ctx, height);
      c.heights.push(height);
      c.times.push(t);
      c.labels.push(slug);
      c.hashes.push(hash);
    });
  });
  return {
    batches: [toBatch('perblock-node', 'per-block pool labels from a node, heights 869,306–923,810 (sorukumar/bitcoin-mining-pools)', table.input, c, true)],
    rows: table.rows.length,
    skipped: issues.skipped,
    skippedExamples: issues.examples,
  };
}

/** `blockid,miningpool` → source btccom (BTC.com explorer labels; no timestamps). */
export function readBtcComLabels(table: CsvTable, skipInvalid: boolean): ReadResult {
  const col = requireColumns(table, ['blockid', 'miningpool']);
  const issues = new RowIssues(skipInvalid);
  const c = newCollected();
  const seen = new Set<number>();
  table.rows.forEach((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    issues.guard(() => {
      const height = intField(ctx, 'blockid', row[col.blockid], 0, MAX_HEIGHT);
      const label = labelField(ctx, 'miningpool', row[col.miningpool]);
      checkUnique(seen, ctx, height);
      c.heights.push(height);
      c.times.push(Number.NaN);
      c.labels.push(label);
    });
  });
  return {
    batches: [toBatch('btccom', 'BTC.com explorer pool labels, heights 400,000–546,235 (Canhui/Bitcoin_Mining_Pools; no timestamps)', table.input, c)],
    rows: table.rows.length,
    skipped: issues.skipped,
    skippedExamples: issues.examples,
  };
}
