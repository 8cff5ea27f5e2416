/**
 * @module Catalogue entries for Bittensor distributions and their loaders over the shared
 * datasets (`ai/bittensor-subnets`, `ai/bittensor-metagraph`, `ai/bittensor-delegates`). Loaders
 * take the latest staged file of each kind, or the file named in `opts.file` (a metagraph CSV in
 * the staged shape or a JSON snapshot written by `saveMetagraphSnapshot`).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DecodeError, NotFoundError, SourceError, UsageError } from '../../domain/errors.js';
import { parseDelegates, type DelegateInfo } from '../../decode/bittensor/delegates.js';
import { parseSubnetsCsv, parseSubnetsJson, type SubnetRow } from '../../decode/bittensor/subnets.js';
import { readText } from '../files/read-file.js';
import { incentiveByColdkey, stakeByColdkey, subnetEmission, validatorsOf, type StakeMeasure } from './distributions.js';
import { loadMetagraphFile, metaFromFileName, recordedBlockTime } from './snapshot-files.js';
import type { CatalogueInfo, LoadedSeries } from '../snapshot-catalogue.js';
export type { CatalogueInfo, LoadedSeries } from '../snapshot-catalogue.js';

export interface MetagraphLoadOptions {
  /** Metagraph file to read instead of the latest staged one (.csv or .json snapshot). */
  readonly file?: string;
  /** Subnet of the staged metagraph to pick (default 1; the only one staged). */
  readonly netuid?: number;
}

const SUBNETS_DIR = 'ai/bittensor-subnets';
const METAGRAPH_DIR = 'ai/bittensor-metagraph';
const DELEGATES_FILE = 'ai/bittensor-delegates/delegates.json';

const METAGRAPH_CAVEATS = [
  'One subnet at one block: a snapshot, not an average; SN1 ran 1024 UIDs at the time, most subnets run 256.',
  'Coldkeys are the closest on-chain proxy for an owner, but one operator can use many coldkeys, and stake on a hotkey includes nominators\' delegated stake: this measures control of stake weight, not ownership.',
  'Names come from the self-registered delegate registry (77 hotkeys, last changed 2025-06): a coldkey is named after registered hotkeys it owns; most coldkeys stay anonymous SS58 addresses.',
];

export const bittensorSubnetEmissionInfo: CatalogueInfo = {
  id: 'bittensor/subnet-emission',
  title: 'Bittensor emission per subnet',
  unit: 'TAO-equivalent per day (author estimate; shares only)',
  entityKind: 'subnet (netuid and name)',
  aggregation: 'stock',
  coverage: 'one snapshot: all 129 subnets on 2026-04-11 (stock at 00:00 UTC of that day)',
  source: 'sudoHayato/bittensor-research subnets_snapshot_2026-04-11.csv (bittensor SDK all_subnets / DynamicInfo; MIT)',
  caveats: [
    'emission_tao_day is the dataset author\'s TAO-equivalent estimate (alpha emission × price + TAO injection, or a pending-rate estimate); the sum (≈ 6,676/day) exceeds real issuance (3,600 TAO/day after the halving): use shares, not absolutes.',
    'Root (netuid 0) is left out; subnets with zero emission (SN96 in this snapshot) stay as zero weights, which Gini and entity counts see.',
    'A subnet is not an owner: one team can own several subnets, and emission is split further among each subnet\'s owner, miners and validators.',
  ],
};

export const bittensorStakeInfo: CatalogueInfo = {
  id: 'bittensor/stake',
  title: 'Bittensor stake weight per coldkey (one subnet)',
  unit: 'TAO-equivalent (alpha + 0.18 × root TAO; 1 = 1e9 rao)',
  entityKind: 'coldkey (named after registered delegate hotkeys it owns)',
  aggregation: 'stock',
  coverage: 'one snapshot: SN1 at block 6852690 (2025-11-10 15:12:24 UTC), 1024 UIDs, 75 coldkeys (23 with stake; the rest kept as zero weights)',
  source: 'opentensor/bittensor recorded finney responses (NeuronInfoRuntimeApi_get_neurons_lite + SubnetInfoRuntimeApi_get_subnet_state), decoded to sn1_metagraph_block6852690_2025-11-10.csv; names from opentensor/bittensor-delegates',
  caveats: [
    ...METAGRAPH_CAVEATS,
    'Default measure is total stake weight (alpha + 0.18 × root TAO); --source alpha: alpha-only stake; --source validators: stake weight of the UIDs holding a validator permit only.',
    'With ingested metagraphs of several subnets, --netuid N picks one and --netuid all gives root TAO stake per coldkey across every subnet at each block (each hotkey once; alphas of different subnets are different tokens and are not added).',
  ],
};

export const bittensorIncentiveInfo: CatalogueInfo = {
  id: 'bittensor/incentive',
  title: 'Bittensor miner incentive per coldkey (one subnet)',
  unit: 'share of the subnet\'s incentive (u16 / 65535; sums to 1)',
  entityKind: 'coldkey (named after registered delegate hotkeys it owns)',
  aggregation: 'stock',
  coverage: bittensorStakeInfo.coverage,
  source: bittensorStakeInfo.source,
  caveats: [
    ...METAGRAPH_CAVEATS,
    'In this snapshot all incentive goes to UID 395, the subnet owner\'s key (an owner burn): one coldkey has share 1 and the other 74 zero, which says nothing about miners.',
    'Incentive is one epoch\'s value, not an average over time.',
  ],
};

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    throw new SourceError(`cannot read ${dir}: ${(err as Error).message}`, { cause: err, inputError: true });
  }
}

/** The lexically last file matching `re` (dates and zero-free block numbers sort in time order). */
async function latest(dir: string, re: RegExp, what: string): Promise<string> {
  const files = (await listDir(dir)).filter((f) => re.test(f)).sort();
  const last = files[files.length - 1];
  if (!last) throw new NotFoundError(`no ${what} in ${dir}`);
  return join(dir, last);
}

export async function loadDelegates(datasetsRoot: string): Promise<Map<string, DelegateInfo>> {
  const path = join(datasetsRoot, DELEGATES_FILE);
  return parseDelegates(await readText(path), path);
}

/** The latest staged all-subnet table (or `opts.file`), dated by the day in its file name. */
export async function loadStagedSubnets(datasetsRoot: string, opts: { file?: string } = {}): Promise<{ file: string; rows: SubnetRow[]; timeSec: number }> {
  const file = opts.file ?? (await latest(join(datasetsRoot, SUBNETS_DIR), /^subnets_snapshot_\d{4}-\d{2}-\d{2}\.csv$/, 'subnets_snapshot_<date>.csv'));
  const text = await readText(file);
  const rows = /\.json$/i.test(file) ? parseSubnetsJson(text, file) : parseSubnetsCsv(text, file);
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(file.slice(file.lastIndexOf('/') + 1));
  if (!m) throw new DecodeError({ input: file }, 'cannot date the snapshot: file name has no YYYY-MM-DD');
  return { file, rows, timeSec: Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 };
}

export async function loadBittensorSubnetEmission(datasetsRoot: string, opts: { file?: string } = {}): Promise<LoadedSeries> {
  const { file, rows, timeSec } = await loadStagedSubnets(datasetsRoot, opts);
  const { series, notes } = subnetEmission(rows, timeSec);
  return { series, notes: [`read ${file}`, ...notes], snapshotTimeSec: timeSec, file };
}

/** The latest staged metagraph of a subnet (or `opts.file`), dated by the recorded header beside it when there is one. */
export async function loadStagedMetagraph(datasetsRoot: string, opts: MetagraphLoadOptions) {
  const dir = join(datasetsRoot, METAGRAPH_DIR);
  const netuid = opts.netuid ?? 1;
  const notes: string[] = [];
  let file = opts.file;
  let timeSec: number | undefined;
  if (file === undefined) {
    const candidates = (await listDir(dir)).filter((f) => metaFromFileName(f)?.netuid === netuid);
    candidates.sort((a, b) => metaFromFileName(a)!.block - metaFromFileName(b)!.block);
    const last = candidates[candidates.length - 1];
    if (!last) throw new NotFoundError(`no metagraph of subnet ${netuid} in ${dir} (expected sn${netuid}_metagraph_block<block>_<date>.csv)`);
    file = join(dir, last);
    const t = await recordedBlockTime(dir, metaFromFileName(last)!.block);
    if (t !== null) {
      timeSec = t;
      notes.push(`block time from the recorded header beside the CSV (Aura slot × 12 s)`);
    } else notes.push('no recorded header beside the CSV: time is the start of the UTC day in its file name');
  }
  const metagraph = await loadMetagraphFile(file, timeSec === undefined ? {} : { timeSec });
  return { metagraph, file, notes: [`read ${file}`, ...notes] };
}

export async function loadBittensorStake(datasetsRoot: string, opts: MetagraphLoadOptions & { measure?: StakeMeasure; validatorsOnly?: boolean } = {}): Promise<LoadedSeries> {
  const { metagraph, file, notes } = await loadStagedMetagraph(datasetsRoot, opts);
  const out = stakeByColdkey(opts.validatorsOnly ? validatorsOf(metagraph) : metagraph, await loadDelegates(datasetsRoot), opts.measure ?? 'total');
  if (opts.validatorsOnly) out.notes.push('validator stake: only UIDs holding a validator permit');
  return { series: out.series, notes: [...notes, ...out.notes], snapshotTimeSec: metagraph.timeSec, file };
}

export async function loadBittensorIncentive(datasetsRoot: string, opts: MetagraphLoadOptions = {}): Promise<LoadedSeries> {
  const { metagraph, file, notes } = await loadStagedMetagraph(datasetsRoot, opts);
  const out = incentiveByColdkey(metagraph, await loadDelegates(datasetsRoot));
  return { series: out.series, notes: [...notes, ...out.notes], snapshotTimeSec: metagraph.timeSec, file };
}

/**
 * Every Bittensor entry with its loader, for the lead to register. `sources` lists the values `load`
 * accepts as its second argument (first = default; for stake: the measure); undefined = the default.
 */
export const bittensorCatalogue: readonly (CatalogueInfo & { sources: readonly string[]; load(datasetsRoot: string, source?: string): Promise<LoadedSeries> })[] = [
  { ...bittensorSubnetEmissionInfo, sources: [], load: (root) => loadBittensorSubnetEmission(root) },
  {
    ...bittensorStakeInfo,
    sources: ['total', 'alpha', 'validators'],
    load: async (root, source) => {
      if (source !== undefined && source !== 'total' && source !== 'alpha' && source !== 'validators') throw new UsageError(`invalid stake measure: ${source} (known: total, alpha, validators)`);
      return loadBittensorStake(root, { measure: source === 'validators' ? 'total' : (source ?? 'total'), validatorsOnly: source === 'validators' });
    },
  },
  { ...bittensorIncentiveInfo, sources: [], load: (root) => loadBittensorIncentive(root) },
];
