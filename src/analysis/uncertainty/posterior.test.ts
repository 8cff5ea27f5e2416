/**
 * Interval checks: (1) against exact Beta posteriors computed independently by numerical
 * integration; (2) by simulation — intervals must cover the true value at close to their nominal rate.
 */
import { describe, expect, it } from 'vitest';
import { getMetric } from '../../metrics/registry.js';
import { Rng } from '../../random/prng.js';
import { isUnstable, posteriorIntervals } from './posterior.js';

/** log Beta function via Lanczos lgamma (independent of the code under test). */
function lgamma(x: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≤ x) for X ~ Beta(a, b), by Simpson's rule on the density (fine grid). */
function betaCdf(x: number, a: number, b: number): number {
  const lb = lgamma(a) + lgamma(b) - lgamma(a + b);
  const n = 20_000;
  const h = x / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const t = i * h;
    const f = t <= 0 || t >= 1 ? 0 : Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t) - lb);
    s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * f;
  }
  return (s * h) / 3;
}

function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('posterior intervals against exact Beta posteriors', () => {
  it('max share of two entities [70, 30]: the Beta(70.5, 30.5) central 95% interval', () => {
    const r = posteriorIntervals([70, 30], [getMetric('max-share')], Rng.forReplicate(1, 0), { confidence: 0.95, draws: 40_000, prior: 0.5 });
    // max(p, 1 − p) = p here with overwhelming probability (P(p < 0.5) ≈ 3e-5).
    expect(r['max-share']!.lo!).toBeCloseTo(betaQuantile(0.025, 70.5, 30.5), 2);
    expect(r['max-share']!.hi!).toBeCloseTo(betaQuantile(0.975, 70.5, 30.5), 2);
  });

  it('P(NC = 1) for counts [45, 40, 15] equals P(p₁ ≥ ½) + P(p₂ ≥ ½) under the marginal Betas', () => {
    const r = posteriorIntervals([45, 40, 15], [getMetric('nakamoto-coefficient')], Rng.forReplicate(2, 0), { confidence: 0.95, draws: 40_000, prior: 0.5 });
    // Posterior Dirichlet(45.5, 40.5, 15.5), α₀ = 101.5; marginals p₁ ~ Beta(45.5, 56), p₂ ~ Beta(40.5, 61);
    // the two events are disjoint (two shares cannot both be ≥ ½ unless both are exactly ½).
    const exact = 1 - betaCdf(0.5, 45.5, 56) + (1 - betaCdf(0.5, 40.5, 61));
    const p1 = r['nakamoto-coefficient']!.probabilities!.get(1)!;
    expect(Math.abs(p1 - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 40_000) + 1e-3);
    expect(r['nakamoto-coefficient']!.probabilities!.get(2)).toBeCloseTo(1 - p1, 12);
    expect(isUnstable(r, 0.95)).toBe(true);
  });

  it('a settled window is not flagged; an empty one gives nulls', () => {
    const r = posteriorIntervals([900, 50, 50], [getMetric('nakamoto-coefficient'), getMetric('hhi')], Rng.forReplicate(3, 0));
    expect(r['nakamoto-coefficient']!.probabilities!.get(1)).toBe(1);
    expect(isUnstable(r, 0.95)).toBe(false);
    expect(posteriorIntervals([0, 0], [getMetric('hhi')], Rng.forReplicate(3, 0)).hhi).toEqual({ lo: null, hi: null });
  });

  it('is reproducible for a seed', () => {
    const m = [getMetric('hhi')];
    const a = posteriorIntervals([10, 20, 30], m, Rng.forReplicate(9, 4));
    const b = posteriorIntervals([10, 20, 30], m, Rng.forReplicate(9, 4));
    expect(a).toEqual(b);
  });
});

describe('coverage by simulation: 95% intervals cover the true value ≈ 95% of the time', () => {
  // A Bitcoin-like distribution of true hash shares; one week of blocks (1,008).
  const p = [0.3, 0.18, 0.12, 0.1, 0.08, 0.07, 0.05, 0.04, 0.03, 0.03];
  const n = 1008;
  const metrics = ['hhi', 'concentration-ratio=5', 'max-share', 'gini'].map(getMetric);
  const truth: Record<string, number> = {};
  const shares = Float64Array.from(p);
  for (const m of metrics) truth[m.id] = m.compute({ w: shares, total: 1, active: p.length, integral: false })!;

  it('HHI, top-5 share, max share and Gini are covered at 90–99%', () => {
    const reps = 300;
    const hits: Record<string, number> = {};
    const sampler = Rng.forReplicate(2024, 0);
    for (let r = 0; r < reps; r++) {
      // Multinomial sample of n blocks from the true shares.
      const counts = new Array<number>(p.length).fill(0);
      for (let b = 0; b < n; b++) {
        let u = sampler.uniform();
        let k = 0;
        while (k < p.length - 1 && u >= p[k]!) u -= p[k++]!;
        counts[k]!++;
      }
      const iv = posteriorIntervals(counts, metrics, Rng.forReplicate(7, r), { confidence: 0.95, draws: 400, prior: 0.5 });
      for (const m of metrics) if (iv[m.id]!.lo! <= truth[m.id]! && truth[m.id]! <= iv[m.id]!.hi!) hits[m.id] = (hits[m.id] ?? 0) + 1;
    }
    for (const m of metrics) {
      const rate = (hits[m.id] ?? 0) / reps;
      expect(rate, `${m.id} coverage ${rate}`).toBeGreaterThanOrEqual(0.9);
      expect(rate, `${m.id} coverage ${rate}`).toBeLessThanOrEqual(0.99);
    }
  }, 60_000);
});
