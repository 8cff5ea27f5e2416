/**
 * @module The hash-rate query behind `nakamoto hashrate` and `GET /api/hashrate`: network (or
 * per-pool) hash rate per window with an exact interval, and the latest estimate that other
 * queries (attack cost) take as their default network hash rate.
 */
import { poolName } from '../pool-names.js';
import { formatDay } from '../../aggregate/duration.js';
import { divideWindows, windowAxis } from '../../aggregate/windows.js';
import { hashrateByBlockWindow, hashrateByTimeWindow, type HashrateEstimate, type IntervalKind, type WindowHashrate } from '../../analysis/hashrate.js';
import { UsageError } from '../../domain/errors.js';
import { loadHashrateData } from '../chain-hashrate.js';
import type { Provenance } from '../series-source.js';
import type { QueryContext, Row } from './context.js';
import { checkWindowRequest, resolveWindows, type WindowRequest } from './window-request.js';
import { parseNumberParam } from './query-params.js';

export interface HashrateRequest extends Partial<WindowRequest> {
  readonly source?: string;
  readonly byPool?: boolean;
  readonly confidence?: string | number;
  readonly interval?: string;
}

export interface HashrateResult {
  readonly provenance: Provenance;
  readonly difficulty: string;
  readonly method: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

const EH = 1e18;
const eh = (hs: number) => Number((hs / EH).toPrecision(6));

function parseConfidence(value: string | number): number {
  return parseNumberParam('confidence', value, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
}

function parseInterval(value: string): IntervalKind {
  if (value === 'poisson' || value === 'gamma') return value;
  throw new UsageError(`invalid interval: ${value} (expected poisson or gamma)`);
}

function estimateCells(e: HashrateEstimate | null): Row {
  return e === null ? { hashrate_ehs: null, lo_ehs: null, hi_ehs: null } : { hashrate_ehs: eh(e.hashrate), lo_ehs: eh(e.lo), hi_ehs: eh(e.hi) };
}

function rowsOf(results: readonly WindowHashrate[], axis: 'time' | 'height', byPool: boolean): Row[] {
  const bound = (x: number) => (axis === 'time' ? formatDay(x) : x);
  const rows: Row[] = [];
  for (const w of results) {
    const head = { window_start: bound(w.start), window_end: bound(w.end) };
    if (!byPool) {
      rows.push({ ...head, blocks: w.network?.blocks ?? null, difficulty: w.network ? Number(w.network.difficulty.toPrecision(8)) : null, ...estimateCells(w.network) });
      continue;
    }
    for (const p of w.pools) rows.push({ ...head, pool: poolName(p.entity), blocks: p.estimate.blocks, share: Number(p.share.toFixed(6)), ...estimateCells(p.estimate) });
  }
  return rows;
}

export async function queryHashrate(q: HashrateRequest, ctx: QueryContext): Promise<HashrateResult> {
  const confidence = parseConfidence(q.confidence ?? 0.95);
  const interval = parseInterval(q.interval ?? 'poisson');
  const byPool = Boolean(q.byPool);
  checkWindowRequest({ ...q, window: q.window ?? '7d' });
  const data = await loadHashrateData(ctx.store, q.source, { NAKAMOTO_DATASETS: ctx.datasetsRoot });
  const { spec, range } = resolveWindows({ ...q, window: q.window ?? '7d' }, data.coverage);
  const axis = windowAxis(spec);
  const windows = divideWindows(spec, range.start, range.end);
  let results: WindowHashrate[];
  if (axis === 'height') {
    if (!data.perBlock) throw new UsageError('block-count windows need per-block data: use a time window such as --window 7d');
    if (byPool) throw new UsageError('--by-pool needs a time window (e.g. --window 7d)');
    results = hashrateByBlockWindow(data.perBlock.heights, data.perBlock.timeSec, data.perBlock.difficulty, windows, confidence);
  } else {
    results = hashrateByTimeWindow(data.obs, windows, { confidence, interval, byPool });
  }
  const columns = byPool
    ? ['window_start', 'window_end', 'pool', 'blocks', 'share', 'hashrate_ehs', 'lo_ehs', 'hi_ehs']
    : ['window_start', 'window_end', 'blocks', 'difficulty', 'hashrate_ehs', 'lo_ehs', 'hi_ehs'];
  const kind = axis === 'height' ? 'gamma' : interval;
  const method = `hash rate = Σ difficulty·2³² / window seconds (EH/s); ${Math.round(confidence * 1000) / 10}% interval, ${kind === 'poisson' ? 'exact Poisson (Garwood) on the block count' : 'gamma on the time to a fixed number of blocks'}; window_end exclusive; UTC`;
  const rows = rowsOf(results, axis, byPool).map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
  return { provenance: data.provenance, difficulty: data.difficultyFrom, method, columns, rows };
}

export interface LatestHashrate {
  readonly ehs: number;
  readonly loEhs: number;
  readonly hiEhs: number;
  readonly window: { readonly start: string; readonly end: string };
  readonly source: string;
}

/** The last complete 7-day window's network hash rate (the default network hash rate of other queries). */
export async function latestHashrate(ctx: QueryContext, source?: string): Promise<LatestHashrate> {
  const r = await queryHashrate({ window: '7d', source }, ctx);
  const last = [...r.rows].reverse().find((x) => typeof x.hashrate_ehs === 'number');
  if (!last) throw new UsageError('no complete 7-day window with difficulty data: give the network hash rate explicitly');
  return {
    ehs: last.hashrate_ehs as number,
    loEhs: last.lo_ehs as number,
    hiEhs: last.hi_ehs as number,
    window: { start: String(last.window_start), end: String(last.window_end) },
    source: `${r.provenance.source}; difficulty ${r.difficulty}`,
  };
}
