/**
 * @module One concentration metric per window: its value as a step (it holds for the whole window,
 * closed at the last window's end) and, where the data is a block sample, its 95 % posterior
 * interval as a band (`<metric>_lo`/`_hi` columns). A single window is a dot. Used by the report
 * (Nakamoto coefficient, HHI, top-5 share) and the dashboard's metric charts.
 */
import { isShareMetric } from './compare.js';
import { metricColor, utcDate } from './palette.js';
import type { ChartSpec, Markish, PlotModule, SpecOptions } from './plot-module.js';

export interface MetricRows {
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

export interface MetricBandOptions extends SpecOptions {
  /** Column of the metric in the rows (`hhi`, `nakamoto-coefficient`, `concentration-ratio=5`). */
  readonly metric: string;
  readonly yLabel: string;
  readonly color?: string;
  /** Tip text of a point (interactive only). */
  readonly tipTitle?: (p: MetricPoint) => string;
}

export interface MetricPoint {
  readonly date: Date;
  readonly value: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

const numOrNull = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function metricPoints(r: MetricRows, metric: string): MetricPoint[] {
  return r.rows.map((row) => ({ date: utcDate(String(row.window_start)), value: numOrNull(row[metric]), lo: numOrNull(row[`${metric}_lo`]), hi: numOrNull(row[`${metric}_hi`]) }));
}

export function metricBandSpec(Plot: PlotModule, r: MetricRows, o: MetricBandOptions): ChartSpec & { readonly banded: boolean } {
  const color = o.color ?? metricColor(o.metric);
  const data = metricPoints(r, o.metric);
  const last = r.rows.at(-1);
  const stepped = last && data.length ? data.concat({ ...data.at(-1)!, date: utcDate(String(last.window_end)) }) : data;
  const banded = stepped.filter((p) => p.lo !== null && p.hi !== null);
  const curve = 'step-after';
  const marks: Markish[] = [];
  if (banded.length) marks.push(Plot.areaY(banded, { x: 'date', y1: 'lo', y2: 'hi', fill: color, fillOpacity: 0.25, curve }));
  marks.push(data.length > 1 ? Plot.lineY(stepped, { x: 'date', y: 'value', stroke: color, strokeWidth: 1.5, curve }) : Plot.dot(data, { x: 'date', y: 'value', fill: color, r: 4 }));
  marks.push(Plot.ruleY([0]));
  if (o.interactive && o.tipTitle) marks.push(Plot.tip(data, Plot.pointerX({ x: 'date', y: 'value', title: o.tipTitle })));
  const integer = o.metric.startsWith('nakamoto');
  return {
    banded: banded.length > 0,
    legend: [{ label: 'estimate', color }],
    options: {
      width: o.width,
      height: o.height ?? 260,
      marginLeft: 48,
      x: { type: 'utc', label: null },
      y: { label: o.yLabel, grid: true, zero: true, percent: isShareMetric(o.metric), ...(integer ? { interval: 1, tickFormat: 'd' } : {}) },
      marks,
    },
  };
}
