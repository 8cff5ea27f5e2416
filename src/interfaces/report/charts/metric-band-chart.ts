/**
 * @module The report's metric-with-band charts (Nakamoto coefficient, HHI, top-5 share of Bitcoin
 * pools per month, 95 % band): the shared spec (interfaces/charts/metric-band.ts) rendered on the server.
 */
import { metricBandSpec, type MetricRows } from '../../charts/metric-band.js';
import { composeSvg } from '../svg-document.js';
import { loadPlot, renderPlot } from './plot-render.js';

export interface MetricBandOptions {
  /** Column of the metric in the result rows (`hhi`, `nakamoto-coefficient`, `concentration-ratio=5`). */
  readonly column: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function renderMetricBand(data: MetricRows, o: MetricBandOptions): Promise<string> {
  const width = o.width ?? 760;
  const spec = metricBandSpec(await loadPlot(), data, { width, height: o.height, metric: o.column, yLabel: o.yLabel });
  const plot = await renderPlot(spec.options);
  const color = spec.legend[0]!.color;
  return composeSvg({
    width,
    plot,
    plotHeight: spec.options.height!,
    title: o.title,
    subtitle: o.subtitle,
    legend: [{ label: 'estimate', color, kind: 'line' }, ...(spec.banded ? [{ label: '95% posterior interval (block sampling)', color, kind: 'band' as const }] : [])],
    note: o.note,
  });
}
