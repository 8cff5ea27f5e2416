/**
 * @module Share over time on the dashboard: the shared spec (src/interfaces/charts/share-area.ts, the
 * report draws the same) rendered in the browser with tips and Plot's legend.
 */
import * as Plot from '@observablehq/plot';
import { shareAreaSpec } from '../../../src/interfaces/charts/share-area.js';
import type { SharesResult } from '../api-types.js';
import { pct } from '../format.js';
import type { ChartData } from './frame.js';

export function shareChart(r: SharesResult, width: number): Element {
  return Plot.plot(shareAreaSpec(Plot, r, { width, height: r.windows.length < 3 ? 300 : 320, interactive: true, formatShare: (x) => pct(x) }).options);
}

/** The chart's numbers as a table: one row per window, one column per entity. */
export function shareTable(r: SharesResult): ChartData {
  return {
    columns: ['window start', 'total', ...r.entities],
    rows: r.windows.map((w) => [w.start, w.total, ...r.entities.map((e) => pct(w.shares[e] ?? 0))]),
    num: r.entities.map((_, i) => i + 1).concat([1]),
  };
}
