/**
 * @module The contrast query behind `nakamoto report` (its headline), `GET /api/contrast` and the
 * dashboard home page: every series of CONTRAST_SERIES summarised on the same metrics (largest
 * share, top-5, Nakamoto coefficient, HHI, entity count) with intervals and an HHI trend, the
 * verdicts on the three headline claims, and Bitcoin's post-CBECI country estimates beside AI
 * cluster capacity by country. A series whose dataset is missing becomes an "unavailable" row.
 */
import { summariseSeries, type ContrastRow } from '../../analysis/contrast/series-summary.js';
import { CLAIM_AI, CLAIM_BTC, CLAIM_GAP, headlineVerdicts, type HeadlineVerdict } from '../../analysis/contrast/verdicts.js';
import { TREND_METHOD } from '../../analysis/trend/trend.js';
import { AppError } from '../../domain/errors.js';
import { getDistribution } from '../catalogue.js';
import { poolName } from '../pool-names.js';
import { CONTRAST_SERIES, type ContrastEntry } from './contrast-series.js';
import type { QueryContext } from './context.js';
import { queryCountryEstimates, type CountryEstimates } from './country-estimates-query.js';
import { loadDistribution } from './load-distribution.js';
import { AI_COUNTRIES } from './geography-query.js';
import type { SourcedSeries } from '../series-source.js';

export interface ContrastResult {
  readonly question: string;
  /** The rule for "latest", printed with the report. */
  readonly latestRule: string;
  readonly trendMethod: string;
  readonly claims: readonly string[];
  readonly rows: readonly ContrastRow[];
  readonly verdicts: readonly HeadlineVerdict[];
  readonly geography: CountryEstimates;
}

export const QUESTION = 'Is Bitcoin mining centralising while AI decentralises?';
export const LATEST_RULE = 'latest = the 30 full UTC days ending on the last full day of block data (Bitcoin); the last snapshot or last complete calendar year of each AI series';

function unavailableRow(e: ContrastEntry, reason: string): ContrastRow {
  const d = getDistribution(e.distribution);
  return {
    key: e.key, world: e.world, lens: e.lens, distribution: e.distribution, level: e.level ?? d.levels[0] ?? '', publisher: e.publisher, unit: d.unit,
    provenance: { distribution: e.distribution, source: '', description: '', rulesVersions: [], from: '', level: e.level ?? '', unit: d.unit },
    latest: null, points: [], caveat: e.caveat ?? null, unavailable: reason,
    trend: { direction: 'too short', n: 0, from: null, to: null, slopePerYear: null, slopeLo: null, slopeHi: null, s: null, tau: null, z: null, p: null, method: TREND_METHOD, metric: 'hhi', window: e.trendWindow },
  };
}

export async function queryContrast(ctx: QueryContext, opts: { series?: readonly ContrastEntry[]; source?: string } = {}): Promise<ContrastResult> {
  const list = opts.series ?? CONTRAST_SERIES;
  const loaded = new Map<string, SourcedSeries>();
  const rows = await Promise.all(
    list.map(async (e): Promise<ContrastRow> => {
      try {
        const sourced = await loadDistribution(ctx, e.distribution, { level: e.level, source: e.world === 'bitcoin' && e.distribution === 'bitcoin/pools' ? opts.source : undefined });
        loaded.set(e.distribution, sourced);
        return summariseSeries(e, sourced, { displayName: e.distribution === 'bitcoin/pools' ? poolName : undefined });
      } catch (err) {
        // A missing or unreadable dataset must not sink the whole report: the row says why.
        if (err instanceof AppError) return unavailableRow(e, err.message);
        throw err;
      }
    }),
  );
  const axis = new Map(list.map((e) => [e.key, e.axis]));
  const geography = await queryCountryEstimates(ctx, loaded.get(AI_COUNTRIES) ?? null);
  const allRows = [...rows, ...geography.rows];
  for (const r of geography.rows) axis.set(r.key, 'country');
  return {
    question: QUESTION,
    latestRule: LATEST_RULE,
    trendMethod: TREND_METHOD,
    claims: [CLAIM_BTC, CLAIM_AI, CLAIM_GAP],
    rows: allRows,
    verdicts: headlineVerdicts(allRows, (k) => axis.get(k) ?? 'control'),
    geography,
  };
}
