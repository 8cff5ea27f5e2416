/**
 * @module Ingest a dataset file into the store: detect its kind, validate every row, and write each
 * source it contains in one transaction. Re-ingesting an unchanged file (same content hash) is
 * skipped; `force` re-merges it, which changes nothing unless labels differ.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistorySpan } from '../attribute/pool-renames.js';
import { SourceError, UsageError } from '../domain/errors.js';
import { datasetsRoot } from '../sources/files/datasets-path.js';
import { readDataset, readPerBlockFastHashed, type DatasetKind, type DatasetRead } from '../sources/datasets/detect.js';
import type { IngestMeta, SnapshotBatch, Store, WriteSummary } from '../store/store.js';
import type { SnapshotKind } from '../sources/snapshots/read-snapshot-file.js';
import { readText } from '../sources/files/read-file.js';
import type { BlockchairKind } from './ingest-blockchair.js';

// The AI snapshot decoders, the Blockchair readers (with the rule sets) and the pool-list history are
// loaded only when a file needs them: start-up of an ingest of the per-block file stays light.
const blockchair = () => import('./ingest-blockchair.js');
const snapshotFiles = () => import('../sources/snapshots/read-snapshot-file.js');

export interface IngestOptions {
  readonly kind?: DatasetKind;
  readonly skipInvalid?: boolean;
  readonly force?: boolean;
  /** Source id for `daily-long` files. */
  readonly source?: string;
  /** Blockchair scriptSig files: `block` also attributes with the rules as they stood at each block's date. */
  readonly rulesAsOf?: 'latest' | 'block';
  /** Where the rule sets live (Blockchair scriptSig files are attributed while ingested). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onProgress?: (event: { phase: 'read' | 'write'; source?: string; done: number; total: number }) => void;
  /** The fast read of this file, started by the caller (`startFastRead`) before the store was open. */
  readonly preread?: Promise<FastRead | null>;
}

type FastRead = Awaited<ReturnType<typeof readPerBlockFastHashed>>;

/**
 * Start the one-pass read of a per-block file (see `ingestDataset`) before opening the store, so the
 * two overlap (`preread`); undefined when `kind` rules it out. Never rejects: null sends the file to the
 * general path, which words any error.
 */
export function startFastRead(path: string, kind?: DatasetKind): Promise<FastRead | null> | undefined {
  return kind === undefined || kind === 'perblock' ? readPerBlockFastHashed(path) : undefined;
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
  readonly kind: DatasetKind | SnapshotKind | BlockchairKind;
  readonly sha256: string;
  readonly rows: number;
  readonly skipped: number;
  readonly skippedExamples: readonly string[];
  readonly sources: readonly SourceIngestResult[];
  readonly seconds: number;
  /** Notes: how snapshot times were found (AI snapshot files); what an ingest joined or skipped. */
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
  if (opts.kind === undefined || opts.kind === 'perblock') {
    // The per-block attribution file in its usual shape: one streaming pass reads, checks and hashes
    // it (perblock-fast.ts). Anything else, or any failure, takes the general path below, which
    // reads the file again and words the errors.
    opts.onProgress?.({ phase: 'read', done: 0, total: 1 });
    const fast = await (opts.preread ?? readPerBlockFastHashed(path));
    if (fast) return writeDataset(store, path, fast.data, fast.sha256, opts, t0);
  }
  const sha256 = await sha256File(path);
  const bc = opts.kind === undefined ? await (await blockchair()).detectBlockchairKind(path) : null;
  if (bc) return ingestBlockchair(store, path, bc, sha256, opts, t0);
  opts.onProgress?.({ phase: 'read', done: 0, total: 1 });
  // The file is read once: AI snapshot formats are recognised first, else the Bitcoin dataset reader takes it.
  const text = await readText(path);
  const snapshots = opts.kind === undefined ? await (await snapshotFiles()).readSnapshotFile(path, text) : null;
  if (snapshots) {
    opts.onProgress?.({ phase: 'read', done: 1, total: 1 });
    const results = await writeSnapshotBatches(store, snapshots.batches, { kind: snapshots.kind, sha256, rows: snapshots.rows, force: opts.force, onProgress: opts.onProgress });
    return { input: path, kind: snapshots.kind, sha256, rows: snapshots.rows, skipped: 0, skippedExamples: [], sources: results, seconds: (performance.now() - t0) / 1000, notes: snapshots.notes };
  }
  const data = await readDataset(path, { kind: opts.kind, skipInvalid: opts.skipInvalid, source: opts.source, text });
  return writeDataset(store, path, data, sha256, opts, t0);
}

/** Write each source of a dataset read, in its own transaction (skipped when this file is already stored for it). */
async function writeDataset(store: Store, path: string, data: DatasetRead, sha256: string, opts: IngestOptions, t0: number): Promise<IngestResult> {
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

async function ingestBlockchair(store: Store, path: string, kind: BlockchairKind, sha256: string, opts: IngestOptions, t0: number): Promise<IngestResult> {
  opts.onProgress?.({ phase: 'read', done: 0, total: 1 });
  // Same file under the same rules: nothing to do (and nothing to attribute). New rules: re-label (the upsert counts changes).
  const previousOf = async (source: string, rulesVersion: string) => {
    if (opts.force) return null;
    const p = await store.findIngest(source, sha256);
    return p !== null && p.rulesVersion === rulesVersion ? p : null;
  };
  const asOf = kind === 'blockchair-scriptsig' && opts.rulesAsOf === 'block' ? await asOfInputs(store, opts.env) : undefined;
  const data = await (await blockchair()).readBlockchairDataset(path, kind, {
    sha256,
    ...(asOf ? { asOf } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    onProgress: (done, total) => opts.onProgress?.({ phase: 'read', done, total }),
    isCurrent: async (source, rulesVersion) => (await previousOf(source, rulesVersion)) !== null,
  });
  opts.onProgress?.({ phase: 'read', done: 1, total: 1 });
  const results: SourceIngestResult[] = [];
  let done = 0;
  const total = data.batches.reduce((a, b) => a + b.rows, 0);
  for (const { batch, source, rows, rulesVersion } of data.batches) {
    const previous = await previousOf(source, rulesVersion);
    const write = previous !== null || batch === null ? null : await store.writeBlockLabels(batch, { kind, sha256, rulesVersion, rows, skipped: 0 });
    done += rows;
    opts.onProgress?.({ phase: 'write', source, done, total });
    results.push({ source, description: batch?.description ?? 'already stored', rows, write, alreadyIngestedAs: previous?.id ?? null });
  }
  // The per-block facts (scriptSigs, or version / transactions / weight / fees / reward), merged by height.
  const facts = data.facts;
  const factsVersion = `facts:${sha256.slice(0, 12)}`;
  const previousFacts = await previousOf(facts.source, factsVersion);
  const factsWrite = previousFacts ? null : await store.writeBlockFacts(facts, { kind, sha256, rulesVersion: factsVersion, rows: facts.heights.length, skipped: 0 });
  results.push({ source: facts.source, description: facts.description, rows: facts.heights.length, write: factsWrite, alreadyIngestedAs: previousFacts?.id ?? null });
  return { input: path, kind, sha256, rows: data.rows, skipped: 0, skippedExamples: [], sources: results, seconds: (performance.now() - t0) / 1000, notes: data.notes };
}

/** The pool-list history and the block times already in the store, for `--rules-as-of block`. */
async function asOfInputs(store: Store, env: IngestOptions['env']): Promise<{ spans: readonly HistorySpan[]; version: string; timeOf: (h: number) => number | undefined }> {
  const sources = (await store.listSources()).filter((s) => s.granularity === 'block' && s.firstTimeSec !== null);
  if (sources.length === 0) throw new UsageError('--rules-as-of block needs block times in the store: ingest the Blockchair blocks file (or the per-block attribution) first');
  // The source that covers most blocks supplies the times (they are one per height, shared by every source).
  sources.sort((a, b) => b.blocks - a.blocks);
  const labels = await store.readBlockLabels(sources[0]!.source);
  const times = new Map<number, number>();
  for (let i = 0; i < labels.heights.length; i++) if (Number.isFinite(labels.timeSec[i]!)) times.set(labels.heights[i]!, labels.timeSec[i]!);
  const root = datasetsRoot(env);
  const { loadPoolHistory, POOL_HISTORY_FILE } = await import('./pool-renames-data.js');
  return { spans: await loadPoolHistory(root), version: (await sha256File(join(root, POOL_HISTORY_FILE))).slice(0, 12), timeOf: (h) => times.get(h) };
}
