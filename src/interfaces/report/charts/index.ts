/**
 * @module The report's charts by name: which part of the report data each needs and how it is
 * drawn. `nakamoto report --svg out.svg --chart <name>` and the HTML report use this list.
 */
import { UsageError } from '../../../domain/errors.js';
import type { ReportData, ReportPart } from '../report-data.js';
import { renderContrastChart } from './contrast-chart.js';
import { renderCompareChart } from './compare-chart.js';
import { renderMetricBand } from './metric-band-chart.js';
import { renderShareArea } from './share-area-chart.js';

export interface ChartDef<K extends ReportPart = ReportPart> {
  readonly id: string;
  readonly title: string;
  readonly part: K;
  render(data: ReportData[K]): Promise<string>;
}

const level = (d: { provenance: { level: string } }) => d.provenance.level;
const BAND_NOTE = 'Bands: 95% central posterior interval, Dirichlet(counts + ½), 1000 draws per window (docs/uncertainty.md).';

function define<K extends ReportPart>(c: ChartDef<K>): ChartDef {
  return c as unknown as ChartDef;
}

export const CHARTS: readonly ChartDef[] = [
  define({
    id: 'pool-share',
    title: 'Share of Bitcoin blocks by pool, per month',
    part: 'poolShares',
    render: (d) => renderShareArea(d, { title: `Share of Bitcoin blocks by ${level(d)}, per month`, subtitle: `Top ${d.entities.length - (d.entities.includes('Other') ? 1 : 0)} ${level(d)}s by average monthly share; all others as Other`, yLabel: 'share of blocks (%)', note: `Source: ${d.provenance.from}` }),
  }),
  define({
    id: 'nakamoto-coefficient',
    title: 'Nakamoto coefficient per month',
    part: 'concentration',
    render: (d) => renderMetricBand(d, { column: 'nakamoto-coefficient', title: `Nakamoto coefficient of Bitcoin mining by ${level(d)}, per month`, subtitle: `Fewest ${level(d)}s with ≥ 50% of blocks`, yLabel: 'Nakamoto coefficient', note: BAND_NOTE }),
  }),
  define({
    id: 'hhi',
    title: 'HHI per month',
    part: 'concentration',
    render: (d) => renderMetricBand(d, { column: 'hhi', title: `HHI of Bitcoin mining by ${level(d)}, per month`, subtitle: 'Herfindahl–Hirschman index, Σ (100·share)², 0–10,000', yLabel: 'HHI', note: BAND_NOTE }),
  }),
  define({
    id: 'top5-share',
    title: 'Top-5 share per month',
    part: 'concentration',
    render: (d) => renderMetricBand(d, { column: 'concentration-ratio=5', title: `Share of the 5 largest ${level(d)}s, per month`, subtitle: 'Concentration ratio CR5', yLabel: 'top-5 share (%)', note: BAND_NOTE }),
  }),
  define({
    id: 'compare',
    title: 'Bitcoin vs AI: HHI per year',
    part: 'compare',
    render: (d) => renderCompareChart(d, { metric: 'hhi', title: 'Bitcoin mining pools vs AI compute owners: HHI per calendar year', subtitle: 'Bars: 95% interval where the data is a block sample; AI figures are estimates without a sampling model', yLabel: 'HHI (0–10,000)', note: 'Entities differ: pools (blocks found) vs companies (H100-equivalents owned, Epoch AI) vs cluster owners (H100e operating).' }),
  }),
  define({
    id: 'china-ban',
    title: 'Bitcoin hash rate by country and the 2021 China ban',
    part: 'countryShares',
    render: (d) => renderShareArea(d, { title: 'Bitcoin hash rate by country, monthly (Cambridge CBECI)', subtitle: 'Share of hash rate located by pool-reported IP addresses; top countries and Other', yLabel: 'share of hash rate (%)', events: [{ day: '2021-05-21', label: 'China crackdown (May 2021)' }], note: 'Source: Cambridge Bitcoin Electricity Consumption Index mining map; VPNs and proxies move hash rate between countries.' }),
  }),
  define({
    id: 'contrast',
    title: 'Bitcoin levels vs AI lenses: HHI over time',
    part: 'contrast',
    render: (d) => renderContrastChart(d),
  }),
];

export const CHART_IDS: readonly string[] = CHARTS.map((c) => c.id);

export function getChart(id: string): ChartDef {
  const c = CHARTS.find((x) => x.id === id);
  if (!c) throw new UsageError(`invalid chart: ${id} (expected one of ${CHART_IDS.join(', ')})`);
  return c;
}
