/**
 * @module Put several distributions side by side on one calendar-aligned time axis: the same
 * metrics per window for each, with posterior intervals for block-sampled distributions. Each
 * distribution covers only the windows its data covers; stocks are read at their latest snapshot
 * inside a window.
 */
import { divideWindows, type WindowSpec } from '../aggregate/windows.js';
import type { Metric } from '../metrics/metric.js';
import type { SourcedSeries } from '../domain/sourced-series.js';
import { type IntervalOptions } from './uncertainty/posterior.js';
import { windowIntervals } from './uncertainty/window-intervals.js';
import { computeWindowMetrics } from './window-metrics.js';

export interface CompareInput {
  readonly id: string;
  readonly sourced: SourcedSeries;
}

export interface CompareCell {
  readonly distribution: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly metric: string;
  readonly value: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly total: number;
}

export interface CompareOptions {
  readonly spec: WindowSpec;
  readonly from?: number;
  readonly to?: number;
  /** Intervals for block-sampled distributions; null = none. */
  readonly intervals: IntervalOptions | null;
  readonly seed: number;
}

export function compareDistributions(inputs: readonly CompareInput[], metrics: readonly Metric[], opts: CompareOptions): CompareCell[] {
  const cells: CompareCell[] = [];
  for (const { id, sourced } of inputs) {
    const cov = sourced.coverage.time;
    if (!cov) continue;
    const start = Math.max(cov.start, opts.from ?? cov.start);
    const end = Math.min(cov.end, opts.to ?? cov.end);
    const spec = { ...opts.spec, partial: sourced.series.kind === 'stock' };
    const windows = divideWindows(spec, start, end);
    if (windows.length === 0) continue;
    const results = computeWindowMetrics({ time: sourced.series }, spec, { start, end }, metrics, 0);
    const sampled = opts.intervals !== null && sourced.provenance.unit === 'blocks';
    const ivs = sampled ? windowIntervals(results, metrics, opts.intervals!, opts.seed) : null;
    results.forEach((r, i) => {
      for (const m of metrics) {
        const iv = ivs?.[i]?.intervals[m.id];
        cells.push({ distribution: id, windowStart: r.window.start, windowEnd: r.window.end, metric: m.id, value: r.values[m.id] ?? null, lo: iv?.lo ?? null, hi: iv?.hi ?? null, total: r.total });
      }
    });
  }
  return cells;
}
