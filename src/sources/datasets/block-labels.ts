/**
 * @module Per-block pool labels from dataset files: one record per block height with a pool label
 * (slug or name) and, where the source has it, the block's UTC time and hash. Three file shapes:
 * the 2020–2026 per-block attribution CSV (two label versions), its node file (with hashes) and the
 * BTC.com label list (heights only: no times are invented for it).
 */
import { DecodeError } from '../../domain/errors.js';
import { requireColumns, type RowScanner } from '../files/csv.js';
import { intField, isoUtcField, labelField, MAX_HEIGHT, RowIssues, type FieldContext } from '../files/fields.js';

export type { BlockLabelBatch } from '../../domain/batches.js';
import type { BlockLabelBatch } from '../../domain/batches.js';

export interface ReadResult {
  readonly batches: readonly BlockLabelBatch[];
  readonly rows: number;
  readonly skipped: number;
  readonly skippedExamples: readonly string[];
}

/** Growable column buffers for one source (typed arrays, doubled as needed). */
class Collected {
  heights = new Int32Array(1024);
  times = new Float64Array(1024);
  labels: string[] = [];
  hashes: string[] = [];
  n = 0;
  push(height: number, time: number, label: string, hash?: string): void {
    if (this.n === this.heights.length) {
      const h = new Int32Array(this.n * 2);
      h.set(this.heights);
      this.heights = h;
      const t = new Float64Array(this.n * 2);
      t.set(this.times);
      this.times = t;
    }
    this.heights[this.n] = height;
    this.times[this.n] = time;
    this.labels.push(label);
    if (hash !== undefined) this.hashes.push(hash);
    this.n++;
  }
}

function toBatch(source: string, description: string, input: string, c: Collected, withHashes = false): BlockLabelBatch {
  return {
    source,
    description,
    input,
    heights: c.heights.slice(0, c.n),
    timeSec: c.times.slice(0, c.n),
    labels: c.labels,
    ...(withHashes ? { hashes: c.hashes } : {}),
  };
}


/**
 * Heights must be unique within a file. Files are almost always in height order, so track the
 * maximum and fall back to a set only for heights at or below it.
 */
class UniqueHeights {
  private max = -1;
  private inOrder: number[] = [];
  private seen: Set<number> | null = null;
  check(ctx: FieldContext, height: number): void {
    if (this.seen === null) {
      if (height > this.max) {
        this.max = height;
        this.inOrder.push(height);
        return;
      }
      this.seen = new Set(this.inOrder);
      this.inOrder = [];
    }
    if (this.seen.has(height)) throw new DecodeError({ input: ctx.input, line: ctx.line, field: 'height' }, `duplicate height ${height}`);
    this.seen.add(height);
  }
}

/**
 * A reader fed one row at a time (from a whole-file scanner or a stream): `row` validates and
 * collects, `result` returns the batches. With `skipInvalid`, DecodeErrors are counted instead of thrown.
 */
export interface BlockLabelConsumer {
  row(fields: readonly string[], line: number): void;
  result(): ReadResult;
}

/** The file's header (and input name), as a consumer needs it to find its columns. */
export interface HeaderInfo {
  readonly input: string;
  readonly header: readonly string[];
}

function consumer(input: string, issues: RowIssues, body: (f: readonly string[], ctx: FieldContext) => void, batches: () => BlockLabelBatch[]): BlockLabelConsumer {
  const ctx = { input, line: 0 as number | undefined };
  let n = 0;
  return {
    row(f, line) {
      ctx.line = line;
      n++;
      if (!issues.skipInvalid) body(f, ctx);
      else issues.guard(() => body(f, ctx));
    },
    result: () => ({ batches: batches(), rows: n, skipped: issues.skipped, skippedExamples: issues.examples }),
  };
}

function readAll(rows: RowScanner, c: BlockLabelConsumer): ReadResult {
  rows.scan((f, line) => c.row(f, line));
  return c.result();
}

const PERBLOCK_WHAT = 'per-block pool attribution 2020–2026 (sorukumar/bitcoin-mining-pools; mempool.space slugs)';
/** Descriptions of the two sources in the per-block attribution file. */
export const PERBLOCK_DESCRIPTIONS = {
  'perblock-v1': `${PERBLOCK_WHAT}, version 1`,
  'perblock-v2': `${PERBLOCK_WHAT}, version 2 (enriched tags)`,
} as const;

/** `height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2` → sources perblock-v1 and perblock-v2. */
export function readPerBlockAttribution(rows: RowScanner, skipInvalid: boolean): ReadResult {
  return readAll(rows, perBlockAttributionConsumer(rows, skipInvalid));
}

export function perBlockAttributionConsumer(file: HeaderInfo, skipInvalid: boolean): BlockLabelConsumer {
  const col = requireColumns(file, ['height', 'timestamp_utc', 'unix_time', 'pool_slug_v1', 'pool_slug_v2']);
  const issues = new RowIssues(skipInvalid);
  const v1 = new Collected();
  const v2 = new Collected();
  const unique = new UniqueHeights();
  return consumer(file.input, issues, (f, ctx) => {
    const height = intField(ctx, 'height', f[col.height], 0, MAX_HEIGHT);
    const t = isoUtcField(ctx, 'timestamp_utc', f[col.timestamp_utc]);
    const unix = intField(ctx, 'unix_time', f[col.unix_time], 0);
    if (unix !== t) throw new DecodeError({ input: ctx.input, line: ctx.line, field: 'unix_time' }, `${unix} disagrees with timestamp_utc (${t})`);
    const s1 = labelField(ctx, 'pool_slug_v1', f[col.pool_slug_v1], true);
    const s2 = labelField(ctx, 'pool_slug_v2', f[col.pool_slug_v2], true);
    if (s1 === '' && s2 === '') throw new DecodeError({ input: ctx.input, line: ctx.line, field: 'pool_slug_v1' }, 'no pool label in either version');
    unique.check(ctx, height);
    if (s1 !== '') v1.push(height, t, s1);
    if (s2 !== '') v2.push(height, t, s2);
  }, () =>
    [toBatch('perblock-v1', PERBLOCK_DESCRIPTIONS['perblock-v1'], file.input, v1), toBatch('perblock-v2', PERBLOCK_DESCRIPTIONS['perblock-v2'], file.input, v2)].filter((b) => b.heights.length > 0),
  );
}

/** `height,block_hash,timestamp_utc,unix_time,pool_slug` → source perblock-node (with block hashes). */
export function readNodeBlocks(rows: RowScanner, skipInvalid: boolean): ReadResult {
  return readAll(rows, nodeBlocksConsumer(rows, skipInvalid));
}

export function nodeBlocksConsumer(file: HeaderInfo, skipInvalid: boolean): BlockLabelConsumer {
  const col = requireColumns(file, ['height', 'block_hash', 'timestamp_utc', 'unix_time', 'pool_slug']);
  const issues = new RowIssues(skipInvalid);
  const c = new Collected();
  const unique = new UniqueHeights();
  return consumer(file.input, issues, (f, ctx) => {
    const height = intField(ctx, 'height', f[col.height], 0, MAX_HEIGHT);
    const hash = (f[col.block_hash] ?? '').trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new DecodeError({ input: ctx.input, line: ctx.line, field: 'block_hash' }, `invalid block hash: ${JSON.stringify(hash)}`);
    const t = isoUtcField(ctx, 'timestamp_utc', f[col.timestamp_utc]);
    const unix = intField(ctx, 'unix_time', f[col.unix_time], 0);
    if (unix !== t) throw new DecodeError({ input: ctx.input, line: ctx.line, field: 'unix_time' }, `${unix} disagrees with timestamp_utc (${t})`);
    const slug = labelField(ctx, 'pool_slug', f[col.pool_slug]);
    unique.check(ctx, height);
    c.push(height, t, slug, hash);
  }, () => [toBatch('perblock-node', 'per-block pool labels from a node, heights 869,306–923,810 (sorukumar/bitcoin-mining-pools)', file.input, c, true)]);
}

/** `blockid,miningpool` → source btccom (BTC.com explorer labels; no timestamps). */
export function readBtcComLabels(rows: RowScanner, skipInvalid: boolean): ReadResult {
  return readAll(rows, btcComConsumer(rows, skipInvalid));
}

export function btcComConsumer(file: HeaderInfo, skipInvalid: boolean): BlockLabelConsumer {
  const col = requireColumns(file, ['blockid', 'miningpool']);
  const issues = new RowIssues(skipInvalid);
  const c = new Collected();
  const unique = new UniqueHeights();
  return consumer(file.input, issues, (f, ctx) => {
    const height = intField(ctx, 'blockid', f[col.blockid], 0, MAX_HEIGHT);
    const label = labelField(ctx, 'miningpool', f[col.miningpool]);
    unique.check(ctx, height);
    c.push(height, Number.NaN, label);
  }, () => [toBatch('btccom', 'BTC.com explorer pool labels, heights 400,000–546,235 (Canhui/Bitcoin_Mining_Pools; no timestamps)', file.input, c)]);
}
