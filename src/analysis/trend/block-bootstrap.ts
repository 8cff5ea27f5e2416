/**
 * @module Moving-block bootstrap interval for the Theil–Sen slope (Künsch 1989, "The jackknife and the
 * bootstrap for general stationary observations", Ann. Stat. 17(3)): residuals from the Sen fit are
 * resampled in overlapping blocks of length ℓ (default ⌈n^{1/3}⌉, which keeps neighbouring windows'
 * dependence inside a block), added back to the fitted line, and the slope re-estimated; the
 * interval is the percentile interval of the replicate slopes. Seeded, so reproducible.
 */
import { Rng } from '../../random/prng.js';
import { theilSen } from './theil-sen.js';

export interface BootstrapOptions {
  /** Replicates (default 500). */
  readonly replicates?: number;
  /** Block length (default ⌈n^{1/3}⌉). */
  readonly blockLength?: number;
  /** Interval level (default 0.95). */
  readonly level?: number;
  readonly seed?: number;
}

export interface SlopeInterval {
  readonly lo: number;
  readonly hi: number;
  readonly blockLength: number;
  readonly replicates: number;
}

/** Percentile q (0–1) of sorted values, linear interpolation between order statistics. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const f = h - i;
  return f === 0 ? sorted[i]! : sorted[i]! + f * (sorted[i + 1]! - sorted[i]!);
}

export function blockBootstrapSlope(x: ArrayLike<number>, y: ArrayLike<number>, opts: BootstrapOptions = {}): SlopeInterval {
  const n = x.length;
  const replicates = opts.replicates ?? 500;
  const blockLength = Math.max(1, Math.min(n, opts.blockLength ?? Math.ceil(Math.cbrt(n))));
  const level = opts.level ?? 0.95;
  const scratch = new Float64Array((n * (n - 1)) / 2);
  const fit = theilSen(x, y, scratch);
  const fitted = Float64Array.from({ length: n }, (_, i) => fit.intercept + fit.slope * x[i]!);
  const resid = Float64Array.from({ length: n }, (_, i) => y[i]! - fitted[i]!);
  const rng = Rng.forReplicate(opts.seed ?? 1, 0, 7);
  const starts = n - blockLength + 1;
  const yb = new Float64Array(n);
  const slopes = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    let i = 0;
    while (i < n) {
      const s = Math.floor(rng.uniform() * starts);
      for (let k = 0; k < blockLength && i < n; k++, i++) yb[i] = fitted[i]! + resid[s + k]!;
    }
    slopes[r] = theilSen(x, yb, scratch).slope;
  }
  slopes.sort();
  const a = (1 - level) / 2;
  return { lo: percentileSorted(slopes, a), hi: percentileSorted(slopes, 1 - a), blockLength, replicates };
}

