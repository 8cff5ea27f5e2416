/**
 * @module Bitcoin vs AI: one metric per calendar window for several distributions on one axis,
 * with interval bars where the data is a block sample.
 */
import type { CompareResult } from '../../../pipeline/queries/compare-query.js';
import { composeSvg } from '../svg-document.js';
import { colorsFor, utcDate } from './palette.js';
import { loadPlot, renderPlot } from './plot-render.js';

export interface CompareChartOptions {
  readonly metric: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function renderCompareChart(data: CompareResult, o: CompareChartOptions): Promise<string> {
  const Plot = await loadPlot();
  const width = o.width ?? 760;
  const height = o.height ?? 300;
  const names = [...data.distributions];
  const colors = colorsFor(names);
  const rows = data.cells.filter((c) => c.metric === o.metric && c.value !== null).map((c) => ({ date: utcDate(c.windowStart), distribution: c.distribution, value: c.value, lo: c.lo, hi: c.hi }));
  const bars = rows.filter((r) => r.lo !== null && r.hi !== null);
  const plot = await renderPlot({
    width,
    height,
    marginLeft: 52,
    x: { type: 'utc', label: null },
    y: { label: o.yLabel, grid: true, zero: true },
    color: { domain: names, range: colors },
    marks: [
      Plot.ruleX(bars, { x: 'date', y1: 'lo', y2: 'hi', stroke: 'distribution', strokeWidth: 3, strokeOpacity: 0.5 }),
      Plot.lineY(rows, { x: 'date', y: 'value', z: 'distribution', stroke: 'distribution', strokeWidth: 1.5 }),
      Plot.dot(rows, { x: 'date', y: 'value', fill: 'distribution', r: 3 }),
      Plot.ruleY([0]),
    ],
  });
  return composeSvg({ width, plot, plotHeight: height, title: o.title, subtitle: o.subtitle, legend: names.map((label, i) => ({ label, color: colors[i]!, kind: 'line' })), note: o.note });
}
