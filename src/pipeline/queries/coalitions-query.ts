/**
 * @module The coalitions query behind `GET /api/attack/coalitions/<distribution>`: in one time
 * window of a distribution, the smallest sets of the largest entities whose combined share exceeds
 * attack thresholds (25%, ⅓, 50%, 51% by default). With `ci` (block-sampled data only) each
 * entity's share gets a central posterior interval (Dirichlet(counts + ½)), which bounds the
 * coalition size.
 */
import { addDuration, DAY_SEC, formatDay, parseDate, parseDuration } from '../../aggregate/duration.js';
import { windowDistributions } from '../../aggregate/window-distributions.js';
import type { Window } from '../../aggregate/windows.js';
import { DEFAULT_COALITION_THRESHOLDS, smallestCoalitions, type Coalition } from '../../analysis/attack/index.js';
import { posteriorDraws, quantileSorted, validateIntervalOptions } from '../../analysis/uncertainty/posterior.js';
import { UsageError } from '../../domain/errors.js';
import { Rng } from '../../random/prng.js';
import { getDistribution } from '../catalogue.js';
import { poolName } from '../pool-names.js';
import type { Provenance } from '../series-source.js';
import type { QueryContext } from './context.js';
import { loadDistribution } from './load-distribution.js';
import { parseFlagParam, parseListParam, parseNumberParam } from './query-params.js';

export interface CoalitionsRequest {
  readonly distribution: string;
  readonly window?: string;
  /** Last day of the window (UTC, inclusive); default: the last day of data. */
  readonly at?: string;
  readonly source?: string;
  readonly level?: string;
  /** Comma-separated thresholds in (0, 1). */
  readonly thresholds?: string;
  readonly ci?: boolean | string;
  readonly confidence?: string | number;
  readonly draws?: string | number;
  readonly seed?: string | number;
}

export interface CoalitionsResult {
  readonly distribution: string;
  readonly window: { readonly start: string; readonly end: string; readonly endExclusive: true };
  readonly total: number;
  readonly entities: number;
  readonly provenance: Provenance;
  readonly coalitions: readonly Coalition[];
  readonly intervals?: { readonly confidence: number; readonly draws: number; readonly seed: number };
}

/** Central posterior interval of every entity's share. */
function shareIntervals(counts: Float64Array, confidence: number, draws: number, seed: number): { lower: Float64Array; upper: Float64Array } {
  const n = counts.length;
  const samples = Array.from({ length: n }, () => new Float64Array(draws));
  posteriorDraws(counts, [], Rng.forReplicate(seed, 0), { confidence, draws, prior: 0.5 }, (shares, d) => {
    for (let i = 0; i < n; i++) samples[i]![d] = shares[i]!;
  });
  const tail = (1 - confidence) / 2;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  samples.forEach((s, i) => {
    s.sort();
    lower[i] = quantileSorted(s, tail);
    upper[i] = quantileSorted(s, 1 - tail);
  });
  return { lower, upper };
}

/**
 * The window of `size` ending with day `at` (inclusive). Default: the last day of data — for a stock,
 * the day of its last snapshot. A flow window must lie inside the data; a stock window must only
 * overlap it (its value is the latest snapshot inside).
 */
function coalitionWindow(windowText: string, at: string | undefined, cov: { start: number; end: number }, stock: boolean): Window {
  const size = parseDuration(windowText, 'window');
  const end = at !== undefined ? parseDate(at, 'at') + DAY_SEC : stock ? Math.floor((cov.end - 1) / DAY_SEC) * DAY_SEC + DAY_SEC : cov.end;
  const start = addDuration(end, size, -1);
  const inside = stock ? start < cov.end && end > cov.start : start >= cov.start && end <= cov.end;
  if (!inside) throw new UsageError(`the ${size.text} window ending ${formatDay(end - DAY_SEC)} (${formatDay(start)} → ${formatDay(end - DAY_SEC)}) is outside the data (${formatDay(cov.start)} → ${formatDay(cov.end - 1)})`);
  return { axis: 'time', start, end, complete: true };
}

export async function queryCoalitions(q: CoalitionsRequest, ctx: QueryContext): Promise<CoalitionsResult> {
  const entry = getDistribution(q.distribution);
  const thresholds = q.thresholds === undefined ? DEFAULT_COALITION_THRESHOLDS : parseListParam('thresholds', q.thresholds).map((t) => parseNumberParam('threshold', t, { min: 0, max: 1, minExclusive: true, maxExclusive: true }));
  const ci = parseFlagParam('ci', q.ci);
  const windowText = q.window ?? '30d';
  if (parseDuration(windowText, 'window').unit === 'block') throw new UsageError(`invalid window: ${windowText} (coalitions take a time window)`);
  const sourced = await loadDistribution(ctx, entry.id, { source: q.source, level: q.level });
  const cov = sourced.coverage.time;
  if (!cov) throw new UsageError(`${entry.id} from this source has no times: coalitions need a time window`);
  const w = coalitionWindow(windowText, q.at, cov, sourced.series.kind === 'stock');
  const [d] = windowDistributions(sourced.series, [w]);
  const names = entry.id === 'bitcoin/pools' ? poolName : (x: string) => x;
  const labels = Array.from(d!.entity, (e) => names(sourced.series.entities[e]!));
  let intervals: CoalitionsResult['intervals'];
  let bounds;
  if (ci) {
    if (sourced.provenance.unit !== 'blocks') throw new UsageError(`ci: intervals model block sampling; ${entry.id} is not a sample`);
    const iv = validateIntervalOptions({ confidence: parseNumberParam('confidence', q.confidence ?? 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true }), draws: parseNumberParam('draws', q.draws ?? 1000, { min: 100, max: 100_000, integer: true }), prior: 0.5 });
    const seed = parseNumberParam('seed', q.seed ?? 1, { min: 0, integer: true });
    bounds = shareIntervals(d!.weight, iv.confidence, iv.draws, seed);
    intervals = { confidence: iv.confidence, draws: iv.draws, seed };
  }
  const coalitions = smallestCoalitions({ labels, weights: d!.weight, thresholds, ...(bounds ? { shareIntervals: bounds } : {}) });
  return {
    distribution: entry.id,
    window: { start: formatDay(w.start), end: formatDay(w.end), endExclusive: true },
    total: d!.total,
    entities: Array.from(d!.weight).filter((x) => x > 0).length,
    provenance: sourced.provenance,
    coalitions,
    ...(intervals ? { intervals } : {}),
  };
}
