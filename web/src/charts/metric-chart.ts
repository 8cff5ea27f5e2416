/**
 * @module One metric over time: the value of each window as a step (it holds for the whole
 * window) and, when the data is a block sample, its 95 % posterior interval as a band
 * (`<metric>_lo`/`_hi` from /api/metrics with ci).
 */
import * as Plot from '@observablehq/plot';
import type { MetricsResult } from '../api-types.js';
import { day, metricText } from '../format.js';
import type { ChartData } from './frame.js';

/** Blue that reads on light and dark backgrounds. */
const LINE = '#4e79a7';

interface Point {
  readonly date: Date;
  readonly value: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

const numOrNull = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function metricPoints(r: MetricsResult, metric: string): Point[] {
  return r.rows.map((row) => ({
    date: day(String(row.window_start)),
    value: numOrNull(row[metric]),
    lo: numOrNull(row[`${metric}_lo`]),
    hi: numOrNull(row[`${metric}_hi`]),
  }));
}

/** A window's value holds over the whole window: steps, closed by a point at the last window's end. */
function steps(r: MetricsResult, points: Point[]): Point[] {
  const last = r.rows.at(-1);
  return last && points.length ? points.concat({ ...points.at(-1)!, date: day(String(last.window_end)) }) : points;
}

export function hasBand(r: MetricsResult, metric: string): boolean {
  return r.columns.includes(`${metric}_lo`);
}

export function metricChart(r: MetricsResult, metric: string, label: string, width: number): Element {
  const data = metricPoints(r, metric);
  const stepped = steps(r, data);
  const percent = metric.startsWith('concentration-ratio') || metric === 'max-share';
  const curve = 'step-after';
  const marks: Plot.Markish[] = [];
  if (hasBand(r, metric)) marks.push(Plot.areaY(stepped, { x: 'date', y1: 'lo', y2: 'hi', fill: LINE, fillOpacity: 0.25, curve }));
  marks.push(
    data.length > 1
      ? Plot.lineY(stepped, { x: 'date', y: 'value', stroke: LINE, strokeWidth: 2, curve })
      : Plot.dot(data, { x: 'date', y: 'value', fill: LINE, r: 4 }),
  );
  marks.push(Plot.tip(data, Plot.pointerX({ x: 'date', y: 'value', title: (p: Point) => `${p.date.toISOString().slice(0, 10)}\n${label}: ${metricText(metric, p.value)}${p.lo !== null ? `\n95% interval: ${metricText(metric, p.lo)} – ${metricText(metric, p.hi)}` : ''}` })));
  return Plot.plot({
    width,
    height: 200,
    marginLeft: 48,
    x: { type: 'utc', label: null },
    y: { label: percent ? `${label} (%)` : label, grid: true, percent, zero: metric === 'hhi' ? false : undefined, ...(metric.startsWith('nakamoto') ? { interval: 1, tickFormat: 'd' } : {}) },
    marks,
  });
}

export function metricTable(r: MetricsResult, metric: string): ChartData {
  const band = hasBand(r, metric);
  return {
    columns: ['window start', 'window end', 'value', ...(band ? ['95% low', '95% high'] : [])],
    rows: metricPoints(r, metric).map((p, i) => [String(r.rows[i]!.window_start), String(r.rows[i]!.window_end), metricText(metric, p.value), ...(band ? [metricText(metric, p.lo), metricText(metric, p.hi)] : [])]),
    num: [2, 3, 4],
  };
}
