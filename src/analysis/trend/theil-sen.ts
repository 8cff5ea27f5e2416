/**
 * @module Theil–Sen slope: the median of the slopes between every pair of points (Sen 1968, "Estimates
 * of the regression coefficient based on Kendall's tau", JASA 63(324)), and the intercept
 * median(y − slope·x) (Conover's convention). Robust to outliers, O(n²) pairs — fine for the
 * tens to hundreds of windows a trend is computed over.
 */

/** The k-th smallest (0-based) of `a`, reordering `a` in place (Hoare's quickselect). */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median of `a` (reorders `a`); NaN when empty. */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const hi = selectKth(a, n >> 1);
  if (n % 2 === 1) return hi;
  // The lower middle is the largest of the elements left of the upper middle after selection.
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (a[i]! > lo) lo = a[i]!;
  return (lo + hi) / 2;
}

export interface SenFit {
  /** Median pairwise slope, in y units per x unit. */
  readonly slope: number;
  /** median(y − slope·x). */
  readonly intercept: number;
}

/**
 * Theil–Sen fit of y on x (pairs with equal x are skipped). Needs at least two distinct x; the
 * scratch buffer, when given, must hold n(n−1)/2 numbers (reused by the bootstrap).
 */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>, scratch?: Float64Array): SenFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError('theilSen: x and y differ in length');
  const buf = scratch ?? new Float64Array((n * (n - 1)) / 2);
  let m = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j]! - x[i]!;
      if (dx !== 0) buf[m++] = (y[j]! - y[i]!) / dx;
    }
  }
  if (m === 0) return { slope: NaN, intercept: NaN };
  const slope = medianInPlace(buf.subarray(0, m));
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = y[i]! - slope * x[i]!;
  return { slope, intercept: medianInPlace(res) };
}
