/**
 * @module Recognise an AI snapshot file from its content and read it into store batches: a
 * Bittensor metagraph (CSV in the staged shape, JSON snapshot, or a recording of the JSON-RPC
 * responses), the all-subnets table (CSV or JSON), a Hugging Face model sample (either staged CSV
 * shape, or a `nakamoto fetch hf` JSON snapshot) or trending list (derived CSV, or a raw cache
 * JSON). Every row is validated by the source's own decoder before anything is returned; each
 * snapshot gets its observation time (block time for chain data) and a content hash of the body
 * the store keeps. Files of other kinds return null (the Bitcoin dataset reader takes them).
 */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { DecodeError, UsageError } from '../../domain/errors.js';
import { formatMetagraphCsv, parseMetagraphCsv } from '../../decode/bittensor/metagraph-csv.js';
import type { Metagraph } from '../../decode/bittensor/metagraph.js';
import { decodeRecordedMetagraphs, isRpcRecording } from '../../decode/bittensor/recorded-metagraph.js';
import { parseMetagraphSnapshot, SNAPSHOT_FORMAT } from '../../decode/bittensor/snapshot-json.js';
import { formatSubnetsCsv, parseSubnetsCsv, parseSubnetsJson, type SubnetRow } from '../../decode/bittensor/subnets.js';
import { formatHubModelsSnapshot, HF_MODELS_FORMAT, isHubModelsSnapshot, parseHubModelsSnapshot, querySubject } from '../../decode/huggingface/models-snapshot.js';
import { parseHubSampleCsv } from '../../decode/huggingface/samples.js';
import { formatTrendingCsv, isTrendingCache, isTrendingHeader, parseTrendingCache, parseTrendingCsv, trendingTimeFromName, type TrendingSnapshot } from '../../decode/huggingface/trending.js';
import type { SnapshotBatch, SnapshotRecord } from '../../domain/batches.js';
import { recordedBlockTime, metaFromFileName } from '../bittensor/snapshot-files.js';
import { sampleTimeSec } from '../huggingface/distributions.js';
import { readText } from '../files/read-file.js';
import { readEpochFile } from './epoch-files.js';

export const SNAPSHOT_KINDS = [
  'bittensor-metagraph-csv', 'bittensor-metagraph-json', 'bittensor-recording', 'bittensor-subnets', 'hf-sample', 'hf-models', 'hf-trending', 'epoch-ai',
] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** Store datasets and the body formats their loaders read. */
export const SNAPSHOT_DATASETS = {
  metagraph: 'bittensor-metagraph',
  subnets: 'bittensor-subnets',
  hfModels: 'hf-models',
  hfTrending: 'hf-trending',
} as const;
export const METAGRAPH_BODY = 'metagraph-csv';
export const SUBNETS_CSV_BODY = 'subnets-csv';
export const SUBNETS_JSON_BODY = 'subnets-json';
export const HF_SAMPLE_BODY = 'hf-sample-csv';
export const HF_TRENDING_BODY = 'hf-trending-csv';

export interface SnapshotFileRead {
  readonly kind: SnapshotKind;
  readonly batches: readonly SnapshotBatch[];
  /** Rows validated (UIDs, subnets, models). */
  readonly rows: number;
  /** How times were found, what was read. */
  readonly notes: readonly string[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const isoSec = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

function record(dataset: string, subject: string, timeSec: number, block: number | null, format: string, body: string): SnapshotRecord {
  return { dataset, subject, timeSec, block, format, sha256: sha256(body), body };
}

/** Metagraphs → one batch per subnet (source `bittensor-metagraph:sn<netuid>`); the body is the CSV shape, whatever the input. */
export function metagraphBatches(metagraphs: readonly Metagraph[], input: string, how: string): SnapshotBatch[] {
  const bySubnet = new Map<number, Metagraph[]>();
  for (const m of metagraphs) bySubnet.set(m.netuid, [...(bySubnet.get(m.netuid) ?? []), m]);
  return [...bySubnet].map(([netuid, ms]) => ({
    source: `bittensor-metagraph:sn${netuid}`,
    description: `Bittensor subnet ${netuid} metagraph snapshots (per UID: hotkey, coldkey, stake, incentive…), ${how}`,
    input,
    snapshots: ms.map((m) => record(SNAPSHOT_DATASETS.metagraph, `sn${netuid}`, m.timeSec, m.block, METAGRAPH_BODY, formatMetagraphCsv(m.rows))),
  }));
}

export function trendingBatch(snaps: readonly TrendingSnapshot[], input: string): SnapshotBatch {
  return {
    source: 'hf-trending',
    description: 'Hugging Face Hub trending models (rank, author, 30-day downloads) per snapshot',
    input,
    snapshots: snaps.map((s) => record(SNAPSHOT_DATASETS.hfTrending, 'models', s.timeSec, null, HF_TRENDING_BODY, formatTrendingCsv(s))),
  };
}

/** The UTC day in a file name (`…_2026-04-11.csv`) as seconds, or null. */
function dayFromName(path: string): number | null {
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(basename(path));
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000;
  return Number.isFinite(t) ? t : null;
}

function noTime(input: string, how: string): never {
  throw new DecodeError({ input, field: '(file name)' }, `snapshot without a time: ${how}; nothing was stored`);
}

async function readJson(path: string, text: string): Promise<SnapshotFileRead> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DecodeError({ input: path }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  const d = doc as Record<string, unknown> | null;
  if (d !== null && typeof d === 'object' && !Array.isArray(d) && d.format === SNAPSHOT_FORMAT) {
    const m = parseMetagraphSnapshot(text, path);
    return { kind: 'bittensor-metagraph-json', batches: metagraphBatches([m], path, 'from a metagraph JSON snapshot'), rows: m.rows.length, notes: [`subnet ${m.netuid} at block ${m.block} (${isoSec(m.timeSec)}, block time)`] };
  }
  if (isRpcRecording(doc)) {
    const ms = decodeRecordedMetagraphs(doc, path);
    return {
      kind: 'bittensor-recording',
      batches: metagraphBatches(ms, path, 'decoded from recorded JSON-RPC responses'),
      rows: ms.reduce((a, m) => a + m.rows.length, 0),
      notes: ms.map((m) => `subnet ${m.netuid} at block ${m.block} (${isoSec(m.timeSec)}, block time from the recorded header)`),
    };
  }
  if (isHubModelsSnapshot(doc)) {
    const s = parseHubModelsSnapshot(doc, path);
    const subject = querySubject(s.query);
    const body = formatHubModelsSnapshot(s);
    return {
      kind: 'hf-models',
      batches: [{ source: `hf-models:${subject}`, description: `Hugging Face Hub models listed for ${subject} (${s.complete ? 'complete listing' : 'cut short'})`, input: path, snapshots: [record(SNAPSHOT_DATASETS.hfModels, subject, s.fetchedAtSec, null, HF_MODELS_FORMAT, body)] }],
      rows: s.models.length,
      notes: [`${s.models.length} models for ${subject}, fetched ${isoSec(s.fetchedAtSec)}`],
    };
  }
  if (isTrendingCache(doc)) {
    const s = parseTrendingCache(doc, path, trendingTimeFromName(basename(path)));
    return { kind: 'hf-trending', batches: [trendingBatch([s], path)], rows: s.models.length, notes: [`trending list at ${isoSec(s.timeSec)} (time from the file name)`] };
  }
  if (Array.isArray(doc) && doc.length > 0 && typeof doc[0] === 'object' && doc[0] !== null && 'netuid' in doc[0] && 'emission_tao_day' in doc[0]) {
    const rows = parseSubnetsJson(text, path);
    const t = dayFromName(path) ?? noTime(path, 'the subnet table has no time inside; name the file …_YYYY-MM-DD.json');
    return subnetsRead(path, rows, t);
  }
  throw new UsageError(`cannot tell which snapshot ${path} is: JSON that is not a metagraph snapshot, a JSON-RPC recording, a subnet table, a Hugging Face model snapshot or a trending cache`);
}

/** The body is the canonical CSV of the validated rows, so the CSV and JSON of one table are one snapshot. */
function subnetsRead(path: string, subnets: readonly SubnetRow[], timeSec: number): SnapshotFileRead {
  const rows = subnets.length;
  return {
    kind: 'bittensor-subnets',
    batches: [{ source: 'bittensor-subnets', description: 'Bittensor all-subnet table (emission per subnet, author estimate in TAO-equivalent/day)', input: path, snapshots: [record(SNAPSHOT_DATASETS.subnets, 'all', timeSec, null, SUBNETS_CSV_BODY, formatSubnetsCsv(subnets))] }],
    rows,
    notes: [`${rows} subnets at ${isoSec(timeSec)} (00:00 UTC of the day in the file name)`],
  };
}

async function readCsvSnapshot(path: string, text: string): Promise<SnapshotFileRead | null> {
  const header = (text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length).replace(/\r$/, '')).split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  if (header.includes('uid') && header.includes('hotkey')) {
    // A metagraph: all columns are required (parseMetagraphCsv names a missing one).
    const fromName = metaFromFileName(path);
    if (!fromName) noTime(path, 'a metagraph CSV carries no block or time inside; name it sn<netuid>_metagraph_block<block>_<YYYY-MM-DD>.csv');
    const rows = parseMetagraphCsv(text, path);
    const blockTime = await recordedBlockTime(dirname(path), fromName.block);
    const timeSec = blockTime ?? fromName.daySec;
    const how = blockTime !== null ? 'block time from the recorded header beside the CSV' : 'time = 00:00 UTC of the day in the file name (no recorded header beside it)';
    const m: Metagraph = { netuid: fromName.netuid, block: fromName.block, blockHash: null, timeSec, rows };
    return { kind: 'bittensor-metagraph-csv', batches: metagraphBatches([m], path, 'from metagraph CSVs'), rows: rows.length, notes: [`subnet ${m.netuid} at block ${m.block} (${isoSec(timeSec)}; ${how})`] };
  }
  if (isTrendingHeader(header)) {
    const snaps = parseTrendingCsv(text, path);
    return { kind: 'hf-trending', batches: [trendingBatch(snaps, path)], rows: snaps.reduce((a, s) => a + s.models.length, 0), notes: [`${snaps.length} trending snapshots, ${isoSec(snaps[0]!.timeSec)} → ${isoSec(snaps[snaps.length - 1]!.timeSec)}`] };
  }
  if (header.includes('netuid') && header.includes('emission_tao_day')) {
    const rows = parseSubnetsCsv(text, path);
    const t = dayFromName(path) ?? noTime(path, 'the subnet table has no time inside; name the file …_YYYY-MM-DD.csv');
    return subnetsRead(path, rows, t);
  }
  if ((header.includes('repo_id') && header.includes('owner')) || (header.includes('id') && header.includes('author') && header.includes('model_type'))) {
    const { shape, models } = parseHubSampleCsv(text, path);
    const t = sampleTimeSec(models) ?? noTime(path, 'no last-modified times in the sample to date it by');
    return {
      kind: 'hf-sample',
      batches: [{ source: `hf-models:${shape}`, description: `Hugging Face Hub model sample "${shape}" (staged CSV shape)`, input: path, snapshots: [record(SNAPSHOT_DATASETS.hfModels, shape, t, null, HF_SAMPLE_BODY, text)] }],
      rows: models.length,
      notes: [`${models.length} models (${shape} sample); time = latest lastModified ${isoSec(t)}`],
    };
  }
  return null;
}

/**
 * Read `path` as an AI snapshot file, or return null when it is not one (e.g. a Bitcoin dataset).
 * `text`: the file's text when the caller has read it already.
 */
export async function readSnapshotFile(path: string, text?: string): Promise<SnapshotFileRead | null> {
  const epoch = await readEpochFile(path);
  if (epoch) return { kind: 'epoch-ai', batches: [epoch.batch], rows: epoch.rows, notes: [epoch.note] };
  return readSnapshotText(path, text ?? (await readText(path)));
}

async function readSnapshotText(path: string, text: string): Promise<SnapshotFileRead | null> {
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return readJson(path, text);
  return readCsvSnapshot(path, text);
}
