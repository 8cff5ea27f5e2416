/**
 * @module Herfindahl–Hirschman index: Σ (100·sᵢ)², shares in percent, scale 0–10,000
 * (the US DoJ/FTC convention and the EDI's). `hhi-fraction` offers the 0–1 scale (Σ sᵢ²).
 * Zero-weight population members do not change it. Exact when weights are counts.
 */
import type { SortedWeights } from '../domain/distribution.js';
import { isEmpty, type Metric } from './metric.js';

/** Σ sᵢ² on the 0–1 scale. With integer counts the numerator Σ cᵢ² is summed exactly. */
export function sumSquaredShares(s: SortedWeights): number | null {
  if (isEmpty(s)) return null;
  const { w, total } = s;
  if (s.integral && total <= 94_906_265) {
    // total² ≤ 2^53: every partial sum of cᵢ² is an exactly representable integer (same result, no BigInt).
    let sq = 0;
    for (let i = 0; i < s.active; i++) {
      const c = w[i] as number;
      sq += c * c;
    }
    return sq / (total * total);
  }
  if (s.integral) {
    let sq = 0n;
    for (let i = 0; i < s.active; i++) {
      const c = BigInt(w[i] as number);
      sq += c * c;
    }
    const t = BigInt(total);
    return ratio(sq, t * t);
  }
  let acc = 0;
  for (let i = 0; i < s.active; i++) {
    const p = (w[i] as number) / total;
    acc += p * p;
  }
  return acc;
}

/** a/b as a correctly rounded double when both fit, else via scaled BigInt division. */
export function ratio(a: bigint, b: bigint): number {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (a <= max && b <= max) return Number(a) / Number(b);
  const scale = 10n ** 18n;
  return Number((a * scale) / b) / 1e18;
}

export const hhi: Metric = {
  id: 'hhi',
  description: 'Herfindahl–Hirschman index: sum of squared percentage shares, 0–10,000 (10,000 = one entity holds all).',
  range: [0, 10_000],
  compute: (s) => {
    const v = sumSquaredShares(s);
    return v === null ? null : v * 10_000;
  },
};

export const hhiFraction: Metric = {
  id: 'hhi-fraction',
  description: 'Herfindahl–Hirschman index on the 0–1 scale: sum of squared shares (hhi / 10,000).',
  range: [0, 1],
  compute: sumSquaredShares,
};
