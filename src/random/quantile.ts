/**
 * @module The one sample quantile of the project: type 7 (linear interpolation between order
 * statistics, R's default), used for simulation bands and posterior intervals.
 */

/** Type-7 quantile of ascending-sorted values; NaN for no values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
