/**
 * @module Several distributions on one time axis: one line per distribution for the chosen metric,
 * with its 95 % interval band where the data is a block sample (lo/hi from /api/compare).
 */
import * as Plot from '@observablehq/plot';
import type { CompareResult } from '../api-types.js';
import { day, metricText } from '../format.js';
import type { ChartData } from './frame.js';
import { colors } from './palette.js';

export function compareChart(r: CompareResult, metric: string, width: number): Element {
  const cells = r.cells.filter((c) => c.metric === metric && c.value !== null).map((c) => ({ ...c, date: day(c.windowStart) }));
  const ids = [...r.distributions];
  const percent = metric.startsWith('concentration-ratio') || metric === 'max-share';
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 52,
    // Fewer ticks on a phone, so the year labels do not overlap.
    x: { type: 'utc', label: null, ticks: width < 560 ? 4 : undefined },
    y: { label: metric, grid: true, percent },
    color: { domain: ids, range: colors(ids), legend: true },
    marks: [
      Plot.areaY(cells.filter((c) => c.lo !== null && c.hi !== null), { x: 'date', y1: 'lo', y2: 'hi', fill: 'distribution', fillOpacity: 0.2 }),
      Plot.lineY(cells, { x: 'date', y: 'value', stroke: 'distribution', strokeWidth: 2 }),
      Plot.dot(cells, { x: 'date', y: 'value', fill: 'distribution', r: 2.5, tip: { format: { date: true } } }),
    ],
  });
}

export function compareTable(r: CompareResult, metric: string): ChartData {
  const cells = r.cells.filter((c) => c.metric === metric);
  return {
    columns: ['distribution', 'window start', 'value', '95% low', '95% high'],
    rows: cells.map((c) => [c.distribution, c.windowStart, metricText(metric, c.value), metricText(metric, c.lo), metricText(metric, c.hi)]),
    num: [2, 3, 4],
  };
}
