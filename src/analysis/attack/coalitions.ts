/**
 * @module Smallest coalitions of the largest entities whose combined share exceeds attack
 * thresholds: 25% (selfish mining with γ = ½), ⅓ (selfish mining with γ = 0), 50% (strict
 * majority) and 51% (the folk "51% attack"). Taking the largest entities first is minimal in
 * count. Pinned: "exceeds" is strict (> t, with a 1e-12 relative margin so that a set holding
 * exactly t in exact arithmetic does not pass through rounding). Optional per-entity share
 * intervals give bounds on the coalition size.
 */
import { UsageError } from '../../domain/errors.js';

export const DEFAULT_COALITION_THRESHOLDS: readonly number[] = [0.25, 1 / 3, 0.5, 0.51];
const MARGIN = 1e-12;

export interface ShareIntervals {
  /** Lower / upper bound of each entity's share in [0, 1], in the same order as the labels. */
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
}

export interface CoalitionInput {
  readonly labels: readonly string[];
  readonly weights: ArrayLike<number>;
  readonly thresholds?: readonly number[];
  readonly shareIntervals?: ShareIntervals;
}

export interface Coalition {
  readonly threshold: number;
  /** Number of entities; null when no set exceeds the threshold (empty distribution). */
  readonly size: number | null;
  /** Largest first; ties in weight are broken by label. */
  readonly members: readonly string[];
  readonly combinedShare: number;
  /** False when an entity outside the set weighs as much as its smallest member (another set of the same size works). */
  readonly unique: boolean;
  /** With share intervals: the fewest entities that might suffice and the most that could be needed. */
  readonly sizeBounds?: { readonly min: number | null; readonly max: number | null };
}

function checkThreshold(t: unknown): number {
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t >= 1) {
    throw new UsageError(`invalid coalition threshold: ${String(t)} (expected 0 < t < 1)`);
  }
  return t;
}

/** Smallest k with Σ of the k largest values > t·total; null if none. `values` sorted descending. */
function smallestK(values: ArrayLike<number>, total: number, t: number): number | null {
  let cum = 0;
  for (let k = 0; k < values.length; k++) {
    cum += values[k] as number;
    if (cum - t * total > MARGIN * total) return k + 1;
  }
  return null;
}

function sortedDesc(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort().reverse();
}

function checkIntervals(iv: ShareIntervals, n: number): void {
  if (iv.lower.length !== n || iv.upper.length !== n) {
    throw new UsageError(`invalid share intervals: expected ${n} lower and upper bounds, got ${iv.lower.length} and ${iv.upper.length}`);
  }
  for (let i = 0; i < n; i++) {
    const lo = iv.lower[i] as number;
    const hi = iv.upper[i] as number;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || hi > 1 || lo > hi) {
      throw new UsageError(`invalid share interval at index ${i}: [${lo}, ${hi}] (expected 0 ≤ lower ≤ upper ≤ 1)`);
    }
  }
}

export function smallestCoalitions(input: CoalitionInput): Coalition[] {
  const { labels, weights } = input;
  if (labels.length !== weights.length) {
    throw new UsageError(`invalid distribution: ${labels.length} labels but ${weights.length} weights`);
  }
  const n = labels.length;
  const order: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new UsageError(`invalid weight at index ${i} (entity ${JSON.stringify(labels[i])}): ${String(w)} (weights must be finite and ≥ 0)`);
    }
    total += w;
    order.push(i);
  }
  const label = (i: number): string => labels[i] as string;
  const weight = (i: number): number => weights[i] as number;
  order.sort((i, j) => weight(j) - weight(i) || (label(i) < label(j) ? -1 : label(i) > label(j) ? 1 : 0));
  const thresholds = (input.thresholds ?? DEFAULT_COALITION_THRESHOLDS).map(checkThreshold);
  const iv = input.shareIntervals;
  if (iv) checkIntervals(iv, n);
  const uppers = iv ? sortedDesc(iv.upper) : undefined;
  const lowers = iv ? sortedDesc(iv.lower) : undefined;
  const sortedWeights = Float64Array.from(order, weight);
  return thresholds.map((t) => {
    const k = total > 0 ? smallestK(sortedWeights, total, t) : null;
    const chosen = k === null ? [] : order.slice(0, k);
    const combined = chosen.reduce((s, i) => s + weight(i), 0);
    const next = k === null ? undefined : order[k];
    const unique = k === null || next === undefined || weight(next) < weight(order[k - 1] as number);
    const base: Coalition = { threshold: t, size: k, members: chosen.map(label), combinedShare: total > 0 ? combined / total : 0, unique };
    if (!uppers || !lowers) return base;
    return { ...base, sizeBounds: { min: smallestK(uppers, 1, t), max: smallestK(lowers, 1, t) } };
  });
}
