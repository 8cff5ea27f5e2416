/**
 * @module The report's Bitcoin vs AI chart: the shared compare spec (interfaces/charts/compare.ts)
 * rendered on the server, with line legend, title and note.
 */
import { compareSpec, type CompareSeries } from '../../charts/compare.js';
import { composeSvg } from '../svg-document.js';
import { loadPlot, renderPlot } from './plot-render.js';

export interface CompareChartOptions {
  readonly metric: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function renderCompareChart(data: CompareSeries, o: CompareChartOptions): Promise<string> {
  const width = o.width ?? 760;
  const spec = compareSpec(await loadPlot(), data, { width, height: o.height, metric: o.metric, yLabel: o.yLabel });
  const plot = await renderPlot(spec.options);
  return composeSvg({ width, plot, plotHeight: spec.options.height!, title: o.title, subtitle: o.subtitle, legend: spec.legend.map((l) => ({ ...l, kind: 'line' as const })), note: o.note });
}
