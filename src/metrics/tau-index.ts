/**
 * @module τ-decentralisation index: the smallest number of largest entities whose combined
 * share reaches a threshold t. Pinned convention: cumulative share **≥ t** (as the EDI code
 * `compute_tau` in tokenomics-decentralization and its tests do); the strict variant (`> t`, as the
 * EDI's prose words it) is `tau-index-strict=t`. With integer weights the comparison is exact; with
 * non-integer weights a cumulative sum within max(1e-12, 4·n·ε) × total of t × total is a tie.
 */
import type { SortedWeights } from '../domain/distribution.js';
import { UsageError } from '../domain/errors.js';
import { fractionToNumber, parseFraction, type Fraction } from './exact.js';
import { isEmpty, type Metric } from './metric.js';

/** Relative tolerance under which a float cumulative share counts as equal to the threshold. */
export const FLOAT_TIE_REL = 1e-12;

/** Smallest k such that Σ_{i<k} wᵢ ≥ t·total (strict: > t·total); null if empty or unreachable. */
export function tauIndex(s: SortedWeights, t: Fraction, strict: boolean): number | null {
  if (isEmpty(s)) return null;
  const { w, active } = s;
  if (s.integral && t.den <= 1_000_000_000n && s.total * Number(t.den) <= Number.MAX_SAFE_INTEGER) {
    // cum·den and num·total stay below 2^53: exact in doubles (same decisions as the BigInt path).
    const num = Number(t.num);
    const den = Number(t.den);
    const target = num * s.total;
    let cum = 0;
    for (let k = 0; k < active; k++) {
      cum += w[k] as number;
      const scaled = cum * den;
      if (strict ? scaled > target : scaled >= target) return k + 1;
    }
    return null;
  }
  if (s.integral) {
    const target = t.num * BigInt(s.total);
    let cum = 0n;
    for (let k = 0; k < active; k++) {
      cum += BigInt(w[k] as number);
      const scaled = cum * t.den;
      if (strict ? scaled > target : scaled >= target) return k + 1;
    }
    return null; // only when strict and t = 1: no set exceeds the whole
  }
  // Non-integer weights carry rounding error: a cumulative sum within `tol` of the target is a tie
  // (so [0.5, 1/6, 1/6, 1/6] gives 1 under ≥ and 2 under >, as the exact shares do).
  const target = fractionToNumber(t) * s.total;
  const tol = s.total * Math.max(FLOAT_TIE_REL, 4 * active * Number.EPSILON);
  let cum = 0;
  for (let k = 0; k < active; k++) {
    cum += w[k] as number;
    if (strict ? cum > target + tol : cum >= target - tol) return k + 1;
  }
  // Floating-point sums can fall a hair short of total when t = 1.
  return strict ? null : active;
}

export function createTauIndex(param: string, strict = false): Metric {
  const t = parseFraction(param, 'tau-index threshold');
  if (t.num <= 0n || t.num > t.den) throw new UsageError(`invalid tau-index threshold: ${param} (expected 0 < t ≤ 1)`);
  if (strict && t.num === t.den) throw new UsageError(`invalid tau-index-strict threshold: ${param} (no set of entities holds more than 100%)`);
  const name = strict ? 'tau-index-strict' : 'tau-index';
  return {
    id: `${name}=${String(Number(param.trim()))}`,
    description: `Smallest number of largest entities whose combined share is ${strict ? '>' : '≥'} ${param}.`,
    range: [1, null],
    compute: (s) => tauIndex(s, t, strict),
  };
}
