/**
 * @module Sampling uncertainty of block-based metrics. A pool with true hash share p finds a
 * Binomial(n, p) number of a window's n blocks; jointly the counts are Multinomial(n, p). We report
 * Bayesian intervals from the posterior of p given the counts — Dirichlet(c + ½) with the Jeffreys
 * prior over the window's entities (population zero-weight members included) — by Monte Carlo:
 * draw shares, compute the metric on each draw, take the central quantiles. Discrete metrics also
 * get the posterior probability of each value, e.g. P(NC = 2). Seeded per window: reproducible.
 *
 * Why posterior and not the parametric bootstrap (resampling Multinomial(n, ĉ/n)): the bootstrap
 * centres on the plug-in estimate, which is biased for convex metrics (HHI of observed shares
 * over-states HHI by ≈ (1 − HHI)/n), and it can never give mass to values the sample did not show.
 * The simulation test beside this file checks coverage of both approaches' target.
 */
import { quantileSorted } from '../../random/quantile.js';
import { UsageError } from '../../domain/errors.js';
import { prepareWeights, type Metric } from '../../metrics/metric.js';
import { sampleDirichlet, type UniformNormalSource } from '../../random/gamma.js';

export interface IntervalOptions {
  /** Central credible level, e.g. 0.95. */
  readonly confidence: number;
  /** Posterior draws per window. */
  readonly draws: number;
  /** Dirichlet prior added to every count (0.5 = Jeffreys). */
  readonly prior: number;
}

export const DEFAULT_INTERVALS: IntervalOptions = { confidence: 0.95, draws: 1000, prior: 0.5 };

export interface MetricInterval {
  readonly lo: number | null;
  readonly hi: number | null;
  /** For discrete metrics: posterior probability of each value (value → probability). */
  readonly probabilities?: ReadonlyMap<number, number>;
}

/** Metrics whose value is a count: reported with value probabilities. */
const DISCRETE = /^(nakamoto-coefficient|tau-index|active-entities|total-entities)/;
/** Metrics the model says nothing about (the set of entities is held fixed). */
const NOT_MODELLED = new Set(['total-entities', 'active-entities']);

export function validateIntervalOptions(o: IntervalOptions): IntervalOptions {
  if (!(o.confidence > 0 && o.confidence < 1)) throw new UsageError(`invalid --confidence: ${o.confidence} (expected 0 < c < 1, e.g. 0.95)`);
  if (!Number.isInteger(o.draws) || o.draws < 100 || o.draws > 1_000_000) throw new UsageError(`invalid --draws: ${o.draws} (expected 100–1,000,000)`);
  if (!(o.prior > 0)) throw new UsageError(`invalid prior: ${o.prior} (expected > 0)`);
  return o;
}

export { quantileSorted } from '../../random/quantile.js';

/**
 * Posterior draws of `metrics` for one window's counts: for each metric a Float64Array of
 * `opts.draws` values (NaN where the metric is undefined for a draw). Entity shares of each draw are
 * passed to `onDraw` (aligned with `counts`) for callers that need more than metric values.
 */
export function posteriorDraws(
  counts: ArrayLike<number>,
  metrics: readonly Metric[],
  rng: UniformNormalSource,
  opts: IntervalOptions = DEFAULT_INTERVALS,
  onDraw?: (shares: Float64Array, d: number) => void,
): Float64Array[] | null {
  const n = counts.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += counts[i]!;
  if (total <= 0 || n === 0) return null;
  const alpha = new Float64Array(n);
  for (let i = 0; i < n; i++) alpha[i] = counts[i]! + opts.prior;
  const values = metrics.map(() => new Float64Array(opts.draws));
  const draw = new Float64Array(n);
  for (let d = 0; d < opts.draws; d++) {
    sampleDirichlet(rng, alpha, draw);
    onDraw?.(draw, d);
    const s = prepareWeights(draw);
    metrics.forEach((m, j) => {
      values[j]![d] = m.compute(s) ?? Number.NaN;
    });
  }
  return values;
}

/**
 * Posterior intervals of `metrics` for one window's counts (integer block counts per entity; zeros
 * allowed for population members). Returns one MetricInterval per metric id.
 */
export function posteriorIntervals(counts: ArrayLike<number>, metrics: readonly Metric[], rng: UniformNormalSource, opts: IntervalOptions = DEFAULT_INTERVALS): Record<string, MetricInterval> {
  const out: Record<string, MetricInterval> = {};
  const values = posteriorDraws(counts, metrics, rng, opts);
  if (!values) {
    for (const m of metrics) out[m.id] = { lo: null, hi: null };
    return out;
  }
  const tail = (1 - opts.confidence) / 2;
  metrics.forEach((m, j) => {
    if (NOT_MODELLED.has(m.id)) {
      out[m.id] = { lo: null, hi: null };
      return;
    }
    const v = values[j]!.filter((x) => !Number.isNaN(x)).sort();
    if (v.length === 0) {
      out[m.id] = { lo: null, hi: null };
      return;
    }
    const interval: { lo: number; hi: number; probabilities?: Map<number, number> } = { lo: quantileSorted(v, tail), hi: quantileSorted(v, 1 - tail) };
    if (DISCRETE.test(m.id)) {
      const count = new Map<number, number>();
      for (const x of v) count.set(x, (count.get(x) ?? 0) + 1);
      interval.probabilities = new Map([...count.entries()].sort((a, b) => a[0] - b[0]).map(([k, c]) => [k, c / v.length]));
      // Discrete quantiles are values that occur, not interpolations.
      interval.lo = v[Math.floor(tail * (v.length - 1))]!;
      interval.hi = v[Math.ceil((1 - tail) * (v.length - 1))]!;
    }
    out[m.id] = interval;
  });
  return out;
}

/** A window is flagged unstable when its Nakamoto coefficient is not settled: no value has posterior probability ≥ the confidence level. */
export function isUnstable(intervals: Record<string, MetricInterval>, confidence: number): boolean {
  const nc = intervals['nakamoto-coefficient']?.probabilities;
  if (!nc) return false;
  return Math.max(...nc.values()) < confidence;
}
