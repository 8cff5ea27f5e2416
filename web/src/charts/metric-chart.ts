/**
 * @module One metric over time on the dashboard: the shared spec (src/interfaces/charts/metric-band.ts,
 * the report draws the same) rendered in the browser, with a pointer tip.
 */
import * as Plot from '@observablehq/plot';
import { isShareMetric } from '../../../src/interfaces/charts/compare.js';
import { metricBandSpec, metricPoints, type MetricPoint } from '../../../src/interfaces/charts/metric-band.js';
import type { MetricsResult } from '../api-types.js';
import { metricText } from '../format.js';
import type { ChartData } from './frame.js';

export { metricPoints };

export function hasBand(r: MetricsResult, metric: string): boolean {
  return r.columns.includes(`${metric}_lo`);
}

export function metricChart(r: MetricsResult, metric: string, label: string, width: number): Element {
  const tipTitle = (p: MetricPoint) => `${p.date.toISOString().slice(0, 10)}\n${label}: ${metricText(metric, p.value)}${p.lo !== null ? `\n95% interval: ${metricText(metric, p.lo)} – ${metricText(metric, p.hi)}` : ''}`;
  return Plot.plot(metricBandSpec(Plot, r, { width, height: 200, metric, yLabel: isShareMetric(metric) ? `${label} (%)` : label, interactive: true, tipTitle }).options);
}

export function metricTable(r: MetricsResult, metric: string): ChartData {
  const band = hasBand(r, metric);
  return {
    columns: ['window start', 'window end', 'value', ...(band ? ['95% low', '95% high'] : [])],
    rows: metricPoints(r, metric).map((p, i) => [String(r.rows[i]!.window_start), String(r.rows[i]!.window_end), metricText(metric, p.value), ...(band ? [metricText(metric, p.lo), metricText(metric, p.hi)] : [])]),
    num: [2, 3, 4],
  };
}
