/**
 * @module Loaders of the Bittensor distributions over the shared datasets (`ai/bittensor-subnets`,
 * `ai/bittensor-metagraph`, `ai/bittensor-delegates`); the catalogue entries describing them are in
 * pipeline/distributions/bittensor.ts. Loaders take the latest staged file of each kind, or the
 * file named in `opts.file` (a metagraph CSV in the staged shape or a JSON snapshot written by
 * `saveMetagraphSnapshot`).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DecodeError, NotFoundError, SourceError } from '../../domain/errors.js';
import { parseDelegates, type DelegateInfo } from '../../decode/bittensor/delegates.js';
import { parseSubnetsCsv, parseSubnetsJson, type SubnetRow } from '../../decode/bittensor/subnets.js';
import { readText } from '../files/read-file.js';
import { incentiveByColdkey, stakeByColdkey, subnetEmission, validatorsOf, type StakeMeasure } from './distributions.js';
import { loadMetagraphFile, metaFromFileName, recordedBlockTime } from './snapshot-files.js';
import type { LoadedSeries } from '../loaded-series.js';
export type { LoadedSeries } from '../loaded-series.js';

export interface MetagraphLoadOptions {
  /** Metagraph file to read instead of the latest staged one (.csv or .json snapshot). */
  readonly file?: string;
  /** Subnet of the staged metagraph to pick (default 1; the only one staged). */
  readonly netuid?: number;
}

const SUBNETS_DIR = 'ai/bittensor-subnets';
const METAGRAPH_DIR = 'ai/bittensor-metagraph';
const DELEGATES_FILE = 'ai/bittensor-delegates/delegates.json';

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
