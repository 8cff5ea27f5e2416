/**
 * @module The share-series query behind `GET /api/shares/<distribution>` and the report's stacked
 * share charts: per window, the share of each of the top entities (largest by total weight over the
 * range, plus the largest of the last window, so today's top is never hidden) and of all others
 * together as `Other`. Shares of a window sum to 1.
 */
import { formatDay } from '../../aggregate/duration.js';
import { windowDistributions } from '../../aggregate/window-distributions.js';
import { divideWindows } from '../../aggregate/windows.js';
import { UsageError } from '../../domain/errors.js';
import { getDistribution } from '../catalogue.js';
import { poolName } from '../pool-names.js';
import type { Provenance } from '../series-source.js';
import type { QueryContext } from './context.js';
import { loadDistribution } from './load-distribution.js';
import { parseNumberParam } from './query-params.js';
import { checkWindowRequest, resolveWindows } from './window-request.js';

export const OTHER = 'Other';

export interface SharesRequest {
  readonly distribution: string;
  readonly window?: string;
  readonly from?: string;
  readonly to?: string;
  /** How many entities to name (the rest are `Other`); 1–30, default 8. */
  readonly top?: string | number;
  readonly source?: string;
  readonly level?: string;
  /** An entity (display name) to name whatever its rank — an entity page outside the top 30 still gets its series. */
  readonly include?: string;
}

export interface ShareWindow {
  readonly start: string;
  readonly end: string;
  readonly total: number;
  /** Entity name → share (0–1) for the named entities and `Other`; sums to 1 when total > 0. */
  readonly shares: Readonly<Record<string, number>>;
}

export interface SharesResult {
  readonly distribution: string;
  readonly window: string;
  /** Named entities, largest total first, then `Other`. */
  readonly entities: readonly string[];
  readonly windows: readonly ShareWindow[];
  readonly provenance: Provenance;
}

export async function queryShares(q: SharesRequest, ctx: QueryContext): Promise<SharesResult> {
  const entry = getDistribution(q.distribution);
  const top = parseNumberParam('top', q.top ?? 8, { min: 1, max: 30, integer: true });
  checkWindowRequest({ window: q.window ?? '1m', from: q.from, to: q.to });
  const sourced = await loadDistribution(ctx, entry.id, { source: q.source, level: q.level });
  const stock = sourced.series.kind === 'stock';
  const { spec, range } = resolveWindows({ window: q.window ?? '1m', from: q.from, to: q.to, partial: stock }, sourced.coverage);
  if (spec.size.unit === 'block') throw new UsageError(`invalid window: ${q.window} (share series take a time window)`);
  const dists = windowDistributions(sourced.series, divideWindows(spec, range.start, range.end)).filter((d) => d.total > 0);
  const names = entry.id === 'bitcoin/pools' ? poolName : (x: string) => x;
  // Rank by the sum of per-window shares, so that every period counts alike whatever its total.
  const score = new Map<number, number>();
  for (const d of dists) d.entity.forEach((e, i) => score.set(e, (score.get(e) ?? 0) + d.weight[i]! / d.total));
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || (sourced.series.entities[a[0]]! < sourced.series.entities[b[0]]! ? -1 : 1)).map(([e]) => e);
  const label = (e: number) => names(sourced.series.entities[e]!);
  // An entity the source itself calls `Other` (e.g. CBECI) belongs to the rest, not to the named.
  const candidates = ranked.filter((e) => label(e) !== OTHER);
  // The top over the whole range, plus today's top (the last window's), so that a pool ranked 5th–8th now
  // is not hidden inside Other because it was small years ago. Named entities keep the range order.
  const last = dists[dists.length - 1];
  const lastTop = new Set<number>();
  if (last) {
    const order = Array.from(last.entity, (e, i) => ({ e, w: last.weight[i]! })).filter((x) => x.w > 0 && label(x.e) !== OTHER).sort((a, b) => b.w - a.w || (label(a.e) < label(b.e) ? -1 : 1));
    for (const x of order.slice(0, top)) lastTop.add(x.e);
  }
  const firstN = new Set(candidates.slice(0, top));
  const named = new Set(candidates.filter((e) => firstN.has(e) || lastTop.has(e) || (q.include !== undefined && label(e) === q.include)));
  const rest = ranked.length > named.size;
  const windows = dists.map((d) => {
    const shares: Record<string, number> = {};
    for (const e of named) shares[label(e)] = 0;
    let other = 0;
    d.entity.forEach((e, i) => {
      const s = d.weight[i]! / d.total;
      if (named.has(e)) shares[label(e)]! += s;
      else other += s;
    });
    if (rest) shares[OTHER] = other;
    return { start: formatDay(d.window.start), end: formatDay(d.window.end), total: d.total, shares };
  });
  const entities = [...new Set([...named].map(label)), ...(rest ? [OTHER] : [])];
  return { distribution: entry.id, window: spec.size.text, entities, windows, provenance: sourced.provenance };
}
