/**
 * @module The metric contract: every metric is a pure function of a sorted weight vector.
 * `prepareWeights` validates and sorts once; every metric then reads the same SortedWeights.
 */
import type { SortedWeights } from '../domain/distribution.js';
import { UsageError } from '../domain/errors.js';

export interface Metric {
  /** Canonical id, parameters included: `hhi`, `tau-index=0.66`, `concentration-ratio=5`. */
  readonly id: string;
  /** One line: what it measures, its scale, its convention. */
  readonly description: string;
  /** Closed range of the result; `null` upper bound = depends on the number of entities. */
  readonly range: readonly [number, number | null];
  /** `null` when undefined for this input (always for an empty or all-zero distribution). */
  compute(s: SortedWeights): number | null;
}

/**
 * Validate weights (finite, ≥ 0) and sort them descending. Throws UsageError naming the bad entry.
 * `total` is summed in sorted order (smallest first, for accuracy), so every result is independent
 * of the input order, bit for bit.
 * Non-integer weights whose largest value lies outside [2⁻⁵⁰⁰, 2⁵⁰⁰] are multiplied by a power of
 * two (exact; every metric is scale-invariant) so that sums cannot overflow or lose subnormal bits.
 */
export function prepareWeights(weights: ArrayLike<number>, labels?: readonly string[]): SortedWeights {
  const n = weights.length;
  const w = new Float64Array(n);
  let active = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const x = weights[i] as number;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      const who = labels?.[i] !== undefined ? ` (entity ${JSON.stringify(labels[i])})` : '';
      throw new UsageError(`invalid weight at index ${i}${who}: ${String(x)} (weights must be finite and ≥ 0)`);
    }
    w[i] = x === 0 ? 0 : x; // normalise −0
    if (x > 0) active++;
    if (integral && !Number.isSafeInteger(x)) integral = false;
  }
  w.sort();
  w.reverse();
  if (!integral && active > 0) rescaleToUnitRange(w);
  const total = sumAscending(w);
  if (integral && !Number.isSafeInteger(total)) integral = false;
  return { w, total, active, integral };
}

function sumAscending(w: Float64Array): number {
  let total = 0;
  for (let i = w.length - 1; i >= 0; i--) total += w[i] as number;
  return total;
}

/** Multiply every weight by 2^−e (e ≈ log₂ max) when the largest weight is extreme. Exact unless a weight underflows. */
function rescaleToUnitRange(w: Float64Array): void {
  const e = Math.floor(Math.log2(w[0] as number));
  if (e <= 500 && e >= -500) return;
  const half = Math.trunc(-e / 2);
  const f1 = 2 ** half;
  const f2 = 2 ** (-e - half);
  for (let i = 0; i < w.length; i++) w[i] = ((w[i] as number) * f1) * f2;
}

/** True when the distribution carries no weight: every metric is then `null`. */
export function isEmpty(s: SortedWeights): boolean {
  return s.total <= 0;
}

/** Number of entities counted by population-aware metrics: all entries, zero weights included. */
export function populationSize(s: SortedWeights): number {
  return s.w.length;
}
