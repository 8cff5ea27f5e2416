/**
 * @module Economics charts: a value over time with its interval band (hash price, hash value),
 * fee share over time, and empty-block share per pool with its Clopper–Pearson interval.
 */
import * as Plot from '@observablehq/plot';
import { day, pct } from '../format.js';

export interface BandPoint {
  readonly start: string;
  readonly value: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

export function bandChart(points: readonly BandPoint[], label: string, width: number): Element {
  const data = points.filter((p) => p.value !== null).map((p) => ({ ...p, date: day(p.start) }));
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 60,
    x: { type: 'utc', label: null },
    y: { label, grid: true, zero: true },
    marks: [
      Plot.areaY(data.filter((p) => p.lo !== null && p.hi !== null), { x: 'date', y1: 'lo', y2: 'hi', fill: 'currentColor', fillOpacity: 0.15 }),
      Plot.lineY(data, { x: 'date', y: 'value', strokeWidth: 2 }),
      Plot.dot(data, { x: 'date', y: 'value', r: 2, tip: { format: { date: true } } }),
    ],
  });
}

export function shareLineChart(points: readonly { start: string; share: number | null }[], label: string, width: number): Element {
  const data = points.filter((p) => p.share !== null).map((p) => ({ ...p, date: day(p.start) }));
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 52,
    x: { type: 'utc', label: null },
    y: { label, grid: true, percent: true, zero: true },
    marks: [Plot.lineY(data, { x: 'date', y: 'share', strokeWidth: 2 }), Plot.dot(data, { x: 'date', y: 'share', r: 2, tip: { format: { date: true } } })],
  });
}

export interface EmptyRow {
  readonly pool: string;
  readonly empty: number;
  readonly blocks: number;
  readonly share: number;
  readonly lo: number;
  readonly hi: number;
}

export function emptyBlocksChart(rows: readonly EmptyRow[], width: number): Element {
  const names = rows.map((r) => r.pool);
  return Plot.plot({
    width,
    height: Math.max(120, rows.length * 24 + 40),
    marginLeft: Math.min(180, Math.max(80, Math.max(0, ...names.map((n) => n.length)) * 7)),
    marginRight: 130,
    x: { label: 'empty blocks (% of the pool\'s blocks, 95% interval)', percent: true, grid: true },
    y: { label: null, domain: names },
    marks: [
      Plot.ruleY(rows, { y: 'pool', x1: 'lo', x2: 'hi', strokeWidth: 6, strokeOpacity: 0.3 }),
      Plot.dot(rows, { y: 'pool', x: 'share', r: 4, fill: 'currentColor' }),
      Plot.text(rows, { y: 'pool', x: 'hi', text: (r: EmptyRow) => `${r.empty} of ${r.blocks} (${pct(r.share, 2)})`, dx: 6, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  });
}
