/**
 * @module The report's stacked-area chart of entity shares (pool share of Bitcoin blocks; country
 * share of hash rate around the 2021 China ban): the shared spec (interfaces/charts/share-area.ts)
 * rendered on the server and composed with title, legend and note into a standalone SVG.
 */
import { shareAreaSpec, type ChartEvent, type ShareSeries } from '../../charts/share-area.js';
import { composeSvg } from '../svg-document.js';
import { loadPlot, renderPlot } from './plot-render.js';

export type { ChartEvent };

export interface ShareAreaOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  readonly events?: readonly ChartEvent[];
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function renderShareArea(data: ShareSeries, o: ShareAreaOptions): Promise<string> {
  const width = o.width ?? 760;
  const spec = shareAreaSpec(await loadPlot(), data, { width, height: o.height, yLabel: o.yLabel, events: o.events });
  const plot = await renderPlot(spec.options);
  return composeSvg({ width, plot, plotHeight: spec.options.height!, title: o.title, subtitle: o.subtitle, legend: spec.legend, note: o.note });
}
