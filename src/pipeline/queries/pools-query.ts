/**
 * @module The pool-ranking query behind `nakamoto pools` and `GET /api/pools`: blocks and share of
 * each pool (or owner) in one time window, by default the one ending with the last complete day.
 */
import { DAY_SEC, formatDay, parseDate, parseDuration } from '../../aggregate/duration.js';
import { windowDistributions } from '../../aggregate/window-distributions.js';
import { rankEntities } from '../../analysis/pool-ranking.js';
import { UsageError } from '../../domain/errors.js';
import { poolName } from '../pool-names.js';
import type { Provenance } from '../series-source.js';
import type { QueryContext } from './context.js';
import { loadDistribution } from './load-distribution.js';

export interface PoolsRequest {
  readonly window?: string;
  /** Last day of the window (UTC, inclusive). */
  readonly at?: string;
  readonly source?: string;
  readonly level?: string;
}

export interface PoolRow {
  readonly rank: number;
  readonly pool: string;
  readonly slug: string;
  readonly blocks: number;
  readonly share: number;
}

export interface PoolsResult {
  readonly window: { readonly start: string; readonly end: string; readonly endExclusive: true };
  readonly blocks: number;
  readonly provenance: Provenance;
  readonly pools: readonly PoolRow[];
  /** One line: dates, window, blocks, pool count. */
  readonly summary: string;
}

export const POOL_COLUMNS = ['rank', 'pool', 'slug', 'blocks', 'share'];

/** Start of the window of `size` ending at `end` (exclusive): days back, or calendar months back. */
function windowStart(end: number, size: ReturnType<typeof parseDuration>): number {
  if (size.unit === 'day') return end - size.n * DAY_SEC;
  const d = new Date(end * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - size.n, d.getUTCDate()) / 1000;
}

export async function queryPools(q: PoolsRequest, ctx: QueryContext): Promise<PoolsResult> {
  const text = q.window ?? '30d';
  const size = parseDuration(text, 'window');
  if (size.unit === 'block') throw new UsageError(`invalid window: ${text} (pools takes a time window; use metrics for block windows)`);
  if (q.at !== undefined) parseDate(q.at, '--at');
  const sourced = await loadDistribution(ctx, 'bitcoin/pools', { source: q.source, level: q.level });
  const cov = sourced.coverage.time;
  if (!cov) throw new UsageError('this source has no block times: pools needs a time window');
  const end = q.at !== undefined ? parseDate(q.at, '--at') + DAY_SEC : cov.end;
  const start = windowStart(end, size);
  if (start < cov.start || end > cov.end) {
    throw new UsageError(`window ${formatDay(start)} → ${formatDay(end - DAY_SEC)} is outside the data (${formatDay(cov.start)} → ${formatDay(cov.end - DAY_SEC)})`);
  }
  const [d] = windowDistributions(sourced.series, [{ axis: 'time', start, end, complete: true }]);
  const ranked = rankEntities(d!, sourced.series.entities, poolName);
  const pools = ranked.map((r) => ({ rank: r.rank, pool: r.name, slug: r.entity, blocks: r.weight, share: r.share }));
  return {
    window: { start: formatDay(start), end: formatDay(end), endExclusive: true },
    blocks: d!.total,
    provenance: sourced.provenance,
    pools,
    summary: `window: ${formatDay(start)} → ${formatDay(end - DAY_SEC)} (${text}), ${d!.total} blocks, ${ranked.length} pools`,
  };
}
