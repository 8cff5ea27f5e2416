/**
 * @module One entity over time: its share per window (line) and what it stands for in the unit
 * of the distribution (blocks found per window for Bitcoin pools) as bars.
 */
import * as Plot from '@observablehq/plot';
import type { SharesResult } from '../api-types.js';
import { day, int, pct } from '../format.js';
import type { ChartData } from './frame.js';

export interface EntityPoint {
  readonly start: string;
  readonly date: Date;
  /** Window end (exclusive): the last window keeps its full width instead of a 30-day sliver. */
  readonly endDate: Date;
  readonly share: number;
  /** share × window total (blocks for Bitcoin; exact up to rounding as share = blocks / total). */
  readonly amount: number;
}

export function entityPoints(r: SharesResult, name: string): EntityPoint[] {
  return r.windows.map((w) => {
    const share = w.shares[name] ?? 0;
    return { start: w.start, date: day(w.start), endDate: day(w.end), share, amount: share * w.total };
  });
}

/** `color`: the entity's own colour (src/interfaces/charts/palette.ts), as in every other chart that shows it. */
export function entityShareChart(points: readonly EntityPoint[], width: number, color = '#4269d0'): Element {
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    x: { type: 'utc', label: null },
    y: { label: 'share (%)', percent: true, grid: true },
    marks: [
      // Step line through every window, closed at the last window's end so the last period is drawn at full width.
      points.length > 1
        ? Plot.lineY([...points, { ...points[points.length - 1]!, date: points[points.length - 1]!.endDate }], { x: 'date', y: 'share', stroke: color, strokeWidth: 2, curve: 'step-after' })
        : Plot.dot(points, { x: 'date', y: 'share', fill: color, r: 4 }),
      Plot.ruleY([0]),
      Plot.tip(points, Plot.pointerX({ x: 'date', y: 'share', title: (p: EntityPoint) => `${p.start}: ${pct(p.share)}` })),
    ],
  });
}

export function entityAmountChart(points: readonly EntityPoint[], unit: string, width: number): Element {
  return Plot.plot({
    width,
    height: 200,
    marginLeft: 56,
    x: { type: 'utc', label: null },
    y: { label: unit, grid: true },
    marks: [Plot.rectY(points, { x1: 'date', x2: 'endDate', y: 'amount', fill: '#f28e2b', inset: 0.5, tip: true }), Plot.ruleY([0])],
  });
}

export function entityTable(points: readonly EntityPoint[], unit: string, integer: boolean): ChartData {
  return { columns: ['window start', 'share', unit], rows: points.map((p) => [p.start, pct(p.share), integer ? int(Math.round(p.amount)) : p.amount.toPrecision(4)]), num: [1, 2] };
}
