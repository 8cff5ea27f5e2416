/**
 * @module Concentration bounds from a PARTIAL list of shares — a publisher names its largest
 * countries and leaves the remainder R = 1 − Σ listed unitemised. Assuming only that no unlisted
 * entity is larger than the smallest listed one (s_min):
 *   HHI ∈ [10⁴·Σ sᵢ², 10⁴·(Σ sᵢ² + q·s_min² + r²)], q = ⌊R/s_min⌋, r = R − q·s_min
 *     (low: the remainder spread infinitely thin; high: packed into pieces of s_min);
 *   top-1 share is exact; top-k share is exact when k ≤ listed, else bounded the same way;
 *   Nakamoto coefficient (≥ 50%) is exact when the listed shares reach 50%, else at least
 *   listed + ⌈(0.5 − Σ)/s_min⌉ with no upper bound.
 * Pure.
 */

export interface Bounds {
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface PartialListMetrics {
  readonly listed: number;
  readonly listedShare: number;
  readonly top1: number;
  readonly top5: Bounds;
  readonly nakamotoCoefficient: Bounds;
  readonly hhi: Bounds;
}

export function partialListMetrics(sharesIn: readonly number[]): PartialListMetrics {
  const s = [...sharesIn].filter((x) => x > 0).sort((a, b) => b - a);
  if (s.length === 0) throw new RangeError('partialListMetrics needs at least one positive share');
  const sum = s.reduce((a, b) => a + b, 0);
  const rem = Math.max(0, 1 - sum);
  const min = s[s.length - 1]!;
  const sq = s.reduce((a, b) => a + b * b, 0);
  const q = Math.floor(rem / min + 1e-12);
  const r = Math.max(0, rem - q * min);
  const top5Listed = s.slice(0, 5).reduce((a, b) => a + b, 0);
  const missing = Math.max(0, 5 - s.length);
  const top5Hi = top5Listed + Math.min(rem, missing * min);
  let cum = 0;
  let nc: number | null = null;
  for (let i = 0; i < s.length; i++) {
    cum += s[i]!;
    if (cum >= 0.5 - 1e-12) {
      nc = i + 1;
      break;
    }
  }
  const ncLo = nc ?? s.length + Math.ceil((0.5 - sum) / min - 1e-12);
  return {
    listed: s.length,
    listedShare: sum,
    top1: s[0]!,
    top5: { lo: top5Listed, hi: top5Hi },
    nakamotoCoefficient: { lo: ncLo, hi: nc },
    hhi: { lo: 1e4 * sq, hi: 1e4 * (sq + q * min * min + r * r) },
  };
}
