/**
 * @module Everything the shareable report shows, gathered through the query layer (the same
 * functions the CLI and the HTTP API use), in parts so that a single chart loads only its part.
 */
import type { ConcentrationReport } from '../../analysis/concentration-report.js';
import { queryClaims, type ClaimsResult } from '../../pipeline/queries/claims-query.js';
import { queryCompare, type CompareResult } from '../../pipeline/queries/compare-query.js';
import type { QueryContext } from '../../pipeline/queries/context.js';
import { queryContrast, type ContrastResult } from '../../pipeline/queries/contrast-query.js';
import { queryDistributions, type DistributionInfo } from '../../pipeline/queries/distributions-query.js';
import { queryEconomics } from '../../pipeline/queries/economics-query.js';
import { queryGeography, type GeographyResult } from '../../pipeline/queries/geography-query.js';
import { queryMetrics, type MetricsResult } from '../../pipeline/queries/metrics-query.js';
import { queryReport } from '../../pipeline/queries/report-query.js';
import { queryShares, type SharesResult } from '../../pipeline/queries/shares-query.js';
import type { EconomicsPart } from './economics-section.js';

export interface ReportOptions {
  readonly source?: string;
  readonly level?: string;
  /** Top entities per period in the summary tables (default 5). */
  readonly top?: number;
  /** Seed of the posterior draws (default 1). */
  readonly seed?: number;
}

export interface ReportData {
  readonly contrast: ContrastResult;
  readonly summary: ConcentrationReport;
  readonly poolShares: SharesResult;
  readonly concentration: MetricsResult;
  readonly compare: CompareResult;
  readonly geography: GeographyResult;
  readonly countryShares: SharesResult;
  readonly claims: ClaimsResult;
  readonly distributions: readonly DistributionInfo[];
  readonly economics: EconomicsPart;
}

export type ReportPart = keyof ReportData;

export const COMPARED = ['bitcoin/pools', 'ai/compute-owners', 'ai/clusters-by-owner'];
/** AI cluster data before 2018 are a handful of clusters (HHI near 10,000): the comparison starts here. */
export const COMPARE_FROM = '2018-01-01';
export const CONCENTRATION_METRICS = 'nakamoto-coefficient,hhi,concentration-ratio=5';

export function loadPart<K extends ReportPart>(part: K, ctx: QueryContext, o: ReportOptions = {}): Promise<ReportData[K]> {
  const pools = { source: o.source, level: o.level };
  const seed = o.seed ?? 1;
  const loaders: { [P in ReportPart]: () => Promise<ReportData[P]> } = {
    contrast: () => queryContrast(ctx, { source: o.source }),
    summary: () => queryReport({ ...pools, top: o.top ?? 5 }, ctx),
    poolShares: () => queryShares({ distribution: 'bitcoin/pools', window: '1m', top: 8, ...pools }, ctx),
    concentration: () => queryMetrics({ distribution: 'bitcoin/pools', window: '1m', metrics: CONCENTRATION_METRICS, ci: true, seed, ...pools }, ctx),
    compare: () => queryCompare({ distributions: COMPARED, metric: 'hhi,nakamoto-coefficient', window: '1y', from: COMPARE_FROM, ci: true, seed }, ctx),
    geography: () => queryGeography(ctx),
    countryShares: () => queryShares({ distribution: 'bitcoin/hashrate-by-country', window: '1m', top: 6 }, ctx),
    claims: () => queryClaims({ seed }, ctx),
    distributions: () => Promise.resolve(queryDistributions()),
    economics: async () => {
      const years = await queryEconomics({ window: '1y' }, ctx);
      const poolYear = String(years.rows[years.rows.length - 1]!.window_start).slice(0, 4);
      return { years, poolYear, pools: await queryEconomics({ window: '1y', at: `${poolYear}-12-31`, byPool: true }, ctx) };
    },
  };
  return loaders[part]() as Promise<ReportData[K]>;
}

export async function gatherReportData(ctx: QueryContext, o: ReportOptions = {}): Promise<ReportData> {
  return {
    contrast: await loadPart('contrast', ctx, o),
    summary: await loadPart('summary', ctx, o),
    poolShares: await loadPart('poolShares', ctx, o),
    concentration: await loadPart('concentration', ctx, o),
    compare: await loadPart('compare', ctx, o),
    geography: await loadPart('geography', ctx, o),
    countryShares: await loadPart('countryShares', ctx, o),
    claims: await loadPart('claims', ctx, o),
    distributions: await loadPart('distributions', ctx, o),
    economics: await loadPart('economics', ctx, o),
  };
}
