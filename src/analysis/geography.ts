/**
 * @module Geography: Bitcoin hash rate by country (CBECI) against AI compute by country (Epoch GPU
 * clusters), and the 2021 China mining ban as before/after snapshots of the country distribution.
 */
import { windowDistributions } from '../aggregate/window-distributions.js';
import { prepareWeights } from '../metrics/metric.js';
import { getMetric } from '../metrics/registry.js';
import type { SourcedSeries } from '../domain/sourced-series.js';
import { rankEntities, type RankedEntity } from './pool-ranking.js';

export interface CountrySnapshot {
  readonly label: string;
  readonly month: number;
  readonly totalEhs: number;
  readonly hhi: number | null;
  readonly nakamotoCoefficient: number | null;
  readonly maxShare: number | null;
  readonly chinaShare: number;
  readonly top: readonly RankedEntity[];
}

const METRICS = ['hhi', 'nakamoto-coefficient', 'max-share'].map(getMetric);

/** The ban in snapshots: April 2021 (before the May 2021 crackdown), July 2021 (China at 0%), August 2021 and January 2022. */
export const CHINA_BAN_MONTHS: readonly [string, string][] = [
  ['before (Apr 2021)', '2021-04-01'],
  ['ban (Jul 2021)', '2021-07-01'],
  ['after (Aug 2021)', '2021-08-01'],
  ['later (Jan 2022)', '2022-01-01'],
];

export function countrySnapshots(cbeci: SourcedSeries, months: readonly [string, string][] = CHINA_BAN_MONTHS, topN = 5): CountrySnapshot[] {
  return months.map(([label, day]) => {
    const t = Date.parse(`${day}T00:00:00Z`) / 1000;
    const [d] = windowDistributions(cbeci.series, [{ axis: 'time', start: t, end: t + 86_400, complete: true }]);
    const s = prepareWeights(d!.weight);
    const [hhi, nc, max] = METRICS.map((m) => m.compute(s));
    const ranked = rankEntities(d!, cbeci.series.entities);
    return {
      label,
      month: t,
      totalEhs: d!.total,
      hhi: hhi ?? null,
      nakamotoCoefficient: nc ?? null,
      maxShare: max ?? null,
      chinaShare: ranked.find((r) => r.entity === 'China')?.share ?? 0,
      top: ranked.slice(0, topN),
    };
  });
}

/** One sentence on what the ban did: did the country distribution disperse or re-concentrate elsewhere? */
export function banVerdict(s: readonly CountrySnapshot[]): string {
  const before = s[0]!;
  const after = s[2] ?? s[s.length - 1]!;
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const dispersed = after.hhi !== null && before.hhi !== null && after.hhi < before.hhi * 0.75 && (after.nakamotoCoefficient ?? 0) > (before.nakamotoCoefficient ?? 0);
  return (
    `China ${pct(before.chinaShare)} → ${pct(after.chinaShare)}; largest country ${before.top[0]?.entity} ${pct(before.maxShare)} → ${after.top[0]?.entity} ${pct(after.maxShare)}; ` +
    `HHI ${before.hhi?.toFixed(0)} → ${after.hhi?.toFixed(0)}; Nakamoto coefficient ${before.nakamotoCoefficient} → ${after.nakamotoCoefficient}. ` +
    (dispersed
      ? 'The country distribution dispersed markedly.'
      : `Hash rate relocated rather than dispersed: total fell ${pct(1 - after.totalEhs / before.totalEhs)} and recovered as miners moved, and a new leader (${after.top[0]?.entity}) holds ${pct(after.maxShare)}.`)
  );
}
