/**
 * @module Share over time as a stacked area (one layer per named entity, `Other` last, grey); a
 * stacked bar per window when there are too few windows for an area (single snapshots).
 */
import * as Plot from '@observablehq/plot';
import type { SharesResult } from '../api-types.js';
import { day, pct } from '../format.js';
import type { ChartData } from './frame.js';
import { colors } from './palette.js';

interface Point {
  readonly date: Date;
  readonly label: string;
  readonly entity: string;
  readonly share: number;
}

function points(r: SharesResult): Point[] {
  return r.windows.flatMap((w) => r.entities.map((entity) => ({ date: day(w.start), label: w.start, entity, share: w.shares[entity] ?? 0 })));
}

/** Steps need the end of the last window too, or the last window would not show. */
function withEnd(r: SharesResult, data: Point[]): Point[] {
  const last = r.windows.at(-1);
  if (!last) return data;
  return data.concat(r.entities.map((entity) => ({ date: day(last.end), label: last.end, entity, share: last.shares[entity] ?? 0 })));
}

export function shareChart(r: SharesResult, width: number): Element {
  const data = points(r);
  const color = { domain: [...r.entities], range: colors(r.entities), legend: true };
  const y = { label: 'share (%)', percent: true, grid: true };
  const tip = { format: { share: (x: number) => pct(x), date: true } };
  if (r.windows.length < 3) {
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 48,
      color,
      y,
      x: { label: null, type: 'band' },
      marks: [Plot.barY(data, { x: 'label', y: 'share', fill: 'entity', order: [...r.entities], tip }), Plot.ruleY([0])],
    });
  }
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 48,
    color,
    y,
    x: { type: 'utc', label: null },
    marks: [
      Plot.areaY(withEnd(r, data), { x: 'date', y: 'share', fill: 'entity', order: [...r.entities], curve: 'step-after', tip }),
      Plot.ruleY([0]),
    ],
  });
}

/** The chart's numbers as a table: one row per window, one column per entity. */
export function shareTable(r: SharesResult): ChartData {
  return {
    columns: ['window start', 'total', ...r.entities],
    rows: r.windows.map((w) => [w.start, w.total, ...r.entities.map((e) => pct(w.shares[e] ?? 0))]),
    num: r.entities.map((_, i) => i + 1).concat([1]),
  };
}
