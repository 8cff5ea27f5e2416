/**
 * @module Shares over time, one layer per named entity (`Other` last, grey): a stacked area with
 * steps (a window's share holds for the whole window, closed at the last window's end), or a
 * stacked bar per window when there are fewer than 3 windows (single snapshots). Optional dated
 * events are labelled vertical rules. Used by the report (pool-share, china-ban) and the dashboard.
 */
import { chartColors, utcDate } from './palette.js';
import type { ChartSpec, Markish, PlotModule, SpecOptions } from './plot-module.js';

export interface ShareSeries {
  readonly entities: readonly string[];
  readonly windows: readonly { readonly start: string; readonly end: string; readonly shares: Readonly<Record<string, number>> }[];
}

export interface ChartEvent {
  readonly day: string;
  readonly label: string;
}

export interface ShareAreaOptions extends SpecOptions {
  readonly yLabel?: string;
  readonly events?: readonly ChartEvent[];
  /** Formats a share in the tip (interactive only). */
  readonly formatShare?: (share01: number) => string;
}

export function shareAreaSpec(Plot: PlotModule, r: ShareSeries, o: ShareAreaOptions): ChartSpec {
  const entities = [...r.entities];
  const colors = chartColors(entities);
  const point = (day: string, w: ShareSeries['windows'][number]) => entities.map((entity) => ({ date: utcDate(day), label: day, entity, share: w.shares[entity] ?? 0 }));
  const data = r.windows.flatMap((w) => point(w.start, w));
  const last = r.windows.at(-1);
  const tip = o.interactive ? { tip: { format: { share: o.formatShare ?? true, date: true } } } : {};
  const color = { domain: entities, range: colors, ...(o.interactive ? { legend: true } : {}) };
  const y = { label: o.yLabel ?? 'share (%)', percent: true, domain: [0, 100], grid: true };
  const legend = entities.map((label, i) => ({ label, color: colors[i]! }));
  if (r.windows.length < 3) {
    return {
      legend,
      options: { width: o.width, height: o.height ?? 300, marginLeft: 48, color, y, x: { label: null, type: 'band' }, marks: [Plot.barY(data, { x: 'label', y: 'share', fill: 'entity', order: entities, ...tip }), Plot.ruleY([0])] },
    };
  }
  // Step curves end at the last point: repeat the last window at its end so that it gets its width.
  const stepped = last ? data.concat(point(last.end, last)) : data;
  const events = (o.events ?? []).map((e) => ({ date: utcDate(e.day), label: e.label }));
  const marks: Markish[] = [Plot.areaY(stepped, { x: 'date', y: 'share', fill: 'entity', order: entities, curve: 'step-after', ...tip }), Plot.ruleY([0])];
  if (events.length) {
    marks.push(
      Plot.ruleX(events, { x: 'date', stroke: '#222', strokeDasharray: '4,3' }),
      Plot.text(events, { x: 'date', frameAnchor: 'top', text: 'label', textAnchor: 'start', dx: 4, dy: 4, fill: '#222', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
    );
  }
  return { legend, options: { width: o.width, height: o.height ?? 340, marginLeft: 48, x: { type: 'utc', label: null }, y, color, marks } };
}
