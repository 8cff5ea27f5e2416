/**
 * @module Line chart of one concentration metric per window with its central posterior band
 * (e.g. Nakamoto coefficient, HHI, top-5 share of Bitcoin pools per month, 95% band).
 */
import type { MetricsResult } from '../../../pipeline/queries/metrics-query.js';
import { composeSvg } from '../svg-document.js';
import { CATEGORICAL, utcDate } from './palette.js';
import { loadPlot, renderPlot } from './plot-render.js';

export interface MetricBandOptions {
  /** Column of the metric in the result rows (`hhi`, `nakamoto-coefficient`, `concentration-ratio=5`). */
  readonly column: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  /** Show values as percentages (shares 0–1). */
  readonly percent?: boolean;
  readonly color?: string;
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function renderMetricBand(data: MetricsResult, o: MetricBandOptions): Promise<string> {
  const Plot = await loadPlot();
  const width = o.width ?? 760;
  const height = o.height ?? 260;
  const color = o.color ?? CATEGORICAL[0]!;
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const point = (r: (typeof data.rows)[number], day: unknown) => ({ date: utcDate(String(day)), value: num(r[o.column]), lo: num(r[`${o.column}_lo`]), hi: num(r[`${o.column}_hi`]) });
  // Step curves end at the last point: repeat the last window at its end so that it gets its width.
  const last = data.rows[data.rows.length - 1];
  const rows = [...data.rows.map((r) => point(r, r.window_start)), ...(last ? [point(last, last.window_end)] : [])];
  const banded = rows.filter((r) => r.lo !== null && r.hi !== null);
  const plot = await renderPlot({
    width,
    height,
    marginLeft: 48,
    x: { type: 'utc', label: null },
    y: { label: o.yLabel, grid: true, zero: true, ...(o.percent ? { percent: true } : {}) },
    marks: [
      Plot.areaY(banded, { x: 'date', y1: 'lo', y2: 'hi', fill: color, fillOpacity: 0.25, curve: 'step-after' }),
      Plot.lineY(rows, { x: 'date', y: 'value', stroke: color, strokeWidth: 1.5, curve: 'step-after' }),
      Plot.ruleY([0]),
    ],
  });
  return composeSvg({
    width,
    plot,
    plotHeight: height,
    title: o.title,
    subtitle: o.subtitle,
    legend: [
      { label: 'estimate', color, kind: 'line' },
      ...(banded.length ? [{ label: '95% posterior interval (block sampling)', color, kind: 'band' as const }] : []),
    ],
    note: o.note,
  });
}
