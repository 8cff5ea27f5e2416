/**
 * @module Ingest a dataset file into the store: detect its kind, validate every row, and write each
 * source it contains in one transaction. Re-ingesting an unchanged file (same content hash) is
 * skipped; `force` re-merges it, which changes nothing unless labels differ.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SourceError } from '../domain/errors.js';
import { readDataset, type DatasetKind } from '../sources/datasets/detect.js';
import type { IngestMeta, SnapshotBatch, Store, WriteSummary } from '../store/store.js';
import { readSnapshotFile, type SnapshotKind } from '../sources/snapshots/read-snapshot-file.js';
import { readText } from '../sources/files/read-file.js';

export interface IngestOptions {
  readonly kind?: DatasetKind;
  readonly skipInvalid?: boolean;
  readonly force?: boolean;
  /** Source id for `daily-long` files. */
  readonly source?: string;
  readonly onProgress?: (event: { phase: 'read' | 'write'; source?: string; done: number; total: number }) => void;
}

export interface SourceIngestResult {
  readonly source: string;
  readonly description: string;
  readonly rows: number;
  /** null when skipped because the same content was already ingested. */
  readonly write: WriteSummary | null;
  readonly alreadyIngestedAs: number | null;
}

export interface IngestResult {
  readonly input: string;
  readonly kind: DatasetKind | SnapshotKind;
  readonly sha256: string;
  readonly rows: number;
  readonly skipped: number;
  readonly skippedExamples: readonly string[];
  readonly sources: readonly SourceIngestResult[];
  readonly seconds: number;
  /** How snapshot times were found (AI snapshot files). */
  readonly notes?: readonly string[];
}

export async function sha256File(path: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch (err) {
    throw new SourceError(`cannot read ${path}: ${(err as Error).message}`, { cause: err, inputError: true });
  }
}

export async function ingestDataset(store: Store, path: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const t0 = performance.now();
  const sha256 = await sha256File(path);
  opts.onProgress?.({ phase: 'read', done: 0, total: 1 });
  // The file is read once: AI snapshot formats are recognised first, else the Bitcoin dataset reader takes it.
  const text = await readText(path);
  const snapshots = opts.kind === undefined ? await readSnapshotFile(path, text) : null;
  if (snapshots) {
    opts.onProgress?.({ phase: 'read', done: 1, total: 1 });
    const results = await writeSnapshotBatches(store, snapshots.batches, { kind: snapshots.kind, sha256, rows: snapshots.rows, force: opts.force, onProgress: opts.onProgress });
    return { input: path, kind: snapshots.kind, sha256, rows: snapshots.rows, skipped: 0, skippedExamples: [], sources: results, seconds: (performance.now() - t0) / 1000, notes: snapshots.notes };
  }
  const data = await readDataset(path, { kind: opts.kind, skipInvalid: opts.skipInvalid, source: opts.source, text });
  opts.onProgress?.({ phase: 'read', done: 1, total: 1 });
  const meta = (rows: number): IngestMeta => ({ kind: data.kind, sha256, rulesVersion: `labels:${sha256.slice(0, 12)}`, rows, skipped: data.skipped });
  const results: SourceIngestResult[] = [];
  const total = data.blockBatches.reduce((a, b) => a + b.heights.length, 0) + data.dailyBatches.reduce((a, b) => a + b.counts.length, 0);
  let done = 0;
  const batches = [
    ...data.blockBatches.map((b) => ({ source: b.source, description: b.description, rows: b.heights.length, write: () => store.writeBlockLabels(b, meta(b.heights.length)) })),
    ...data.dailyBatches.map((b) => ({ source: b.source, description: b.description, rows: b.counts.length, write: () => store.writeDailyCounts(b, meta(b.counts.length)) })),
  ];
  for (const b of batches) {
    const previous = opts.force ? null : await store.findIngest(b.source, sha256);
    const write = previous ? null : await b.write();
    done += b.rows;
    opts.onProgress?.({ phase: 'write', source: b.source, done, total });
    results.push({ source: b.source, description: b.description, rows: b.rows, write, alreadyIngestedAs: previous?.id ?? null });
  }
  return {
    input: path,
    kind: data.kind,
    sha256,
    rows: data.rows,
    skipped: data.skipped,
    skippedExamples: data.skippedExamples,
    sources: results,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Write snapshot batches, each in its own transaction with its ingest record; a batch whose source
 * already ingested this exact file is skipped (unless `force`).
 */
export async function writeSnapshotBatches(
  store: Store,
  batches: readonly SnapshotBatch[],
  o: { kind: string; sha256: string; rows: number; force?: boolean; onProgress?: IngestOptions['onProgress'] },
): Promise<SourceIngestResult[]> {
  const results: SourceIngestResult[] = [];
  const total = batches.reduce((a, b) => a + b.snapshots.length, 0);
  let done = 0;
  for (const b of batches) {
    const previous = o.force ? null : await store.findIngest(b.source, o.sha256);
    const meta: IngestMeta = { kind: o.kind, sha256: o.sha256, rulesVersion: 'snapshot', rows: b.snapshots.length, skipped: 0 };
    const write = previous ? null : await store.writeSnapshots(b, meta);
    done += b.snapshots.length;
    o.onProgress?.({ phase: 'write', source: b.source, done, total });
    results.push({ source: b.source, description: b.description, rows: b.snapshots.length, write, alreadyIngestedAs: previous?.id ?? null });
  }
  return results;
}
