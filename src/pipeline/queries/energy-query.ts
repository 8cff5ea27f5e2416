/**
 * @module The energy queries behind `nakamoto energy bitcoin|ai` (and an HTTP API alike): Bitcoin
 * network power by the CBECI method per window, with every assumption listed; Bitcoin power by
 * country with the 2021 China ban before/after; AI power capacity by owner or country. Plain
 * JSON-ready results; inputs load in ../energy/ and the power distributions in ../distributions/;
 * method in docs/energy.md.
 */
import { formatDay } from '../../aggregate/duration.js';
import { divideWindows, windowAxis } from '../../aggregate/windows.js';
import { annualisedTwh } from '../../analysis/energy/hash-price.js';
import { dailyEnergy, windowPower } from '../../analysis/energy/network-power.js';
import { summariseWindows } from '../../analysis/energy/window-summary.js';
import { banVerdict, countrySnapshots } from '../../analysis/geography.js';
import type { OrganisationLevel } from '../../decode/epoch-ai/organisation-rules.js';
import { UsageError } from '../../domain/errors.js';
import { loadAiPower } from '../distributions/ai-power.js';
import { loadBitcoinPowerByCountry } from '../distributions/bitcoin-power-by-country.js';
import { resolveAssumptions, type Assumption } from '../energy/assumptions.js';
import { loadBitcoinDays } from '../energy/bitcoin-days.js';
import type { BitcoinEnergyRequest } from '../energy/options.js';
import type { QueryContext, Row } from './context.js';
import { checkWindowRequest, resolveWindows, type WindowRequest } from './window-request.js';
import { parseNumberParam } from './query-params.js';

export type { BitcoinEnergyRequest } from '../energy/options.js';

export interface EnergyResult {
  readonly title: string;
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly string[];
  readonly windows: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export const BITCOIN_ENERGY_COLUMNS = [
  'window_start', 'window_end', 'days', 'blocks', 'hashrate_ehs', 'hashrate_lo_ehs', 'hashrate_hi_ehs', 'hashprice_usd_th_day', 'threshold_j_th', 'profitable_models',
  'eff_lower_j_th', 'eff_best_j_th', 'eff_upper_j_th', 'power_lower_gw', 'power_best_gw', 'power_upper_gw', 'energy_lower_twh_yr', 'energy_best_twh_yr', 'energy_upper_twh_yr', 'unprofitable_days',
] as const;

const sig = (x: number | null | undefined, digits = 6) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(digits)));

export async function queryBitcoinEnergy(q: BitcoinEnergyRequest, ctx: QueryContext): Promise<EnergyResult> {
  checkWindowRequest({ ...q, window: q.window ?? '1m' });
  const a = await resolveAssumptions(q, ctx.datasetsRoot);
  const data = await loadBitcoinDays(ctx.datasetsRoot);
  const { spec, range } = resolveWindows({ ...q, window: q.window ?? '1m' }, data.coverage);
  if (windowAxis(spec) !== 'time') throw new UsageError('energy uses time windows (1d, 7d, 1m, 1y …), not block counts');
  const windows = divideWindows(spec, range.start, range.end);
  const results = windowPower(dailyEnergy(data.days, a.models, a.power), windows, a.power.pue, a.confidence);
  if (results.length === 0) throw new UsageError(`no complete ${spec.size.text} window between ${formatDay(range.start)} and ${formatDay(range.end)}`);
  const gw = (w: number | undefined) => sig(w === undefined ? null : w / 1e9);
  const rows: Row[] = results.map((r) => ({
    window_start: formatDay(r.start),
    window_end: formatDay(r.end),
    days: r.days,
    blocks: r.hashrate.blocks,
    hashrate_ehs: sig(r.hashrate.hashrate / 1e18),
    hashrate_lo_ehs: sig(r.hashrate.lo / 1e18),
    hashrate_hi_ehs: sig(r.hashrate.hi / 1e18),
    hashprice_usd_th_day: sig(r.hashpriceUsdPerThDay, 4),
    threshold_j_th: sig(r.thresholdJPerTh, 4),
    profitable_models: r.profitableModels,
    eff_lower_j_th: sig(r.eff?.lower, 4),
    eff_best_j_th: sig(r.eff?.best, 4),
    eff_upper_j_th: sig(r.eff?.upper, 4),
    power_lower_gw: gw(r.powerW?.lower),
    power_best_gw: gw(r.powerW?.best),
    power_upper_gw: gw(r.powerW?.upper),
    energy_lower_twh_yr: sig(r.powerW ? annualisedTwh(r.powerW.lower) : null),
    energy_best_twh_yr: sig(r.powerW ? annualisedTwh(r.powerW.best) : null),
    energy_upper_twh_yr: sig(r.powerW ? annualisedTwh(r.powerW.upper) : null),
    unprofitable_days: r.unprofitableDays,
  }));
  return {
    title: 'Bitcoin network power, CBECI method (lower / best guess / upper)',
    assumptions: a.list,
    notes: data.notes,
    windows: `windows: ${spec.size.text}, step ${spec.step.text}, ${results.length} windows; window_end exclusive; UTC; power = average over the window, energy = power × 8,766 h (annualised)`,
    columns: BITCOIN_ENERGY_COLUMNS,
    rows,
  };
}

export interface CountryPowerResult extends EnergyResult {
  readonly chinaBan: readonly Row[];
  readonly verdict: string;
}

export async function queryBitcoinPowerByCountry(q: BitcoinEnergyRequest, ctx: QueryContext): Promise<CountryPowerResult> {
  const sourced = await loadBitcoinPowerByCountry(ctx.datasetsRoot, q);
  const s = sourced.series;
  const totals = new Map<number, number>();
  for (let i = 0; i < s.timeSec.length; i++) totals.set(s.timeSec[i]!, (totals.get(s.timeSec[i]!) ?? 0) + s.weight[i]!);
  const rows: Row[] = [];
  for (let i = 0; i < s.timeSec.length; i++) {
    const t = s.timeSec[i]!;
    rows.push({ month: formatDay(t).slice(0, 7), country: s.entities[s.entity[i]!]!, power_gw: sig(s.weight[i]!, 4), share: sig(s.weight[i]! / totals.get(t)!, 4) });
  }
  rows.sort((x, y) => String(x.month).localeCompare(String(y.month)) || Number(y.power_gw) - Number(x.power_gw));
  const snaps = countrySnapshots(sourced);
  const chinaBan: Row[] = snaps.map((x) => ({
    snapshot: x.label,
    total_gw: sig(x.totalEhs, 4),
    china_gw: sig(x.chinaShare * x.totalEhs, 4),
    china_share: sig(x.chinaShare, 4),
    hhi: sig(x.hhi, 5),
    nakamoto_coefficient: x.nakamotoCoefficient,
    top: x.top.slice(0, 3).map((t) => `${t.entity} ${t.weight.toFixed(2)} GW`).join(', '),
  }));
  const a = await resolveAssumptions(q, ctx.datasetsRoot);
  return {
    title: 'Bitcoin power by country (best guess): CBECI country shares × network power',
    assumptions: a.list,
    notes: (sourced.provenance.notes ?? []).filter((n) => !n.startsWith('assumption: ')),
    windows: 'months: CBECI monthly snapshots (first day of the month); power = that month\'s average',
    columns: ['month', 'country', 'power_gw', 'share'],
    rows,
    chinaBan,
    verdict: banVerdict(snaps).replace('Hash rate relocated', 'Power relocated'),
  };
}

export interface AiEnergyRequest extends Partial<WindowRequest> {
  readonly by?: string;
  readonly level?: string;
  readonly wattsPerH100e?: string | number;
}

export async function queryAiEnergy(q: AiEnergyRequest, ctx: QueryContext): Promise<EnergyResult> {
  const by = q.by ?? 'owner';
  if (by !== 'owner' && by !== 'country') throw new UsageError(`invalid --by: ${by} (expected owner or country)`);
  if (q.level !== undefined && (by !== 'owner' || (q.level !== 'organisation' && q.level !== 'parent'))) throw new UsageError(`invalid --level: ${q.level} (owner offers organisation, parent; country has no levels)`);
  const watts = q.wattsPerH100e === undefined ? undefined : parseNumberParam('--watts-per-h100e', q.wattsPerH100e, { min: 0, minExclusive: true, max: 1e6, unit: 'W' });
  checkWindowRequest({ ...q, window: q.window ?? '1y' });
  const loaded = await loadAiPower(ctx.datasetsRoot, { by, level: q.level as OrganisationLevel | undefined, wattsPerH100e: watts });
  const { spec, range } = resolveWindows({ ...q, window: q.window ?? '1y', partial: true }, loaded.coverage);
  if (windowAxis(spec) !== 'time') throw new UsageError('energy uses time windows (1q, 1y …), not block counts');
  const windows = divideWindows(spec, range.start, range.end);
  const totals = new Map(summariseWindows(loaded.totalSeries, windows, 0).map((w) => [w.start, w.total]));
  const rows: Row[] = summariseWindows(loaded.series, windows).map((w) => ({
    window_start: formatDay(w.start),
    window_end: formatDay(w.end),
    snapshot: w.snapshotSec === null ? null : formatDay(w.snapshotSec),
    all_clusters_mw: sig(totals.get(w.start), 6),
    attributed_mw: sig(w.total, 6),
    entities: w.entities,
    hhi: sig(w.hhi, 5),
    nakamoto_coefficient: w.nakamotoCoefficient,
    top: w.top.map((t) => `${t.entity} ${(t.share * 100).toFixed(1)}%`).join(', '),
  }));
  if (rows.length === 0) throw new UsageError(`no ${spec.size.text} window with a snapshot between ${formatDay(range.start)} and ${formatDay(range.end)}`);
  return {
    title: `AI compute power capacity by ${by} (Epoch GPU clusters, MW operating at the latest quarter end in each window)`,
    assumptions: [
      { name: 'power per cluster', value: "Epoch's Power Capacity (MW); else H100e × W per H100e", source: watts !== undefined ? `--watts-per-h100e ${watts}` : 'median W per H100e of clusters with both values, by start year (docs/energy.md)' },
      { name: 'coverage', value: 'Epoch estimates its cluster database covers ~10–20% of global AI compute', source: 'ai/epoch-compute-infrastructure/PROVENANCE.md' },
    ],
    notes: loaded.provenance.notes ?? [],
    windows: `windows: ${spec.size.text}, ${rows.length} windows with a snapshot; stock read at the latest quarter end inside each window; UTC`,
    columns: ['window_start', 'window_end', 'snapshot', 'all_clusters_mw', 'attributed_mw', 'entities', 'hhi', 'nakamoto_coefficient', 'top'],
    rows,
  };
}
