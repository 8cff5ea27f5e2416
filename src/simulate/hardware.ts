/**
 * @module ASIC generations and the efficiency frontier: the best (lowest) J/TH of any model released
 * on or before a day. Miners buying hardware on a day get the frontier efficiency of that day.
 */
import { dayNumber } from './schedule.js';

export interface AsicGeneration {
  readonly model: string;
  /** Release date, ISO `YYYY-MM-DD`. */
  readonly released: string;
  /** Joules per terahash (= W per TH/s). */
  readonly efficiencyJPerTh: number;
}

/** Frontier efficiency (J/TH) per day over [startDay, startDay + days); days before any release use the earliest model. */
export function frontierSeries(generations: readonly AsicGeneration[], startDay: number, days: number): Float64Array {
  const sorted = generations.map((g) => ({ day: dayNumber(g.released), eff: g.efficiencyJPerTh })).sort((a, b) => a.day - b.day);
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
export function frontierOn(generations: readonly AsicGeneration[], isoDate: string): number {
  return frontierSeries(generations, dayNumber(isoDate), 1)[0]!;
}
