/**
 * @module Several distributions on one time axis on the dashboard: the shared spec
 * (src/interfaces/charts/compare.ts, the report draws the same) rendered in the browser.
 */
import * as Plot from '@observablehq/plot';
import { compareSpec } from '../../../src/interfaces/charts/compare.js';
import type { CompareResult } from '../api-types.js';
import { metricText } from '../format.js';
import type { ChartData } from './frame.js';

export function compareChart(r: CompareResult, metric: string, width: number): Element {
  return Plot.plot(compareSpec(Plot, r, { width, height: 320, metric, interactive: true }).options);
}

export function compareTable(r: CompareResult, metric: string): ChartData {
  const cells = r.cells.filter((c) => c.metric === metric);
  return {
    columns: ['distribution', 'window start', 'value', '95% low', '95% high'],
    rows: cells.map((c) => [c.distribution, c.windowStart, metricText(metric, c.value), metricText(metric, c.lo), metricText(metric, c.hi)]),
    num: [2, 3, 4],
  };
}
