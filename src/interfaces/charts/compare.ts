/**
 * @module Several distributions on one time axis: one metric per window as a line with dots, and
 * its 95 % interval as a bar where the data is a block sample (lo/hi of /api/compare). Used by the
 * report (Bitcoin vs AI, HHI per year) and the dashboard's compare page.
 */
import { chartColors, utcDate } from './palette.js';
import type { ChartSpec, PlotModule, SpecOptions } from './plot-module.js';

export interface CompareSeries {
  readonly distributions: readonly string[];
  readonly cells: readonly { readonly distribution: string; readonly metric: string; readonly windowStart: string; readonly value: number | null; readonly lo: number | null; readonly hi: number | null }[];
}

export interface CompareOptions extends SpecOptions {
  readonly metric: string;
  readonly yLabel?: string;
}

/** Shares (0–1) are drawn as percentages. */
export const isShareMetric = (metric: string) => metric.startsWith('concentration-ratio') || metric === 'max-share';

export function compareSpec(Plot: PlotModule, r: CompareSeries, o: CompareOptions): ChartSpec {
  const names = [...r.distributions];
  const colors = chartColors(names);
  const rows = r.cells.filter((c) => c.metric === o.metric && c.value !== null).map((c) => ({ date: utcDate(c.windowStart), distribution: c.distribution, value: c.value, lo: c.lo, hi: c.hi }));
  const bars = rows.filter((c) => c.lo !== null && c.hi !== null);
  const percent = isShareMetric(o.metric);
  return {
    legend: names.map((label, i) => ({ label, color: colors[i]! })),
    options: {
      width: o.width,
      height: o.height ?? 300,
      marginLeft: 52,
      // Fewer ticks on a phone, so the year labels do not overlap.
      x: { type: 'utc', label: null, ...(o.width < 560 ? { ticks: 4 } : {}) },
      y: { label: o.yLabel ?? o.metric, grid: true, zero: true, percent },
      color: { domain: names, range: colors, ...(o.interactive ? { legend: true } : {}) },
      marks: [
        Plot.ruleX(bars, { x: 'date', y1: 'lo', y2: 'hi', stroke: 'distribution', strokeWidth: 3, strokeOpacity: 0.5 }),
        Plot.lineY(rows, { x: 'date', y: 'value', z: 'distribution', stroke: 'distribution', strokeWidth: 1.5 }),
        Plot.dot(rows, { x: 'date', y: 'value', fill: 'distribution', r: 3, ...(o.interactive ? { tip: { format: { date: true } } } : {}) }),
        Plot.ruleY([0]),
      ],
    },
  };
}
