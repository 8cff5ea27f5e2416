/**
 * @module `bitcoin/pools` straight from a dataset file, without a store (`nakamoto metrics
 * bitcoin/pools --input FILE`): the file is streamed once (gunzipped and validated row by row into
 * typed arrays; the per-block file in its usual shape byte by byte, perblock-fast.ts, else through
 * the general readers) and turned into the same series `nakamoto ingest` + a store read would give — the
 * same sources (`perblock` = v1 labels, v2 where v1 has none; `perblock-v1`, `perblock-v2`,
 * `perblock-node`, `btccom`, `edi`, …), the same label order, the same covered range — so every
 * metric is identical to `ingest` then `metrics` (tested). From the per-block file in its usual
 * shape, the composite `perblock` comes straight from the reader's rows (v1, else v2, per row),
 * numbered as the merge of the two versions would number it; each version alone is built only if
 * asked for. The general readers are imported only when the fast path gives up.
 */
import { NotFoundError } from '../domain/errors.js';
import { btcComConsumer, nodeBlocksConsumer, PERBLOCK_DESCRIPTIONS, perBlockAttributionConsumer, type BlockLabelBatch, type BlockLabelConsumer, type HeaderInfo } from '../sources/datasets/block-labels.js';
import { readPerBlockBytes, type PerBlockFastReader, type FastRows } from '../sources/datasets/perblock-fast.js';
import type { DailyCountBatch } from '../sources/datasets/daily-counts.js';
import type { DatasetKind } from '../sources/datasets/detect.js';
import { QuotedCsv, streamCsv } from '../sources/files/stream-csv.js';
import type { StoredBlockLabels, StoredDailyCounts } from '../store/store.js';
import { COMPOSITE_SOURCE } from './load-bitcoin.js';
import { canonicalSlug, heightSeriesFromBlockLabels, mergeBlockLabels, seriesFromBlockLabels, seriesFromDailyCounts, type SourcedSeries } from './series-source.js';

const CONSUMERS: Partial<Record<DatasetKind, (file: HeaderInfo, skipInvalid: boolean) => BlockLabelConsumer>> = {
  perblock: perBlockAttributionConsumer,
  'perblock-node': nodeBlocksConsumer,
  btccom: btcComConsumer,
};

/** A source of the file as the store would return it (labels numbered in sorted order). */
interface FileSource {
  readonly source: string;
  readonly description: string;
  readonly labels: StoredBlockLabels;
}

interface FileData {
  readonly kind: DatasetKind;
  readonly sha256: string | null;
  readonly blockSources: readonly FileSource[];
  readonly dailyBatches: readonly DailyCountBatch[];
  /** The composite source (v1, else v2) when the reader built it directly (else merged from blockSources). */
  readonly composite?: StoredBlockLabels;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** ids[i] → map[ids[i]] for i < n, in a new array. */
function mapIds(ids: Int32Array, n: number, map: Int32Array): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = map[ids[i]!]!;
  return out;
}

/** Each row's first label (v1, else v2) through `map`. */
function firstIds(r: FastRows, map: Int32Array): Int32Array {
  const { n, label1, label2 } = r;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = label1[i]!;
    out[i] = map[a >= 0 ? a : label2[i]!]!;
  }
  return out;
}

/** One label version of the fast reader as the store returns it: labels numbered in sorted order. */
function versionLabels(reader: PerBlockFastReader, version: 1 | 2): StoredBlockLabels {
  const c = version === 1 ? reader.v1 : reader.v2;
  const ids = reader.usedIds(version).sort((x, y) => byName(reader.names[x]!, reader.names[y]!));
  const rank = new Int32Array(reader.names.length).fill(-1);
  ids.forEach((id, k) => (rank[id] = k));
  return { heights: c.heights.subarray(0, c.n), timeSec: c.timeSec.subarray(0, c.n), label: mapIds(c.label, c.n, rank), labels: ids.map((id) => reader.names[id]!) };
}

/**
 * The composite (v1, else v2) straight from the reader's rows, numbered exactly as
 * mergeBlockLabels numbers the merge of the two versions (each version's sorted labels in turn,
 * aliases merged, first seen first) — without building the versions and merging them (tested equal).
 */
function compositeLabels(reader: PerBlockFastReader): StoredBlockLabels {
  const labels: string[] = [];
  const index = new Map<string, number>();
  const rank = new Int32Array(reader.names.length).fill(-1);
  for (const version of [1, 2] as const) {
    for (const id of reader.usedIds(version).sort((x, y) => byName(reader.names[x]!, reader.names[y]!))) {
      const name = canonicalSlug(reader.names[id]!);
      let k = index.get(name);
      if (k === undefined) {
        k = labels.length;
        labels.push(name);
        index.set(name, k);
      }
      rank[id] = k;
    }
  }
  const r = reader.read;
  return { heights: r.heights.subarray(0, r.n), timeSec: r.timeSec.subarray(0, r.n), label: firstIds(r, rank), labels };
}

/** Per-block attribution file in its usual shape, byte by byte; null when it is in another shape. */
async function readFast(path: string): Promise<FileData | null> {
  const read = await readPerBlockBytes(path);
  if (!read) return null;
  const { reader, sha256 } = read;
  // Each version's labels are built only if that source is asked for (`--source perblock-v1`).
  const blockSources: FileSource[] = [];
  for (const [source, version] of [['perblock-v1', 1], ['perblock-v2', 2]] as const) {
    if (reader.usedIds(version).length === 0) continue;
    let labels: StoredBlockLabels | undefined;
    blockSources.push({ source, description: PERBLOCK_DESCRIPTIONS[source], get labels() { return (labels ??= versionLabels(reader, version)); } });
  }
  return { kind: 'perblock', sha256, blockSources, dailyBatches: [], composite: compositeLabels(reader) };
}

async function readFileData(path: string): Promise<FileData> {
  const fast = await readFast(path);
  if (fast) return fast;
  // The general readers (any file shape, worded errors) are imported only when the fast path gives up.
  const { detectKind, readDataset } = await import('../sources/datasets/detect.js');
  let kind: DatasetKind | undefined;
  let consumer: BlockLabelConsumer | undefined;
  try {
    const r = await streamCsv(path, (file) => {
      kind = detectKind(file);
      const make = CONSUMERS[kind];
      if (!make) throw new QuotedCsv(path); // day-granular files are small: read them whole
      consumer = make(file, false);
      return (f, line) => consumer!.row(f, line);
    });
    return { kind: kind!, sha256: r.sha256, blockSources: consumer!.result().batches.map(fileSource), dailyBatches: [] };
  } catch (err) {
    if (!(err instanceof QuotedCsv)) throw err;
    const d = await readDataset(path);
    return { kind: d.kind, sha256: null, blockSources: d.blockBatches.map(fileSource), dailyBatches: d.dailyBatches };
  }
}

/** Sorted distinct names and each item's index into them (the store numbers labels in sorted order). */
function dictionary(names: readonly string[]): { labels: string[]; ids: Int32Array } {
  // One hash lookup per item: number in first-seen order, then renumber in sorted order.
  const index = new Map<string, number>();
  const ids = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let k = index.get(name);
    if (k === undefined) index.set(name, (k = index.size));
    ids[i] = k;
  }
  const seen = [...index.keys()];
  const labels = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(labels.map((l, i) => [l, i]));
  const renumber = Int32Array.from(seen, (l) => rank.get(l)!);
  for (let i = 0; i < ids.length; i++) ids[i] = renumber[ids[i]!]!;
  return { labels, ids };
}

function storedLabels(b: BlockLabelBatch): StoredBlockLabels {
  const { labels, ids } = dictionary(b.labels);
  // The store returns labels in height order.
  let sorted = true;
  for (let i = 1; i < b.heights.length && sorted; i++) sorted = b.heights[i]! > b.heights[i - 1]!;
  if (sorted) return { heights: b.heights, timeSec: b.timeSec, label: ids, labels };
  const order = Array.from(b.heights.keys()).sort((x, y) => b.heights[x]! - b.heights[y]!);
  return {
    heights: Int32Array.from(order, (i) => b.heights[i]!),
    timeSec: Float64Array.from(order, (i) => b.timeSec[i]!),
    label: Int32Array.from(order, (i) => ids[i]!),
    labels,
  };
}

function fileSource(b: BlockLabelBatch): FileSource {
  return { source: b.source, description: b.description, labels: storedLabels(b) };
}

function storedDaily(b: DailyCountBatch): StoredDailyCounts {
  const { labels, ids } = dictionary(b.entities);
  const order = Array.from(b.daySec.keys()).sort((x, y) => b.daySec[x]! - b.daySec[y]! || ids[x]! - ids[y]!);
  return {
    daySec: Float64Array.from(order, (i) => b.daySec[i]!),
    entity: Int32Array.from(order, (i) => ids[i]!),
    counts: Int32Array.from(order, (i) => b.counts[i]!),
    entities: labels,
  };
}

/** Load `source` of the dataset file at `path` (default: `perblock` for the per-block attribution file, else its only source). */
export async function loadBitcoinFromFile(path: string, source?: string): Promise<SourcedSeries> {
  const data = await readFileData(path);
  const blockSources = data.blockSources.map((b) => b.source);
  const available = [...(blockSources.some((s) => s === 'perblock-v1' || s === 'perblock-v2') ? [COMPOSITE_SOURCE] : []), ...blockSources, ...data.dailyBatches.map((b) => b.source)];
  const chosen = source ?? available[0];
  if (chosen === undefined || !available.includes(chosen)) {
    throw new NotFoundError(`source ${chosen ?? '(none)'} is not in ${path} (it holds: ${available.join(', ') || 'nothing'})`);
  }
  const rulesVersions = data.sha256 ? [`labels:${data.sha256.slice(0, 12)}`] : [];
  const provenance = (description: string, level: string) => ({ distribution: 'bitcoin/pools', source: chosen, description, rulesVersions, from: path, level, unit: 'blocks' });
  const daily = data.dailyBatches.find((b) => b.source === chosen);
  if (daily) {
    const { series, coverage } = seriesFromDailyCounts(storedDaily(daily));
    return { series, coverage, provenance: provenance(daily.description, chosen === 'edi' ? 'entity (EDI ownership-merged)' : 'pool') };
  }
  const parts = chosen === COMPOSITE_SOURCE ? data.blockSources.filter((b) => b.source === 'perblock-v1' || b.source === 'perblock-v2') : data.blockSources.filter((b) => b.source === chosen);
  // As loadFromStore: the composite is always merged (which renumbers labels), a single source is not.
  const labels = chosen === COMPOSITE_SOURCE ? (data.composite ?? mergeBlockLabels(parts.map((p) => p.labels))) : parts[0]!.labels;
  const description = chosen === COMPOSITE_SOURCE ? `${parts.map((p) => p.source).join(' then ')} (first that labels a height wins)` : parts[0]!.description;
  const { series, coverage } = seriesFromBlockLabels(labels);
  return { series, heightSeries: heightSeriesFromBlockLabels(labels), coverage, provenance: provenance(description, 'pool') };
}
