/**
 * @module Bitcoin network power per calendar month (best guess, CBECI method), the denominator of
 * `bitcoin/power-by-country`.
 */
import { divideWindows } from '../../aggregate/windows.js';
import { dailyEnergy, windowPower } from '../../analysis/energy/network-power.js';
import { resolveWindows } from '../queries/window-request.js';
import { resolveAssumptions, type Assumption } from './assumptions.js';
import { loadBitcoinDays } from './bitcoin-days.js';
import type { BitcoinEnergyRequest } from './options.js';

/** Average best-guess network power (W) per calendar month, for the months the data covers completely. */
export async function monthlyBestPowerW(q: BitcoinEnergyRequest, datasetsRoot: string): Promise<{ byMonth: Map<number, number>; assumptions: readonly Assumption[]; notes: readonly string[] }> {
  const a = await resolveAssumptions(q, datasetsRoot);
  const data = await loadBitcoinDays(datasetsRoot);
  const { spec, range } = resolveWindows({ window: '1m' }, data.coverage);
  const first = new Date(range.start * 1000);
  const anchor = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) / 1000;
  const windows = divideWindows({ ...spec, anchor }, range.start, range.end);
  const results = windowPower(dailyEnergy(data.days, a.models, a.power), windows, a.power.pue, a.confidence);
  const byMonth = new Map<number, number>();
  for (const r of results) if (r.powerW) byMonth.set(r.start, r.powerW.best);
  return { byMonth, assumptions: a.list, notes: data.notes };
}
