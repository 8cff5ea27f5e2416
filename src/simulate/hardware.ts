/**
 * @module The efficiency frontier: the best (lowest) J/TH of any ASIC model released on or before a
 * day. Miners buying hardware on a day get the frontier efficiency of that day. The models are rows
 * of the one ASIC table (domain/asic-hardware.ts, read by sources/datasets/asic-hardware.ts, the same
 * the energy estimate uses) plus a scenario's `hardware.extra`.
 */
import type { AsicEfficiency } from '../domain/asic-hardware.js';
import { DAY_SEC, dayNumber } from './schedule.js';

/** Frontier efficiency (J/TH) per day over [startDay, startDay + days); days before any release use the earliest model. */
export function frontierSeries(models: readonly AsicEfficiency[], startDay: number, days: number): Float64Array {
  const sorted = models.map((g) => ({ day: Math.floor(g.releaseSec / DAY_SEC), eff: g.efficiencyJPerTh })).sort((a, b) => a.day - b.day);
  const out = new Float64Array(days);
  let best = sorted.length > 0 ? Math.min(...sorted.filter((g) => g.day === sorted[0]!.day).map((g) => g.eff)) : NaN;
  let next = 0;
  for (let i = 0; i < days; i++) {
    const day = startDay + i;
    while (next < sorted.length && sorted[next]!.day <= day) best = Math.min(best, sorted[next++]!.eff);
    out[i] = best;
  }
  return out;
}

/** Frontier efficiency on one day (J/TH). */
export function frontierOn(models: readonly AsicEfficiency[], isoDate: string): number {
  return frontierSeries(models, dayNumber(isoDate), 1)[0]!;
}
