/**
 * @module Bitcoin hash rate by country after CBECI (2024–2025), publishers kept apart, beside AI GPU
 * cluster capacity by country (Epoch) at the end of the same years. The Cambridge figures are a
 * SURVEY of 49 mining firms (shares of their reported activity — a survey of firms is not a network
 * estimate); the Hashrate Index figures estimate the whole network. Each publisher lists only its
 * largest countries, so HHI, top-5 and the Nakamoto coefficient are BOUNDS (src/analysis/partial-list.ts).
 * The Hashrate Index estimates also become contrast rows (the latest network-wide Bitcoin country
 * concentration); the survey does not.
 */
import { windowDistributions } from '../../aggregate/window-distributions.js';
import type { ContrastRow } from '../../analysis/contrast/series-summary.js';
import { partialListMetrics, type PartialListMetrics } from '../../analysis/partial-list.js';
import { rankEntities } from '../../analysis/pool-ranking.js';
import { TREND_METHOD } from '../../analysis/trend/trend.js';
import { AppError } from '../../domain/errors.js';
import { getMetric } from '../../metrics/registry.js';
import { prepareWeights } from '../../metrics/metric.js';
import { join } from 'node:path';
import { HASHRATE_BY_COUNTRY_2024_FILE, readHashrateByCountry2024, type CountryEstimate } from '../../sources/datasets/hashrate-by-country-2024.js';
import type { SourcedSeries } from '../series-source.js';
import type { QueryContext } from './context.js';

export interface BitcoinCountryEstimate extends Omit<CountryEstimate, 'shares'> {
  readonly kind: 'survey of firms' | 'network estimate';
  readonly shares: readonly { readonly country: string; readonly share: number }[];
  readonly metrics: PartialListMetrics;
}

export interface AiCountrySnapshot {
  readonly year: number;
  /** The snapshot read for the year: clusters operational by this day (the latest snapshot ≤ year end). */
  readonly asOf: string;
  readonly totalH100e: number;
  readonly hhi: number | null;
  readonly nakamotoCoefficient: number | null;
  readonly top: readonly { readonly country: string; readonly share: number }[];
}

export interface CountryEstimates {
  readonly bitcoin: readonly BitcoinCountryEstimate[];
  readonly ai: readonly AiCountrySnapshot[];
  readonly rows: readonly ContrastRow[];
  readonly note: string;
  readonly unavailable?: string;
}

export const COUNTRY_NOTE =
  'Publishers are kept apart: Cambridge (2024 survey of 49 mining firms, ~48% of hash rate, over-represents the US) is a survey of firms, not a network estimate; Hashrate Index (Luxor) estimates the whole network (method undocumented). Each lists only its largest countries: HHI, top-5 and NC are bounds. Figures were transcribed from secondary web pages (PROVENANCE.md of the dataset). AI: Epoch GPU clusters operational by year end (~10–20% of AI compute).';

const HHI = getMetric('hhi');
const NC = getMetric('nakamoto-coefficient');

function aiSnapshots(ai: SourcedSeries, years: readonly number[]): AiCountrySnapshot[] {
  return years.map((year) => {
    const end = Date.UTC(year + 1, 0, 1) / 1000;
    const [d] = windowDistributions(ai.series, [{ axis: 'time', start: Date.UTC(year, 0, 1) / 1000, end, complete: true }]);
    const sorted = prepareWeights(d!.weight);
    // The snapshot the year is read at: the latest observation inside it (Epoch's list ends mid-2025).
    let snap = -Infinity;
    const ts = ai.series.timeSec;
    for (let i = 0; i < ts.length; i++) if (ts[i]! < end && ts[i]! > snap) snap = ts[i]!;
    return {
      year,
      asOf: new Date(snap * 1000).toISOString().slice(0, 10),
      totalH100e: d!.total,
      hhi: HHI.compute(sorted) ?? null,
      nakamotoCoefficient: NC.compute(sorted) ?? null,
      top: rankEntities(d!, ai.series.entities).slice(0, 5).map((r) => ({ country: r.entity, share: r.share })),
    };
  });
}

function asOfSec(asOf: string): number {
  return Date.parse(`${asOf.length === 7 ? `${asOf}-01` : asOf}T00:00:00Z`) / 1000;
}

function networkRow(all: readonly BitcoinCountryEstimate[]): ContrastRow | null {
  const net = all.filter((e) => e.kind === 'network estimate');
  const last = net[net.length - 1];
  if (!last) return null;
  const m = last.metrics;
  const t = asOfSec(last.asOf);
  return {
    key: 'btc-countries-2025', world: 'bitcoin', lens: `hash rate by country (${last.publisher.replace(/ \(.*\)$| global hashrate heatmap$/g, '')} ${last.asOf})`,
    distribution: 'bitcoin/hashrate-by-country-2024-2025', level: 'country', publisher: last.publisher, unit: 'share of network hash rate',
    provenance: { distribution: 'bitcoin/hashrate-by-country-2024-2025', source: last.sourceId, description: last.estimate, rulesVersions: [], from: HASHRATE_BY_COUNTRY_2024_FILE, level: 'country', unit: 'share' },
    latest: {
      label: `estimate as of ${last.asOf}`, start: t, end: t, total: m.listedShare,
      largest: { name: last.shares[0]!.country, share: m.top1 }, top1: m.top1, top5: m.top5.lo, nakamotoCoefficient: m.nakamotoCoefficient.hi ?? m.nakamotoCoefficient.lo, hhi: m.hhi.lo, entities: null,
      intervals: { top1: { lo: m.top1, hi: m.top1 }, top5: m.top5, nakamotoCoefficient: m.nakamotoCoefficient, hhi: m.hhi },
    },
    points: net.map((e) => ({ start: asOfSec(e.asOf), hhi: e.metrics.hhi.lo! })),
    trend: { direction: 'too short', n: net.length, from: asOfSec(net[0]!.asOf), to: t, slopePerYear: null, slopeLo: null, slopeHi: null, s: null, tau: null, z: null, p: null, method: TREND_METHOD, metric: 'hhi', window: 'snapshot' },
    caveat: `${(m.listedShare * 100).toFixed(1)}% of hash rate itemised (${m.listed} countries): HHI, top-5 and NC are bounds, not sampling intervals; not joinable with CBECI (different publisher and method)`,
  };
}

export async function queryCountryEstimates(ctx: QueryContext, aiCountries: SourcedSeries | null): Promise<CountryEstimates> {
  let bitcoin: BitcoinCountryEstimate[] = [];
  let unavailable: string | undefined;
  try {
    const raw = await readHashrateByCountry2024(join(ctx.datasetsRoot, HASHRATE_BY_COUNTRY_2024_FILE));
    bitcoin = raw.map((e) => ({ ...e, kind: e.survey ? 'survey of firms' : 'network estimate', metrics: partialListMetrics(e.shares.map((s) => s.share)) }));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    unavailable = err.message;
  }
  const years = [...new Set(bitcoin.map((e) => Number(e.asOf.slice(0, 4))))].sort();
  const ai = aiCountries ? aiSnapshots(aiCountries, years.length ? years : [2024, 2025]) : [];
  const row = networkRow(bitcoin);
  return { bitcoin, ai, rows: row ? [row] : [], note: COUNTRY_NOTE, ...(unavailable ? { unavailable } : {}) };
}
