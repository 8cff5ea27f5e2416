/**
 * @module Metrics per window over a sourced series: divide the covered range into windows, build
 * each window's distribution, compute the requested metrics. Pure given its inputs.
 */
import { divideWindows, windowAxis, type Window, type WindowSpec } from '../aggregate/windows.js';
import { windowDistributions, type WindowDistribution, type WindowOptions } from '../aggregate/window-distributions.js';
import { UsageError } from '../domain/errors.js';
import type { ObservationSeries } from '../domain/observations.js';
import { prepareWeights, type Metric } from '../metrics/metric.js';
import type { MetricValues } from '../metrics/compute.js';
import type { Coverage } from '../domain/sourced-series.js';

export interface WindowMetrics {
  readonly window: Window;
  readonly total: number;
  readonly observations: number;
  readonly values: MetricValues;
  readonly distribution: WindowDistribution;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** The range windows may cover: the data's coverage on the spec's axis, narrowed by from/to. */
export function resolveRange(coverage: Coverage, axis: 'time' | 'height', from?: number, to?: number): Range {
  const cov = axis === 'time' ? coverage.time : coverage.height;
  if (!cov) {
    throw new UsageError(
      axis === 'time'
        ? 'this source has no block times: use a block-count window such as --window 2016b'
        : 'this source is day-granular (no block heights): use a time window such as --window 30d',
    );
  }
  const start = Math.max(cov.start, from ?? cov.start);
  const end = Math.min(cov.end, to ?? cov.end);
  return { start, end };
}

export function computeWindowMetrics(
  series: { time: ObservationSeries; height?: ObservationSeries },
  spec: WindowSpec,
  range: Range,
  metrics: readonly Metric[],
  populationWindows = 0,
  opts: WindowOptions = {},
): WindowMetrics[] {
  const axis = windowAxis(spec);
  const s = axis === 'height' ? series.height : series.time;
  if (!s) throw new UsageError('block-count windows need per-block data: ingest a per-block source, or use a time window such as --window 30d');
  const windows = divideWindows(spec, range.start, range.end);
  const dists = windowDistributions(s, windows, populationWindows, opts);
  return dists.map((d) => {
    const sorted = prepareWeights(d.weight);
    const values: MetricValues = {};
    for (const m of metrics) values[m.id] = m.compute(sorted);
    return { window: d.window, total: d.total, observations: d.observations, values, distribution: d };
  });
}
