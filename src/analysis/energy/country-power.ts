/**
 * @module Bitcoin power by country (pure): each month's CBECI country shares of hash rate times
 * that month's network power (best guess, GW). One network-wide efficiency is assumed — CBECI
 * gives no hardware mix per country — so a country's share of power equals its share of hash
 * rate, and concentration metrics of this distribution equal those of `bitcoin/hashrate-by-country`
 * month by month; what changes is the unit (GW) and the totals.
 */
import { toObservationSeries, type ObservationSeries } from '../../domain/observations.js';

export interface CountryPower {
  readonly series: ObservationSeries;
  /** Months of the CBECI series without a power estimate (left out). */
  readonly missingMonths: readonly number[];
}

/** `powerWByMonth`: month start (UTC s) → average network power (W) over that month. */
export function powerByCountry(cbeci: ObservationSeries, powerWByMonth: ReadonlyMap<number, number>): CountryPower {
  const totals = new Map<number, number>();
  for (let i = 0; i < cbeci.timeSec.length; i++) totals.set(cbeci.timeSec[i]!, (totals.get(cbeci.timeSec[i]!) ?? 0) + cbeci.weight[i]!);
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  const missing = new Set<number>();
  for (let i = 0; i < cbeci.timeSec.length; i++) {
    const t = cbeci.timeSec[i]!;
    const p = powerWByMonth.get(t);
    const total = totals.get(t)!;
    if (p === undefined || !(total > 0)) {
      missing.add(t);
      continue;
    }
    records.push({ timeSec: t, entity: cbeci.entities[cbeci.entity[i]!]!, weight: ((cbeci.weight[i]! / total) * p) / 1e9 });
  }
  return { series: toObservationSeries(records, 'stock'), missingMonths: [...missing].sort((a, b) => a - b) };
}
