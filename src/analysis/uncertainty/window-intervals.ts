/**
 * @module Posterior intervals for every window of a metric series, seeded per window index so a
 * window's interval does not depend on which other windows were computed.
 */
import type { Metric } from '../../metrics/metric.js';
import { getMetric } from '../../metrics/registry.js';
import { Rng } from '../../random/prng.js';
import type { WindowMetrics } from '../window-metrics.js';
import { isUnstable, posteriorIntervals, type IntervalOptions, type MetricInterval } from './posterior.js';

export interface WindowIntervals {
  readonly intervals: Record<string, MetricInterval>;
  /** True when no Nakamoto-coefficient value reaches the confidence level (EDI: the window is too short). */
  readonly unstable: boolean;
}

const NC = getMetric('nakamoto-coefficient');

export function windowIntervals(results: readonly WindowMetrics[], metrics: readonly Metric[], opts: IntervalOptions, seed: number): WindowIntervals[] {
  const withNc = metrics.some((m) => m.id === NC.id) ? metrics : [...metrics, NC];
  return results.map((r, i) => {
    const intervals = posteriorIntervals(r.distribution.weight, withNc, Rng.forReplicate(seed, i), opts);
    return { intervals, unstable: isUnstable(intervals, opts.confidence) };
  });
}

/** `2:0.83;3:0.17` — value probabilities for CSV/table cells. */
export function formatProbabilities(p: ReadonlyMap<number, number> | undefined): string {
  if (!p) return '';
  return [...p.entries()].map(([k, v]) => `${k}:${Number(v.toFixed(4))}`).join(';');
}
