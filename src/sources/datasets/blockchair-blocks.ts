/**
 * @module Streaming reader of Blockchair's per-block dumps (tab-separated, optionally gzip): the
 * staged `bitcoin/blockchair-blocks-2020-2025` economics file (23 columns, no hash) and the
 * original 36-column daily dumps (with `hash`). One typed record per block, validated row by row:
 * errors are one line, `file:line [column]: reason`.
 *
 * Checks: integer, non-negative amounts and counts; `reward = generation + fee_total`; the claimed
 * subsidy (`generation`) at most the scheduled one (under-claiming is legal and flagged, over-claiming
 * is not); unique heights. Known dataset errata (PROVENANCE.md of the staged folder) are handled
 * here, once: the 27 block times Blockchair recorded exactly one hour early are corrected (flagged
 * `timeCorrected`), and gaps in the height range (854,599 and 854,614 are absent from the source)
 * are reported in the summary, never invented.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { blockSubsidySats } from '../../analysis/attack/subsidy.js';
import { DecodeError, SourceError } from '../../domain/errors.js';
import { requireColumns } from '../files/csv.js';
import { intField, labelField, MAX_HEIGHT, numberField, type FieldContext } from '../files/fields.js';

/** The staged file, relative to the datasets root (see `datasetPath`). */
export const BLOCKCHAIR_BLOCKS_FILE = 'bitcoin/blockchair-blocks-2020-2025/blockchair_blocks_economics_h610546-886932.tsv.gz';

/** Heights inside the staged range that Blockchair's dumps do not contain (PROVENANCE.md). */
export const BLOCKCHAIR_KNOWN_MISSING_HEIGHTS: readonly number[] = [854_599, 854_614];

/**
 * Height ranges (inclusive) whose Blockchair `time` is exactly 3,600 s earlier than the header time
 * recorded by a node (PROVENANCE.md: 729,192–729,193 on 2022-03-27 and 736,702–736,726 on 2022-05-17).
 */
export const BLOCKCHAIR_TIME_SHIFTS: readonly { readonly from: number; readonly to: number; readonly addSec: number }[] = [
  { from: 729_192, to: 729_193, addSec: 3600 },
  { from: 736_702, to: 736_726, addSec: 3600 },
];

/** One block as the dump records it. Amounts in satoshis (integers), times in UTC seconds. */
export interface BlockchairBlock {
  readonly height: number;
  /** Header time, with the known one-hour shifts corrected (see `timeCorrected`). */
  readonly timeSec: number;
  /** True when `timeSec` differs from the file's `time` because of a known shift. */
  readonly timeCorrected: boolean;
  readonly medianTimeSec: number;
  /** Block hash (hex) when the file has a `hash` column, else null. */
  readonly hash: string | null;
  readonly version: number;
  readonly nonce: number;
  /** Compact target, as the decimal integer Blockchair writes. */
  readonly bits: number;
  readonly difficulty: number;
  readonly size: number;
  readonly strippedSize: number;
  readonly weight: number;
  /** Transactions including the coinbase (1 = empty block). */
  readonly txCount: number;
  readonly inputCount: number;
  readonly outputCount: number;
  readonly feeSat: number;
  /** Subsidy the coinbase claimed (`generation`). */
  readonly claimedSubsidySat: number;
  /** Subsidy the consensus schedule allows at this height. */
  readonly scheduledSubsidySat: number;
  /** `generation + fee_total`: the coinbase output total. */
  readonly rewardSat: number;
  /** The reward valued in USD at Blockchair's price of that day. */
  readonly rewardUsd: number;
  /** Blockchair's `guessed_miner` label ("Unknown" where it has none). */
  readonly miner: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface BlockchairSummary {
  readonly input: string;
  readonly rows: number;
  readonly firstHeight: number | null;
  readonly lastHeight: number | null;
  /** Heights between first and last that no row has (ascending). */
  readonly missingHeights: readonly number[];
  /** Rows whose time was corrected for a known shift. */
  readonly timeCorrected: number;
  /** Heights whose coinbase claimed less than the scheduled subsidy. */
  readonly underClaimedHeights: readonly number[];
  /** True when the file had a `hash` column. */
  readonly hasHash: boolean;
}

export interface BlockchairReadOptions {
  /** Apply BLOCKCHAIR_TIME_SHIFTS (default true). */
  readonly correctTimes?: boolean;
}

const COLUMNS = [
  'id',
  'time',
  'median_time',
  'size',
  'stripped_size',
  'weight',
  'version',
  'nonce',
  'bits',
  'difficulty',
  'transaction_count',
  'input_count',
  'output_count',
  'fee_total',
  'generation',
  'reward',
  'reward_usd',
  'guessed_miner',
] as const;

const U32 = 0xffff_ffff;

function fail(ctx: FieldContext, field: string, reason: string): never {
  throw new DecodeError({ input: ctx.input, line: ctx.line, field }, reason);
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) → seconds. */
function timeField(ctx: FieldContext, field: string, raw: string | undefined): number {
  const s = (raw ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (m) {
    const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, se);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && se < 60) return ms / 1000;
  }
  return fail(ctx, field, `invalid UTC time: ${JSON.stringify(s)} (expected YYYY-MM-DD HH:MM:SS)`);
}

/** A satoshi amount: a non-negative integer; names negative and non-numeric values plainly. */
function satField(ctx: FieldContext, field: string, raw: string | undefined): number {
  const s = (raw ?? '').trim();
  if (/^-\d+(\.\d+)?$/.test(s)) fail(ctx, field, `negative amount: ${s}`);
  if (!/^\d+$/.test(s)) fail(ctx, field, `not an integer amount of satoshis: ${JSON.stringify(s)}`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) fail(ctx, field, `amount too large: ${s}`);
  return n;
}

/** Tracks heights: duplicates are errors (at the duplicate's line); gaps are collected. */
class HeightTracker {
  private max = -1;
  private sorted = true;
  private readonly all: number[] = [];
  private seen: Set<number> | null = null;
  add(ctx: FieldContext, height: number): void {
    if (this.seen === null && height > this.max) {
      this.max = height;
      this.all.push(height);
      return;
    }
    if (this.seen === null) {
      this.seen = new Set(this.all);
      this.sorted = false;
    }
    if (this.seen.has(height)) fail(ctx, 'id', `duplicate height ${height}`);
    this.seen.add(height);
    this.all.push(height);
    if (height > this.max) this.max = height;
  }
  span(): { first: number | null; last: number | null; missing: number[] } {
    const hs = this.sorted ? this.all : [...this.all].sort((a, b) => a - b);
    const missing: number[] = [];
    for (let i = 1; i < hs.length; i++) for (let h = hs[i - 1]! + 1; h < hs[i]!; h++) missing.push(h);
    return { first: hs[0] ?? null, last: hs[hs.length - 1] ?? null, missing };
  }
}

function timeShift(height: number): number {
  for (const s of BLOCKCHAIR_TIME_SHIFTS) if (height >= s.from && height <= s.to) return s.addSec;
  return 0;
}

/**
 * Validate and convert lines of a Blockchair dump (the first non-empty line is the header), calling
 * `onBlock` for each block in file order. Throws a DecodeError on the first bad row.
 */
export async function readBlockchairLines(
  lines: AsyncIterable<string> | Iterable<string>,
  input: string,
  onBlock: (block: BlockchairBlock) => void,
  options: BlockchairReadOptions = {},
): Promise<BlockchairSummary> {
  const correct = options.correctTimes ?? true;
  let header: string[] | null = null;
  let col: Record<(typeof COLUMNS)[number], number> | null = null;
  let hashCol = -1;
  let lineNo = 0;
  let rows = 0;
  let corrected = 0;
  const under: number[] = [];
  const heights = new HeightTracker();
  const ctx = { input, line: 0 as number | undefined };
  for await (let raw of lines) {
    lineNo++;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') continue;
    const f = raw.split('\t');
    if (header === null) {
      header = f.map((h) => h.trim());
      if (header[0]?.charCodeAt(0) === 0xfeff) header[0] = header[0].slice(1);
      col = requireColumns({ input, header }, COLUMNS);
      hashCol = header.indexOf('hash');
      continue;
    }
    ctx.line = lineNo;
    if (f.length !== header.length) throw new DecodeError({ input, line: lineNo }, `expected ${header.length} tab-separated fields, found ${f.length}`);
    const c = col!;
    const height = intField(ctx, 'id', f[c.id], 0, MAX_HEIGHT);
    const rawTime = timeField(ctx, 'time', f[c.time]);
    const medianTimeSec = timeField(ctx, 'median_time', f[c.median_time]);
    let hash: string | null = null;
    if (hashCol >= 0) {
      hash = (f[hashCol] ?? '').trim().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hash)) fail(ctx, 'hash', `invalid block hash: ${JSON.stringify(hash)}`);
    }
    const feeSat = satField(ctx, 'fee_total', f[c.fee_total]);
    const claimedSubsidySat = satField(ctx, 'generation', f[c.generation]);
    const rewardSat = satField(ctx, 'reward', f[c.reward]);
    if (rewardSat !== claimedSubsidySat + feeSat) {
      fail(ctx, 'reward', `reward ${rewardSat} ≠ generation ${claimedSubsidySat} + fee_total ${feeSat} (= ${claimedSubsidySat + feeSat})`);
    }
    const scheduledSubsidySat = Number(blockSubsidySats(height));
    if (claimedSubsidySat > scheduledSubsidySat) fail(ctx, 'generation', `claimed subsidy ${claimedSubsidySat} exceeds the scheduled ${scheduledSubsidySat} at height ${height}`);
    const rewardUsd = numberField(ctx, 'reward_usd', f[c.reward_usd], { min: 0 });
    const txCount = intField(ctx, 'transaction_count', f[c.transaction_count], 1);
    const block: BlockchairBlock = {
      height,
      timeSec: rawTime,
      timeCorrected: false,
      medianTimeSec,
      hash,
      version: intField(ctx, 'version', f[c.version], 0, U32),
      nonce: intField(ctx, 'nonce', f[c.nonce], 0, U32),
      bits: intField(ctx, 'bits', f[c.bits], 0, U32),
      difficulty: numberField(ctx, 'difficulty', f[c.difficulty], { min: 0 }),
      size: intField(ctx, 'size', f[c.size], 1),
      strippedSize: intField(ctx, 'stripped_size', f[c.stripped_size], 1),
      weight: intField(ctx, 'weight', f[c.weight], 1),
      txCount,
      inputCount: intField(ctx, 'input_count', f[c.input_count], 1),
      outputCount: intField(ctx, 'output_count', f[c.output_count], 1),
      feeSat,
      claimedSubsidySat,
      scheduledSubsidySat,
      rewardSat,
      rewardUsd,
      miner: labelField(ctx, 'guessed_miner', f[c.guessed_miner]),
      line: lineNo,
    };
    heights.add(ctx, height);
    const shift = correct ? timeShift(height) : 0;
    const out = shift === 0 ? block : { ...block, timeSec: rawTime + shift, timeCorrected: true };
    if (shift !== 0) corrected++;
    if (claimedSubsidySat < scheduledSubsidySat) under.push(height);
    rows++;
    onBlock(out);
  }
  if (header === null) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  const span = heights.span();
  return {
    input,
    rows,
    firstHeight: span.first,
    lastHeight: span.last,
    missingHeights: span.missing,
    timeCorrected: corrected,
    underClaimedHeights: under,
    hasHash: hashCol >= 0,
  };
}

async function isGzip(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    throw new SourceError(`cannot read ${path}: ${why}`, { cause: err, inputError: code === 'ENOENT' || code === 'EISDIR' });
  }
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Stream a Blockchair dump from disk (gzip detected by its magic bytes), calling `onBlock` for each
 * block. Memory stays flat: nothing but the height list is kept.
 */
export async function readBlockchairBlocks(path: string, onBlock: (block: BlockchairBlock) => void, options: BlockchairReadOptions = {}): Promise<BlockchairSummary> {
  const gz = await isGzip(path);
  const file = createReadStream(path);
  let stream: Readable = file;
  let streamError: Error | null = null;
  if (gz) {
    const gunzip = createGunzip();
    file.on('error', (e) => gunzip.destroy(e));
    stream = file.pipe(gunzip);
  }
  stream.on('error', (e) => {
    streamError = e;
  });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    return await readBlockchairLines(rl, path, onBlock, options);
  } catch (err) {
    if (streamError !== null || (gz && (err as NodeJS.ErrnoException).code?.startsWith('Z_'))) {
      const e = streamError ?? (err as Error);
      throw new DecodeError({ input: path }, `corrupt or truncated gzip data (${e.message})`, { cause: e });
    }
    throw err;
  } finally {
    rl.close();
    stream.destroy();
  }
}

/** Read a whole dump into memory (small files, tests). */
export async function loadBlockchairBlocks(path: string, options: BlockchairReadOptions = {}): Promise<{ blocks: BlockchairBlock[]; summary: BlockchairSummary }> {
  const blocks: BlockchairBlock[] = [];
  const summary = await readBlockchairBlocks(path, (b) => blocks.push(b), options);
  return { blocks, summary };
}
