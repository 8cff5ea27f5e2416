/**
 * @module Which machines count on a day (pure), following CBECI: a model is available from its
 * release day until `maxAgeYears` calendar years after it (CBECI's current code retires hardware
 * after 5 years; 0 = never), and profitable when its efficiency is at or below the day's
 * profitability threshold. Lower bound: the most efficient available model; best guess: the
 * equal-weight mean of the profitable models (CBECI assumption 3c); upper bound: the least
 * efficient profitable model.
 */
import type { AsicEfficiency } from '../../domain/asic-hardware.js';

/** A row of the one ASIC table (domain/asic-hardware.ts): the fields the selection uses. */
export type HardwareModel = AsicEfficiency;

export interface EfficiencyBounds {
  readonly lower: number;
  readonly best: number;
  readonly upper: number;
}

export interface Selection {
  /** Released and not retired on the day. */
  readonly available: readonly HardwareModel[];
  /** Available and at or below the threshold (all available when the threshold is null). */
  readonly profitable: readonly HardwareModel[];
  readonly mostEfficient: HardwareModel | null;
}

/** Release + whole calendar years (day of month clamped, as for 29 February). */
export function retirementSec(releaseSec: number, years: number): number {
  if (years <= 0) return Infinity;
  const d = new Date(releaseSec * 1000);
  const y = d.getUTCFullYear() + years;
  const last = new Date(Date.UTC(y, d.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(y, d.getUTCMonth(), Math.min(d.getUTCDate(), last)) / 1000;
}

export function selectHardware(models: readonly HardwareModel[], daySec: number, thresholdJPerTh: number | null, maxAgeYears: number): Selection {
  const available = models.filter((m) => m.releaseSec <= daySec && daySec < retirementSec(m.releaseSec, maxAgeYears));
  const profitable = thresholdJPerTh === null ? available : available.filter((m) => m.efficiencyJPerTh <= thresholdJPerTh);
  let mostEfficient: HardwareModel | null = null;
  for (const m of available) if (mostEfficient === null || m.efficiencyJPerTh < mostEfficient.efficiencyJPerTh) mostEfficient = m;
  return { available, profitable, mostEfficient };
}

/** Bounds from a selection; null when nothing is profitable (the caller applies its convention). */
export function efficiencyBounds(s: Selection): EfficiencyBounds | null {
  if (s.profitable.length === 0 || s.mostEfficient === null) return null;
  let sum = 0;
  let max = -Infinity;
  for (const m of s.profitable) {
    sum += m.efficiencyJPerTh;
    max = Math.max(max, m.efficiencyJPerTh);
  }
  return { lower: s.mostEfficient.efficiencyJPerTh, best: sum / s.profitable.length, upper: max };
}
