/**
 * @module The contrast at a glance: HHI over time for every series of the contrast report, Bitcoin
 * levels and AI lenses in two panels on the same 0–10,000 scale. Series with a single snapshot are
 * drawn as one dot (no trend can be read from them). Colours follow the series order of
 * CONTRAST_SERIES, so the dashboard's home page (same list, same palette) matches.
 */
import type { ContrastResult } from '../../../pipeline/queries/contrast-query.js';
import { rowLabel } from '../../../analysis/contrast/verdicts.js';
import { composeSvg } from '../svg-document.js';
import { seriesColor } from './palette.js';
import { loadPlot, renderPlot } from './plot-render.js';

export async function renderContrastChart(c: ContrastResult, o: { width?: number; height?: number } = {}): Promise<string> {
  const Plot = await loadPlot();
  const width = o.width ?? 760;
  const height = o.height ?? 420;
  const series = c.rows.filter((r) => r.points.length > 0);
  const names = series.map(rowLabel);
  const colors = names.map((_, i) => seriesColor(i));
  const pts = series.flatMap((r) => r.points.map((p) => ({ date: new Date(p.start * 1000), hhi: p.hhi, series: rowLabel(r), world: r.world === 'bitcoin' ? 'Bitcoin' : 'AI' })));
  const plot = await renderPlot({
    width,
    height,
    marginLeft: 52,
    marginRight: 60,
    x: { type: 'utc', label: null, domain: [new Date(Date.UTC(2015, 0, 1)), new Date(Date.UTC(2026, 6, 1))] },
    y: { label: 'HHI (0–10,000)', grid: true, domain: [0, 10000] },
    fy: { label: null, domain: ['Bitcoin', 'AI'] },
    color: { domain: names, range: colors },
    marks: [
      Plot.lineY(pts, { x: 'date', y: 'hhi', z: 'series', stroke: 'series', fy: 'world', strokeWidth: 1.5 }),
      Plot.dot(pts, { x: 'date', y: 'hhi', fill: 'series', fy: 'world', r: 1.8 }),
      Plot.frame({ stroke: '#ddd' }),
    ],
  });
  return composeSvg({
    width,
    plot,
    plotHeight: height,
    title: 'Concentration (HHI) over time: Bitcoin levels vs AI lenses',
    subtitle: 'Higher = more concentrated. Lines per month (Bitcoin), quarter or year (AI); single dots are single snapshots.',
    legend: names.map((label, i) => ({ label, color: colors[i]!, kind: 'line' as const })),
    note: 'Sources: block attribution (pools), EDI ownership links (owners), CBECI and Hashrate Index (countries), Epoch AI, Bittensor chain state, Hugging Face Hub API. Trend test: docs/trends.md.',
  });
}
