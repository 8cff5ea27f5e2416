/**
 * @module The geography query behind `nakamoto geography` and `GET /api/geography`: country
 * concentration per year of Bitcoin hash rate (CBECI) against AI GPU-cluster capacity (Epoch), and
 * the 2021 China mining ban as before/after snapshots with a one-sentence verdict; after CBECI, the
 * 2024–2025 estimates of other publishers (kept apart) beside AI cluster capacity in the same years.
 */
import { formatDay, parseDuration } from '../../aggregate/duration.js';
import { compareDistributions } from '../../analysis/compare.js';
import { banVerdict, countrySnapshots, type CountrySnapshot } from '../../analysis/geography.js';
import { parseMetricList } from '../../metrics/index.js';
import type { Provenance, SourcedSeries } from '../series-source.js';
import type { QueryContext } from './context.js';
import type { CompareResultCell } from './compare-query.js';
import { queryCountryEstimates, type CountryEstimates } from './country-estimates-query.js';
import { loadDistribution } from './load-distribution.js';

export const BTC_COUNTRIES = 'bitcoin/hashrate-by-country';
export const AI_COUNTRIES = 'ai/clusters-by-country';

export interface GeographySnapshot extends Omit<CountrySnapshot, 'month'> {
  readonly month: string;
}

export interface GeographyResult {
  readonly yearly: readonly CompareResultCell[];
  readonly chinaBan: readonly GeographySnapshot[];
  readonly verdict: string;
  readonly provenance: readonly Provenance[];
  readonly caveats: string;
  /** After CBECI: 2024–2025 country estimates (publishers apart, bounds) beside AI cluster capacity by country in the same years. */
  readonly recent: CountryEstimates;
}

export const GEOGRAPHY_CAVEATS = 'CBECI locates miners by pool-reported IP addresses (VPNs move hash rate; "Other" is one entity); Epoch clusters cover ~10–20% of AI compute.';

/** Both country series (for charts that need more than the summary). */
export async function loadCountrySeries(ctx: QueryContext): Promise<{ btc: SourcedSeries; ai: SourcedSeries }> {
  return { btc: await loadDistribution(ctx, BTC_COUNTRIES), ai: await loadDistribution(ctx, AI_COUNTRIES) };
}

export async function queryGeography(ctx: QueryContext): Promise<GeographyResult> {
  const { btc, ai } = await loadCountrySeries(ctx);
  const metrics = parseMetricList('hhi,nakamoto-coefficient,max-share');
  const size = parseDuration('1y');
  const cells = compareDistributions([{ id: BTC_COUNTRIES, sourced: btc }, { id: AI_COUNTRIES, sourced: ai }], metrics, { spec: { size, step: size, anchor: 0 }, intervals: null, seed: 1 });
  const snapshots = countrySnapshots(btc);
  return {
    yearly: cells.map((c) => ({ ...c, windowStart: formatDay(c.windowStart), windowEnd: formatDay(c.windowEnd) })),
    chinaBan: snapshots.map((s) => ({ ...s, month: formatDay(s.month) })),
    verdict: banVerdict(snapshots),
    provenance: [btc.provenance, ai.provenance],
    caveats: GEOGRAPHY_CAVEATS,
    recent: await queryCountryEstimates(ctx, ai),
  };
}
