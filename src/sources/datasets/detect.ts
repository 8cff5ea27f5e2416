/**
 * @module Recognise which dataset a file is, from its header, and read it into batches.
 */
import { UsageError } from '../../domain/errors.js';
import { parseCsv, scannerFromText } from '../files/csv.js';
import { readText } from '../files/read-file.js';
import { readBtcComLabels, readNodeBlocks, readPerBlockAttribution, type BlockLabelBatch } from './block-labels.js';
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

/** `opts.text`: the file's text when the caller has read it already (read once per ingest). */
export async function readDataset(path: string, opts: { kind?: DatasetKind; skipInvalid?: boolean; source?: string; text?: string } = {}): Promise<DatasetRead> {
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
