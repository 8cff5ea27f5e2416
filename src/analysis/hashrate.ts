/**
 * @module Hash rate from blocks found (pure). Each block at difficulty D takes D·2³² hashes on
 * average, so over a window of T seconds the network hash rate is estimated as
 * Ĥ = Σ Dᵢ·2³² / T. Block arrivals are a Poisson process, so the count n carries sampling error:
 * - time windows (`poisson`, default): n ~ Poisson(λT) in a fixed T; exact (Garwood) interval
 *   λ ∈ [χ²(α/2; 2n) / 2T, χ²(1−α/2; 2n+2) / 2T];
 * - block windows (`gamma`): the time T for a fixed number m of arrivals ~ Gamma(m, λ);
 *   λ ∈ [χ²(α/2; 2m) / 2T, χ²(1−α/2; 2m) / 2T].
 * The interval for Ĥ is Ĥ·[lo, hi]/n (the difficulty is known, the rate is not). A pool's hash
 * rate is its share of blocks × Ĥ, with the same interval on its own count k. The χ² quantiles
 * come from the regularized incomplete gamma function (series / continued fraction, Numerical
 * Recipes §6.2) inverted by safeguarded Newton steps.
 */
import { logGamma } from '../random/log-gamma.js';

export const TWO_POW_32 = 4_294_967_296;
export type IntervalKind = 'poisson' | 'gamma';

export { logGamma };

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 1_000_000;

/** exp(−x + a·ln x − lnΓ(a)): the common factor of P and Q. */
const prefactor = (a: number, x: number) => Math.exp(-x + a * Math.log(x) - logGamma(a));

/** Regularized lower incomplete gamma P(a, x) and its complement Q = 1 − P (each computed directly). */
export function incompleteGamma(a: number, x: number): { p: number; q: number } {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`incompleteGamma: need a > 0 and x ≥ 0 (a=${a}, x=${x})`);
  if (x === 0) return { p: 0, q: 1 };
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER && Math.abs(term) > Math.abs(sum) * EPS; n++) {
      term *= x / (a + n);
      sum += term;
    }
    const p = sum * prefactor(a, x);
    return { p, q: 1 - p };
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const q = prefactor(a, x) * h;
  return { p: 1 - q, q };
}

/** Standard normal quantile (Acklam, relative error 1.2e-9): only a starting point here. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** x with P(a, x) = p: Wilson–Hilferty start, then Newton steps kept inside a shrinking bracket. */
export function gammaQuantile(p: number, a: number): number {
  if (!(a > 0)) throw new RangeError(`gammaQuantile: need a > 0 (a=${a})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`gammaQuantile: need 0 ≤ p ≤ 1 (p=${p})`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const z = normalQuantile(p);
  const w = 1 / (9 * a);
  let x = a * (1 - w + z * Math.sqrt(w)) ** 3;
  if (!(x > 0)) x = Math.exp((Math.log(p) + logGamma(a + 1)) / a); // small-x limit P ≈ xᵃ/Γ(a+1)
  let lo = 0;
  let hi = Infinity;
  const upper = p > 0.5; // near 1, compare Q with 1 − p to keep precision
  for (let i = 0; i < 200; i++) {
    const { p: px, q: qx } = incompleteGamma(a, x);
    const f = upper ? 1 - p - qx : px - p; // increasing in x either way
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp(-x + (a - 1) * Math.log(x) - logGamma(a));
    let next = x - f / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = hi === Infinity ? 2 * x : (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * x) return next;
    x = next;
  }
  return x;
}

/** Quantile of the χ² distribution with `df` degrees of freedom (χ²(p; 0) = 0 by convention). */
export function chiSquareQuantile(p: number, df: number): number {
  if (df === 0) return 0;
  return 2 * gammaQuantile(p, df / 2);
}

/** Interval for the expected count, in units of the observed count (multiply a rate estimate by lo/n, hi/n). */
export function countInterval(n: number, confidence: number, kind: IntervalKind): { lo: number; hi: number } {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const alpha = 1 - confidence;
  const lo = chiSquareQuantile(alpha / 2, 2 * n) / 2;
  const hi = kind === 'poisson' ? chiSquareQuantile(1 - alpha / 2, 2 * n + 2) / 2 : n === 0 ? Infinity : chiSquareQuantile(1 - alpha / 2, 2 * n) / 2;
  return { lo, hi };
}

export interface HashrateEstimate {
  /** Blocks counted (arrivals, for block windows). */
  readonly blocks: number;
  readonly elapsedSec: number;
  /** Mean difficulty of the counted blocks. */
  readonly difficulty: number;
  /** Hashes per second. */
  readonly hashrate: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Ĥ = work·2³²/T with `work` = Σ difficulty over `blocks` blocks in `elapsedSec`. For a pool pass
 * its own count as `count` and the window's mean difficulty: the result is share × network rate.
 * With no block the estimate is 0 and `hi` needs the difficulty (`meanDifficulty`), else NaN.
 */
export function estimateHashrate(count: number, work: number, elapsedSec: number, confidence: number, kind: IntervalKind, meanDifficulty = count > 0 ? work / count : Number.NaN): HashrateEstimate {
  if (!(elapsedSec > 0)) throw new RangeError(`elapsed time must be > 0 s, got ${elapsedSec}`);
  const { lo, hi } = countInterval(count, confidence, kind);
  const perBlock = (meanDifficulty * TWO_POW_32) / elapsedSec; // H/s that one block in T stands for
  return { blocks: count, elapsedSec, difficulty: meanDifficulty, hashrate: count === 0 ? 0 : (work * TWO_POW_32) / elapsedSec, lo: lo * perBlock, hi: hi * perBlock };
}

/** Observations of blocks: per block (count 1, work D) or per day and entity (count c, work c·D̄). */
export interface BlockObservations {
  /** Ascending. */
  readonly timeSec: Float64Array;
  readonly count: Float64Array;
  /** Σ difficulty of the observation's blocks; NaN where the difficulty is unknown. */
  readonly work: Float64Array;
  readonly entity: Int32Array;
  readonly entities: readonly string[];
}

export interface WindowHashrate {
  readonly start: number;
  readonly end: number;
  readonly network: HashrateEstimate | null;
  /** Per entity with blocks in the window, most blocks first (empty unless asked). */
  readonly pools: readonly { readonly entity: string; readonly share: number; readonly estimate: HashrateEstimate }[];
}

/**
 * Estimates for time windows [start, end) over observations sorted by time. A window with a
 * block of unknown difficulty gets `network: null`. `elapsedSec` per window defaults to end − start.
 */
export function hashrateByTimeWindow(
  obs: BlockObservations,
  windows: readonly { readonly start: number; readonly end: number; readonly elapsedSec?: number }[],
  opts: { confidence: number; interval?: IntervalKind; byPool?: boolean },
): WindowHashrate[] {
  const kind = opts.interval ?? 'poisson';
  const out: WindowHashrate[] = [];
  const lowerBound = (t: number) => {
    let [l, h] = [0, obs.timeSec.length];
    while (l < h) {
      const m = (l + h) >> 1;
      if (obs.timeSec[m]! < t) l = m + 1;
      else h = m;
    }
    return l;
  };
  for (const w of windows) {
    const i0 = lowerBound(w.start);
    const i1 = lowerBound(w.end);
    let n = 0;
    let work = 0;
    const perEntity = new Map<number, number>();
    for (let i = i0; i < i1; i++) {
      n += obs.count[i]!;
      work += obs.work[i]!;
      if (opts.byPool) perEntity.set(obs.entity[i]!, (perEntity.get(obs.entity[i]!) ?? 0) + obs.count[i]!);
    }
    const elapsed = w.elapsedSec ?? w.end - w.start;
    if (Number.isNaN(work) || n === 0) {
      out.push({ start: w.start, end: w.end, network: null, pools: [] });
      continue;
    }
    const network = estimateHashrate(n, work, elapsed, opts.confidence, kind);
    const pools = [...perEntity]
      .sort((x, y) => y[1] - x[1] || obs.entities[x[0]]!.localeCompare(obs.entities[y[0]]!))
      .map(([e, k]) => ({ entity: obs.entities[e]!, share: k / n, estimate: estimateHashrate(k, (k * work) / n, elapsed, opts.confidence, kind, work / n) }));
    out.push({ start: w.start, end: w.end, network, pools });
  }
  return out;
}

/**
 * Block windows: blocks with heights in [h0, h1) (`heights` ascending, contiguous or not). The
 * clock starts at the block below h0 when present (then every block in the window is an arrival),
 * else at the first block of the window (one arrival fewer). Gamma interval on the arrivals.
 */
export function hashrateByBlockWindow(
  heights: Int32Array,
  timeSec: Float64Array,
  difficulty: Float64Array,
  windows: readonly { readonly start: number; readonly end: number }[],
  confidence: number,
): WindowHashrate[] {
  const index = new Map<number, number>();
  heights.forEach((h, i) => index.set(h, i));
  return windows.map((w) => {
    const before = index.get(w.start - 1);
    const first = before ?? index.get(w.start);
    const last = index.get(w.end - 1);
    if (first === undefined || last === undefined || last - first !== w.end - 1 - heights[first]!) return { start: w.start, end: w.end, network: null, pools: [] };
    let work = 0;
    for (let i = first + 1; i <= last; i++) work += difficulty[i]!;
    const arrivals = last - first;
    const elapsed = timeSec[last]! - timeSec[first]!;
    if (arrivals === 0 || !(elapsed > 0) || Number.isNaN(work)) return { start: w.start, end: w.end, network: null, pools: [] };
    return { start: w.start, end: w.end, network: estimateHashrate(arrivals, work, elapsed, confidence, 'gamma'), pools: [] };
  });
}
