/**
 * @module The contrast at a glance: HHI over time for every series of the contrast (Bitcoin levels
 * and AI lenses) in two panels on the same 0–10,000 scale; a series with a single snapshot is one dot.
 * Series colours come from their labels (palette.ts), so the report and the dashboard's home page match.
 */
import { chartColors } from './palette.js';
import type { ChartSpec, PlotModule, SpecOptions } from './plot-module.js';

export interface ContrastSeries {
  readonly label: string;
  readonly world: 'bitcoin' | 'ai';
  /** Window starts in UTC seconds. */
  readonly points: readonly { readonly start: number; readonly hhi: number }[];
}

export function contrastSpec(Plot: PlotModule, series: readonly ContrastSeries[], o: SpecOptions): ChartSpec {
  const shown = series.filter((s) => s.points.length > 0);
  const names = shown.map((s) => s.label);
  const colors = chartColors(names);
  const pts = shown.flatMap((s) => s.points.map((p) => ({ date: new Date(p.start * 1000), hhi: p.hhi, series: s.label, world: s.world === 'bitcoin' ? 'Bitcoin' : 'AI' })));
  return {
    legend: names.map((label, i) => ({ label, color: colors[i]! })),
    options: {
      width: o.width,
      height: o.height ?? 420,
      marginLeft: 52,
      marginRight: 60,
      x: { type: 'utc', label: null },
      y: { label: 'HHI (0–10,000)', grid: true, domain: [0, 10000] },
      fy: { label: null, domain: ['Bitcoin', 'AI'] },
      color: { domain: names, range: colors, ...(o.interactive ? { legend: true } : {}) },
      marks: [
        Plot.lineY(pts, { x: 'date', y: 'hhi', z: 'series', stroke: 'series', fy: 'world', strokeWidth: 1.5 }),
        Plot.dot(pts, { x: 'date', y: 'hhi', fill: 'series', fy: 'world', r: 1.8, ...(o.interactive ? { tip: { format: { date: true } } } : {}) }),
        Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.15 }),
      ],
    },
  };
}
