/**
 * @module Recognise which dataset a file is, from its header, and read it into batches.
 */
import { UsageError } from '../../domain/errors.js';
import { parseCsv, scannerFromText } from '../files/csv.js';
import { readText } from '../files/read-file.js';
import { PERBLOCK_DESCRIPTIONS, readBtcComLabels, readNodeBlocks, readPerBlockAttribution, type BlockLabelBatch } from './block-labels.js';
import { readPerBlockBytes, type FastColumn } from './perblock-fast.js';
import { readEdiDaily, readLongDaily, type DailyCountBatch } from './daily-counts.js';

export const DATASET_KINDS = ['perblock', 'perblock-node', 'btccom', 'edi-daily', 'daily-long'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export interface DatasetRead {
  readonly kind: DatasetKind;
  readonly blockBatches: readonly BlockLabelBatch[];
  readonly dailyBatches: readonly DailyCountBatch[];
  readonly rows: number;
  readonly skipped: number;
  readonly skippedExamples: readonly string[];
}

export function detectKind(table: { readonly input: string; readonly header: readonly string[] }): DatasetKind {
  const h = table.header.join(',');
  if (h === 'height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2') return 'perblock';
  if (h === 'height,block_hash,timestamp_utc,unix_time,pool_slug') return 'perblock-node';
  if (h === 'blockid,miningpool') return 'btccom';
  if (table.header[0] === 'Entity' && /^\d{2}\/\d{2}\/\d{4}$/.test(table.header[1] ?? '')) return 'edi-daily';
  if (h === 'day,entity,blocks') return 'daily-long';
  throw new UsageError(
    `cannot tell which dataset ${table.input} is from its header (${h.slice(0, 80)}${h.length > 80 ? '…' : ''}); pass --kind (one of ${DATASET_KINDS.join(', ')})`,
  );
}

export function parseKind(value: string): DatasetKind {
  if ((DATASET_KINDS as readonly string[]).includes(value)) return value as DatasetKind;
  throw new UsageError(`invalid kind: ${value} (expected one of ${DATASET_KINDS.join(', ')})`);
}

/** Label ids → labels (a plain loop: Array.from with a map function is several times slower in V8). */
function labelsOf(c: FastColumn, names: readonly string[]): string[] {
  const out = new Array<string>(c.n);
  for (let i = 0; i < c.n; i++) out[i] = names[c.label[i]!]!;
  return out;
}

/** The per-block attribution file in its usual shape, read byte by byte (perblock-fast.ts); null for any other shape. */
async function readPerBlockFast(path: string): Promise<DatasetRead | null> {
  return (await readPerBlockFastHashed(path, false))?.data ?? null;
}

/**
 * The per-block attribution file in its usual shape, read byte by byte in one streaming pass that
 * also hashes the stored bytes (sha256, as `nakamoto ingest` records it); null for any other shape.
  * With `anyFailure`, every input failure (missing file, corrupt gzip, a typed error) is also null, so that the caller's
 * general reader meets it and words the error as it always has.
 */
export async function readPerBlockFastHashed(path: string, anyFailure = true): Promise<{ data: DatasetRead; sha256: string } | null> {
  const read = await readPerBlockBytes(path, anyFailure);
  if (!read) return null;
  const { reader, sha256 } = read;
  const batch = (source: keyof typeof PERBLOCK_DESCRIPTIONS, c: FastColumn): BlockLabelBatch => ({
    source,
    description: PERBLOCK_DESCRIPTIONS[source],
    input: path,
    heights: c.heights.slice(0, c.n),
    timeSec: c.timeSec.slice(0, c.n),
    labels: labelsOf(c, reader.names),
  });
  const blockBatches = [batch('perblock-v1', reader.v1), batch('perblock-v2', reader.v2)].filter((b) => b.heights.length > 0);
  return { data: { kind: 'perblock', blockBatches, dailyBatches: [], rows: reader.rows, skipped: 0, skippedExamples: [] }, sha256 };
}

/** `opts.text`: the file's text when the caller has read it already (read once per ingest; then the byte-level fast path is skipped). */
export async function readDataset(path: string, opts: { kind?: DatasetKind; skipInvalid?: boolean; source?: string; text?: string } = {}): Promise<DatasetRead> {
  if (opts.text === undefined && (opts.kind === undefined || opts.kind === 'perblock')) {
    const fast = await readPerBlockFast(path);
    if (fast) return fast;
  }
  const text = opts.text ?? (await readText(path));
  const rows = scannerFromText(text, path);
  const kind = opts.kind ?? detectKind(rows);
  const skip = opts.skipInvalid ?? false;
  switch (kind) {
    case 'perblock':
    case 'perblock-node':
    case 'btccom': {
      const r = kind === 'perblock' ? readPerBlockAttribution(rows, skip) : kind === 'perblock-node' ? readNodeBlocks(rows, skip) : readBtcComLabels(rows, skip);
      return { kind, blockBatches: r.batches, dailyBatches: [], rows: r.rows, skipped: r.skipped, skippedExamples: r.skippedExamples };
    }
    case 'edi-daily':
    case 'daily-long': {
      const table = parseCsv(text, path);
      const r = kind === 'edi-daily' ? readEdiDaily(table, skip) : readLongDaily(table, opts.source ?? 'daily', `daily counts from ${path}`, skip);
      return { kind, blockBatches: [], dailyBatches: [r.batch], rows: r.rows, skipped: r.skipped, skippedExamples: r.skippedExamples };
    }
  }
}
