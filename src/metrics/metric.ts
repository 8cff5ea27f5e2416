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

/** Validate weights (finite, ≥ 0) and sort them descending. Throws UsageError naming the bad entry. */
export function prepareWeights(weights: ArrayLike<number>, labels?: readonly string[]): SortedWeights {
  const n = weights.length;
  const w = new Float64Array(n);
  let total = 0;
  let active = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const x = weights[i] as number;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      const who = labels?.[i] !== undefined ? ` (entity ${JSON.stringify(labels[i])})` : '';
      throw new UsageError(`invalid weight at index ${i}${who}: ${String(x)} (weights must be finite and ≥ 0)`);
    }
    w[i] = x;
    total += x;
    if (x > 0) active++;
    if (integral && !Number.isSafeInteger(x)) integral = false;
  }
  w.sort();
  w.reverse();
  if (integral && !Number.isSafeInteger(total)) integral = false;
  return { w, total, active, integral };
}

/** True when the distribution carries no weight: every metric is then `null`. */
export function isEmpty(s: SortedWeights): boolean {
  return s.total <= 0;
}

/** Number of entities counted by population-aware metrics: all entries, zero weights included. */
export function populationSize(s: SortedWeights): number {
  return s.w.length;
}
