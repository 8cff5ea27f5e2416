/**
 * @module The report's contrast chart: the shared spec (interfaces/charts/contrast.ts, the dashboard's
 * home page draws the same) rendered on the server, with line legend, title and sources.
 */
import type { ContrastResult } from '../../../pipeline/queries/contrast-query.js';
import { rowLabel } from '../../../analysis/contrast/verdicts.js';
import { contrastSpec } from '../../charts/contrast.js';
import { composeSvg } from '../svg-document.js';
import { loadPlot, renderPlot } from './plot-render.js';

export async function renderContrastChart(c: ContrastResult, o: { width?: number; height?: number } = {}): Promise<string> {
  const width = o.width ?? 760;
  const spec = contrastSpec(await loadPlot(), c.rows.map((r) => ({ label: rowLabel(r), world: r.world, points: r.points })), { width, height: o.height });
  const plot = await renderPlot(spec.options);
  return composeSvg({
    width,
    plot,
    plotHeight: spec.options.height!,
    title: 'Concentration (HHI) over time: Bitcoin levels vs AI lenses',
    subtitle: 'Higher = more concentrated. Lines per month (Bitcoin), quarter or year (AI); single dots are single snapshots.',
    legend: spec.legend.map((l) => ({ ...l, kind: 'line' as const })),
    note: 'Sources: block attribution (pools), EDI ownership links (owners), CBECI and Hashrate Index (countries), Epoch AI, Bittensor chain state, Hugging Face Hub API. Trend test: docs/trends.md.',
  });
}
