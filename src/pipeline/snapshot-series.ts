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
import { parseSubnetsCsv, parseSubnetsJson } from '../decode/bittensor/subnets.js';
import { HF_MODELS_FORMAT, parseHubModelsSnapshot } from '../decode/huggingface/models-snapshot.js';
import { parseHubSampleCsv } from '../decode/huggingface/samples.js';
import { parseTrendingCsv } from '../decode/huggingface/trending.js';
import { loadDelegates } from '../sources/bittensor/catalogue.js';
import { incentiveByColdkey, stakeByColdkey, subnetEmission, type StakeMeasure } from '../sources/bittensor/distributions.js';
import { SEARCH_SAMPLE_CAVEAT } from '../sources/huggingface/catalogue.js';
import { downloadsByAuthor, modelsByAuthor } from '../sources/huggingface/distributions.js';
import { trendingDownloads, trendingSlots } from '../sources/huggingface/trending-distributions.js';
import type { LoadedSeries } from '../sources/snapshot-catalogue.js';
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
  };
}

function metagraphOf(s: StoredSnapshot): Metagraph {
  const netuid = Number(s.subject.replace(/^sn/, ''));
  return { netuid, block: s.block ?? 0, blockHash: null, timeSec: s.timeSec, rows: parseMetagraphCsv(s.body, where(s)) };
}

/** Parse `--source` of a metagraph distribution: a stake measure and/or a subnet (`sn1`, `all`). */
export function metagraphSource(source: string | undefined, stake: boolean): { measure: StakeMeasure; subnet: string } {
  let measure: StakeMeasure = 'total';
  let subnet = 'sn1';
  for (const part of (source ?? '').split(':').filter((p) => p !== '')) {
    if (stake && (part === 'total' || part === 'alpha')) measure = part;
    else if (part === 'all' || /^sn\d+$/.test(part)) subnet = part;
    else throw new UsageError(`invalid --source: ${source ?? ''} (${stake ? 'total or alpha, ' : ''}a subnet sn<netuid> or all, joined by ':' — e.g. ${stake ? 'alpha:all' : 'all'})`);
  }
  return { measure, subnet };
}

/**
 * Chain-wide: every subnet's metagraph at one block summed per coldkey (only blocks at which
 * more than one subnet... any subnet was ingested count; each block is one snapshot time).
 */
async function metagraphSeries(store: Store, id: string, source: string | undefined, datasetsRoot: string): Promise<LoadedSeries | null> {
  const stake = id === 'bittensor/stake';
  const { measure, subnet } = metagraphSource(source, stake);
  const snaps = await store.readSnapshots(SNAPSHOT_DATASETS.metagraph, subnet === 'all' ? undefined : subnet);
  if (snaps.length === 0) {
    if (subnet === 'sn1') return null;
    throw new NotFoundError(`no metagraph of ${subnet === 'all' ? 'any subnet' : `subnet ${subnet.slice(2)}`} in the store: ingest one (nakamoto ingest FILE, or nakamoto fetch bittensor --netuid N)`);
  }
  const delegates = await loadDelegates(datasetsRoot);
  const measureOf = (m: Metagraph) => (stake ? stakeByColdkey(m, delegates, measure) : incentiveByColdkey(m, delegates));
  if (subnet !== 'all') return loaded(snaps, snaps.map((s) => measureOf(metagraphOf(s))), 'stock', store);
  // All subnets: one metagraph per block, the union of every subnet read at that block (a coldkey's
  // UIDs on every subnet summed). Blocks are kept apart: they are different times.
  const byBlock = new Map<number, StoredSnapshot[]>();
  for (const s of snaps) byBlock.set(s.timeSec, [...(byBlock.get(s.timeSec) ?? []), s]);
  const parts = [...byBlock.values()].map((group) => {
    const ms = group.map(metagraphOf);
    const rows = ms.flatMap((m) => m.rows);
    const joined: Metagraph = { netuid: ms[0]!.netuid, block: ms[0]!.block, blockHash: null, timeSec: ms[0]!.timeSec, rows };
    const out = measureOf(joined);
    return { series: out.series, notes: [`subnets ${ms.map((m) => m.netuid).join(', ')} at block ${ms[0]!.block}: ${rows.length} UIDs summed per coldkey`, ...out.notes.slice(1)] };
  });
  return loaded(snaps, parts, 'stock', store, ['chain-wide: every ingested subnet at each block, UIDs summed per coldkey across subnets (stake incentive shares of different subnets are added as they are)']);
}

async function subnetSeries(store: Store): Promise<LoadedSeries | null> {
  const snaps = await store.readSnapshots(SNAPSHOT_DATASETS.subnets);
  if (snaps.length === 0) return null;
  return loaded(snaps, snaps.map((s) => subnetEmission(s.format === SUBNETS_JSON_BODY ? parseSubnetsJson(s.body, where(s)) : parseSubnetsCsv(s.body, where(s)), s.timeSec)), 'stock', store);
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
