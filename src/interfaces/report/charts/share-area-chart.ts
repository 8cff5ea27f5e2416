/**
 * @module Stacked-area chart of entity shares per window (top entities + Other): pool share of
 * Bitcoin blocks, and country share of hash rate around the 2021 China ban. Optional dated events
 * are drawn as labelled vertical rules.
 */
import type { SharesResult } from '../../../pipeline/queries/shares-query.js';
import { composeSvg } from '../svg-document.js';
import { colorsFor, utcDate } from './palette.js';
import { loadPlot, renderPlot } from './plot-render.js';

export interface ChartEvent {
  readonly day: string;
  readonly label: string;
}

export interface ShareAreaOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  readonly events?: readonly ChartEvent[];
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function renderShareArea(data: SharesResult, o: ShareAreaOptions): Promise<string> {
  const Plot = await loadPlot();
  const width = o.width ?? 760;
  const height = o.height ?? 340;
  const colors = colorsFor(data.entities);
  // Step curves end at the last point: repeat the last window at its end so that it gets its width.
  const last = data.windows[data.windows.length - 1];
  const points = last ? [...data.windows.map((w) => ({ day: w.start, w })), { day: last.end, w: last }] : [];
  const rows = points.flatMap(({ day, w }) => data.entities.map((entity) => ({ date: utcDate(day), entity, share: w.shares[entity] ?? 0 })));
  const events = (o.events ?? []).map((e) => ({ date: utcDate(e.day), label: e.label }));
  const plot = await renderPlot({
    width,
    height,
    marginLeft: 48,
    x: { type: 'utc', label: null },
    y: { label: o.yLabel, percent: true, domain: [0, 100], grid: true },
    color: { domain: [...data.entities], range: colors },
    marks: [
      Plot.areaY(rows, { x: 'date', y: 'share', fill: 'entity', order: [...data.entities], curve: 'step-after' }),
      Plot.ruleY([0]),
      Plot.ruleX(events, { x: 'date', stroke: '#222', strokeDasharray: '4,3' }),
      Plot.text(events, { x: 'date', frameAnchor: 'top', text: 'label', textAnchor: 'start', dx: 4, dy: 4, fill: '#222', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
    ],
  });
  return composeSvg({
    width,
    plot,
    plotHeight: height,
    title: o.title,
    subtitle: o.subtitle,
    legend: data.entities.map((label, i) => ({ label, color: colors[i]! })),
    note: o.note,
  });
}
