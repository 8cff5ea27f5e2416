/**
 * @module AI distributions from the snapshots in the store: every ingested snapshot of the
 * distribution's dataset, decoded again from its stored body and turned into observations with the
 * source's own (pure) functions, concatenated into one time series (stocks stay one value per
 * entity per snapshot time; windows read their last snapshot). Returns null when the store holds
 * no snapshot of that dataset, so the catalogue falls back to the staged files.
 */
import { concatSeries, type ObservationSeries } from '../domain/observations.js';
import { NotFoundError, UsageError } from '../domain/errors.js';
import { parseMetagraphCsv } from '../decode/bittensor/metagraph-csv.js';
import type { Metagraph } from '../decode/bittensor/metagraph.js';
import { parseSubnetsCsv, parseSubnetsJson, type SubnetRow } from '../decode/bittensor/subnets.js';
import { HF_MODELS_FORMAT, parseHubModelsSnapshot } from '../decode/huggingface/models-snapshot.js';
import { parseHubSampleCsv } from '../decode/huggingface/samples.js';
import { parseTrendingCsv } from '../decode/huggingface/trending.js';
import { loadDelegates } from '../sources/bittensor/load.js';
import { incentiveByColdkey, stakeByColdkey, subnetEmission, validatorsOf, type StakeMeasure } from '../sources/bittensor/distributions.js';
import { SEARCH_SAMPLE_CAVEAT } from '../sources/huggingface/load.js';
import { downloadsByAuthor, modelsByAuthor } from '../sources/huggingface/distributions.js';
import { trendingDownloads, trendingSlots } from '../sources/huggingface/trending-distributions.js';
import type { LoadedSeries } from '../sources/loaded-series.js';
import { SNAPSHOT_DATASETS, SUBNETS_JSON_BODY } from '../sources/snapshots/read-snapshot-file.js';
import type { Store, StoredSnapshot } from '../store/store.js';

const iso = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
const where = (s: StoredSnapshot): string => `store snapshot ${s.dataset}/${s.subject}@${iso(s.timeSec)}`;

function loaded(snaps: readonly StoredSnapshot[], parts: readonly { series: ObservationSeries; notes: string[] }[], kind: 'stock' | 'flow', store: Store, extra: string[] = []): LoadedSeries {
  const first = snaps[0]!;
  const last = snaps[snaps.length - 1]!;
  const sources = [...new Set(snaps.map((s) => s.source))].join(', ');
  return {
    series: concatSeries(parts.map((p) => p.series), kind),
    notes: [
      ...extra,
      `${snaps.length} ingested snapshot(s) from the store (${sources}), ${iso(first.timeSec)} → ${iso(last.timeSec)}${kind === 'stock' ? '; a stock: each window reads the last snapshot inside it' : ''}`,
      ...(parts[parts.length - 1]?.notes ?? []).map((n) => `latest snapshot: ${n}`),
    ],
    snapshotTimeSec: last.timeSec,
    file: `${store.location} (${sources})`,
    storeSources: [...new Set(snaps.map((s) => s.source))],
  };
}

function metagraphOf(s: StoredSnapshot): Metagraph {
  const netuid = Number(s.subject.replace(/^sn/, ''));
  return { netuid, block: s.block ?? 0, blockHash: null, timeSec: s.timeSec, rows: parseMetagraphCsv(s.body, where(s)) };
}

/** Parse `--source` of a metagraph distribution: a stake measure and/or a subnet (`sn1`, `all`). */
export function metagraphSource(source: string | undefined, stake: boolean): { measure: StakeMeasure; subnet: string; validatorsOnly: boolean } {
  let measure: StakeMeasure = 'total';
  let subnet = 'sn1';
  let validatorsOnly = false;
  for (const part of (source ?? '').split(':').filter((p) => p !== '')) {
    if (stake && (part === 'total' || part === 'alpha')) measure = part;
    else if (stake && part === 'validators') validatorsOnly = true;
    else if (part === 'all' || /^sn\d+$/.test(part)) subnet = part;
    else throw new UsageError(`invalid --source: ${source ?? ''} (${stake ? 'total, alpha or validators, ' : ''}a subnet sn<netuid> or all, joined by ':' — e.g. ${stake ? 'validators:sn1' : 'all'})`);
  }
  return { measure, subnet, validatorsOnly };
}

async function metagraphSeries(store: Store, id: string, source: string | undefined, datasetsRoot: string): Promise<LoadedSeries | null> {
  const stake = id === 'bittensor/stake';
  const { measure, subnet, validatorsOnly } = metagraphSource(source, stake);
  const snaps = await store.readSnapshots(SNAPSHOT_DATASETS.metagraph, subnet === 'all' ? undefined : subnet);
  if (snaps.length === 0) {
    if (subnet === 'sn1') return null;
    throw new NotFoundError(`no metagraph of ${subnet === 'all' ? 'any subnet' : `subnet ${subnet.slice(2)}`} in the store: ingest one (nakamoto ingest FILE, or nakamoto fetch bittensor --netuid N)`);
  }
  const delegates = await loadDelegates(datasetsRoot);
  const measureOf = (m: Metagraph) => (stake ? stakeByColdkey(validatorsOnly ? validatorsOf(m) : m, delegates, measure) : incentiveByColdkey(m, delegates));
  if (subnet !== 'all') return loaded(snaps, snaps.map((s) => measureOf(metagraphOf(s))), 'stock', store);
  if (!stake || measure !== 'total' || validatorsOnly) {
    throw new UsageError(`--netuid all: ${stake ? 'alpha of different subnets are different tokens (no common price at the block), so they are not added up' : 'incentive shares of different subnets are not comparable'}; chain-wide, bittensor/stake measures root TAO stake`);
  }
  // All subnets at one block: each coldkey's root TAO stake, every hotkey counted once (a hotkey's
  // root stake is the same on every subnet it holds a UID on). Blocks are different times.
  const byBlock = new Map<number, StoredSnapshot[]>();
  for (const s of snaps) byBlock.set(s.timeSec, [...(byBlock.get(s.timeSec) ?? []), s]);
  const parts = [...byBlock.values()].map((group) => rootStakeByColdkey(group.map(metagraphOf), delegates));
  return loaded(snaps, parts, 'stock', store, [
    'chain-wide (--netuid all): root TAO stake per coldkey at each block, from every ingested subnet metagraph of that block (each hotkey once); alpha is left out: alphas of different subnets are different tokens',
  ]);
}

/** Root TAO stake per coldkey over several subnets' metagraphs of one block, each hotkey once. */
export function rootStakeByColdkey(ms: readonly Metagraph[], delegates: Parameters<typeof stakeByColdkey>[1]): { series: ObservationSeries; notes: string[] } {
  const seen = new Set<string>();
  const rows = ms.flatMap((m) => m.rows).filter((r) => (seen.has(r.hotkey) ? false : (seen.add(r.hotkey), true)));
  const joined: Metagraph = { netuid: ms[0]!.netuid, block: ms[0]!.block, blockHash: null, timeSec: ms[0]!.timeSec, rows: rows.map((r) => ({ ...r, totalStakeRao: r.taoStakeRao })) };
  const out = stakeByColdkey(joined, delegates, 'total');
  return {
    series: out.series,
    notes: [`subnets ${ms.map((m) => m.netuid).join(', ')} at block ${ms[0]!.block}: ${rows.length} distinct hotkeys, root TAO stake summed per coldkey`, out.notes[1] ?? ''],
  };
}

/** A stored subnet table's rows (canonical CSV; raw JSON in stores written before it was canonical). */
export function storedSubnetRows(s: StoredSnapshot): SubnetRow[] {
  return s.format === SUBNETS_JSON_BODY ? parseSubnetsJson(s.body, where(s)) : parseSubnetsCsv(s.body, where(s));
}

/** A stored metagraph snapshot (subject `sn<netuid>`). */
export function storedMetagraph(s: StoredSnapshot): Metagraph {
  return metagraphOf(s);
}

async function subnetSeries(store: Store): Promise<LoadedSeries | null> {
  const snaps = await store.readSnapshots(SNAPSHOT_DATASETS.subnets);
  if (snaps.length === 0) return null;
  return loaded(snaps, snaps.map((s) => subnetEmission(storedSubnetRows(s), s.timeSec)), 'stock', store);
}

async function hfModelSeries(store: Store, id: string, source: string | undefined): Promise<LoadedSeries | null> {
  const subject = source ?? 'search-open';
  const snaps = await store.readSnapshots(SNAPSHOT_DATASETS.hfModels, subject);
  if (snaps.length === 0) return null;
  const parts = snaps.map((s) => {
    const models = s.format === HF_MODELS_FORMAT ? parseHubModelsSnapshot(JSON.parse(s.body), where(s)).models : parseHubSampleCsv(s.body, where(s)).models;
    return id === 'hf/downloads-by-author' ? downloadsByAuthor(models, s.timeSec) : modelsByAuthor(models, s.timeSec);
  });
  const caveat = subject === 'search-open' || subject.startsWith('search:') ? [`caveat: ${SEARCH_SAMPLE_CAVEAT}`] : [`caveat: sample "${subject}" only — not the whole Hub`];
  return loaded(snaps, parts, 'stock', store, caveat);
}

async function trendingSeries(store: Store, id: string): Promise<LoadedSeries | null> {
  const snaps = await store.readSnapshots(SNAPSHOT_DATASETS.hfTrending);
  if (snaps.length === 0) return null;
  const decoded = snaps.flatMap((s) => parseTrendingCsv(s.body, where(s)));
  const out = id === 'hf/trending-authors' ? trendingSlots(decoded) : trendingDownloads(decoded);
  const kind = id === 'hf/trending-authors' ? 'flow' : 'stock';
  const r = loaded(snaps, [{ series: out.series, notes: [] }], kind, store);
  return { ...r, notes: [...r.notes, ...out.notes] };
}

/** Stored snapshots of distribution `id` as one series, or null when none are stored. */
export async function storedSnapshotSeries(store: Store, id: string, source: string | undefined, datasetsRoot: string): Promise<LoadedSeries | null> {
  switch (id) {
    case 'bittensor/stake':
    case 'bittensor/incentive':
      return metagraphSeries(store, id, source, datasetsRoot);
    case 'bittensor/subnet-emission':
      return subnetSeries(store);
    case 'hf/downloads-by-author':
    case 'hf/models-by-author':
      return hfModelSeries(store, id, source);
    case 'hf/trending-authors':
    case 'hf/trending-downloads':
      return trendingSeries(store, id);
    default:
      return null;
  }
}
