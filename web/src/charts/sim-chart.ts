/**
 * @module Simulated metric paths: for each simulated distribution, the mean over replicates per
 * step as a line and the 5–95 % band of replicates around it; a single final step is drawn as a
 * dot with its band as a rule.
 */
import * as Plot from '@observablehq/plot';
import type { SimBand } from '../api-types.js';
import { metricText } from '../format.js';
import type { ChartData } from './frame.js';
import { chartColors as colors } from '../../../src/interfaces/charts/palette.js';

interface Point {
  readonly step: Date | string;
  readonly series: string;
  readonly mean: number | null;
  readonly p05: number | null;
  readonly p95: number | null;
}

/** series name → band of one metric (e.g. pools → hhi band). */
export type BandsBySeries = Readonly<Record<string, SimBand>>;

function points(steps: readonly string[], bands: BandsBySeries): Point[] {
  const dates = steps.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
  return Object.entries(bands).flatMap(([series, b]) =>
    steps.map((s, t) => ({ step: dates ? new Date(`${s}T00:00:00Z`) : s, series, mean: b.mean[t] ?? null, p05: b.p05[t] ?? null, p95: b.p95[t] ?? null })),
  );
}

export function simChart(steps: readonly string[], bands: BandsBySeries, metric: string, width: number): Element {
  const data = points(steps, bands).filter((p) => p.mean !== null);
  const names = Object.keys(bands);
  const percent = metric.endsWith('share') || metric.endsWith('01');
  const color = { domain: names, range: colors(names), legend: names.length > 1 };
  // A band of zero width (all replicates equal) still needs a readable axis: pad it.
  const values = data.flatMap((p) => [p.p05, p.p95, p.mean]).filter((x): x is number => x !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? 0 : Math.max(Math.abs(lo) * 0.05, 1e-3);
  const y = { label: percent ? `${metric} (%)` : metric, grid: true, percent, nice: true, ...(pad ? { domain: [lo - pad, hi + pad] } : {}) };
  if (steps.length === 1) {
    return Plot.plot({
      width,
      height: 220,
      marginLeft: 52,
      color,
      y,
      x: { label: null, domain: names },
      marks: [
        Plot.ruleX(data, { x: 'series', y1: 'p05', y2: 'p95', stroke: 'series', strokeWidth: 3 }),
        Plot.dot(data, { x: 'series', y: 'mean', fill: 'series', r: 5, tip: true }),
      ],
    });
  }
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 52,
    color,
    y,
    x: { label: null, type: data[0]?.step instanceof Date ? 'utc' : 'point' },
    marks: [
      Plot.areaY(data, { x: 'step', y1: 'p05', y2: 'p95', fill: 'series', fillOpacity: 0.2 }),
      Plot.lineY(data, { x: 'step', y: 'mean', stroke: 'series', strokeWidth: 2, tip: true }),
    ],
  });
}

export function simTable(steps: readonly string[], bands: BandsBySeries, metric: string): ChartData {
  const pick = steps.length > 24 ? steps.map((_, t) => t).filter((t) => t % Math.ceil(steps.length / 24) === 0 || t === steps.length - 1) : steps.map((_, t) => t);
  return {
    columns: ['series', 'step', 'mean', '5%', '95%'],
    rows: Object.entries(bands).flatMap(([series, b]) => pick.map((t) => [series, steps[t]!, metricText(metric, b.mean[t]), metricText(metric, b.p05[t]), metricText(metric, b.p95[t])])),
    num: [2, 3, 4],
  };
}
