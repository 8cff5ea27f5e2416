/**
 * @module Mann–Kendall trend test (Mann 1945; Kendall 1975) with the tie-corrected variance and the
 * Hamed–Rao (1998, "A modified Mann-Kendall trend test for autocorrelated data", J. Hydrology
 * 204) variance correction for autocorrelation: the ranks of the Sen-detrended series give
 * autocorrelations r_k; those outside ±z_{1−α/2}/√n count, and
 *   Var*(S) = Var(S) · [1 + 2/(n(n−1)(n−2)) · Σ_k (n−k)(n−k−1)(n−k−2) r_k].
 * z = (S − sgn S)/√Var*, two-sided p from the normal. Conventions (detrending by x = 1…n, average
 * ranks, biased autocorrelation, all lags 1…n−1 unless `maxLag`) follow pyMannKendall
 * (Hussain & Mahmud 2019, JOSS 4(39) 1556), whose published test values our tests reproduce.
 */
import { theilSen } from './theil-sen.js';
import { twoSidedP } from './normal.js';

export interface MannKendall {
  readonly n: number;
  /** S = Σ_{i<j} sgn(y_j − y_i). */
  readonly s: number;
  /** Var(S) with the tie correction, before any autocorrelation correction. */
  readonly varS: number;
  /** Var(S) after the Hamed–Rao correction (= varS when `hamedRao` is false or no lag is significant). */
  readonly varSCorrected: number;
  /** Kendall's tau = S / (n(n−1)/2). */
  readonly tau: number;
  readonly z: number;
  /** Two-sided p-value. */
  readonly p: number;
}

export interface MannKendallOptions {
  /** Apply the Hamed–Rao correction (default true). */
  readonly hamedRao?: boolean;
  /** Largest autocorrelation lag considered (default n − 1). */
  readonly maxLag?: number;
  /** Significance level for counting a lag (default 0.05 → ±1.959964/√n). */
  readonly alpha?: number;
}

/** Average ranks (1-based) of `y`, ties sharing the mean of their positions. */
export function averageRanks(y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a]! - y[b]!);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && y[order[j + 1]!] === y[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/** Biased sample autocorrelations r_0…r_maxLag (r_0 = 1). */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = y[i]! - mean;
  const out = new Float64Array(maxLag + 1);
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += d[i]! * d[i]!;
  for (let k = 0; k <= maxLag; k++) {
    let c = 0;
    for (let i = 0; i + k < n; i++) c += d[i]! * d[i + k]!;
    out[k] = c0 === 0 ? (k === 0 ? 1 : 0) : c / c0;
  }
  return out;
}

/** Inverse of the standard normal CDF at 1 − α/2 for the usual α (Acklam-free: bisection on the CDF). */
function criticalZ(alpha: number): number {
  if (alpha === 0.05) return 1.959963984540054;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (twoSidedP(mid) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function mannKendall(y: ArrayLike<number>, opts: MannKendallOptions = {}): MannKendall {
  const n = y.length;
  if (n < 3) throw new RangeError(`Mann–Kendall needs at least 3 points (got ${n})`);
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(y[j]! - y[i]!);
  // Tie correction: Σ t(t−1)(2t+5) over groups of equal values.
  const sorted = Float64Array.from(y).sort();
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const t = j - i + 1;
    tieTerm += t * (t - 1) * (2 * t + 5);
    i = j + 1;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  let varSCorrected = varS;
  if (opts.hamedRao ?? true) {
    const xs = Float64Array.from({ length: n }, (_, i) => i + 1);
    const { slope } = theilSen(xs, y);
    const detrended = Float64Array.from({ length: n }, (_, i) => y[i]! - slope * (i + 1));
    const maxLag = Math.min(opts.maxLag ?? n - 1, n - 1);
    const r = autocorrelations(averageRanks(detrended), maxLag);
    const bound = criticalZ(opts.alpha ?? 0.05) / Math.sqrt(n);
    let sum = 0;
    for (let k = 1; k <= maxLag; k++) {
      if (Math.abs(r[k]!) > bound) sum += (n - k) * (n - k - 1) * (n - k - 2) * r[k]!;
    }
    varSCorrected = varS * (1 + (2 * sum) / (n * (n - 1) * (n - 2)));
  }
  const z = varSCorrected > 0 ? (s - Math.sign(s)) / Math.sqrt(varSCorrected) : 0;
  return { n, s, varS, varSCorrected, tau: s / ((n * (n - 1)) / 2), z, p: varSCorrected > 0 ? twoSidedP(z) : 1 };
}
