import { describe, expect, it } from 'vitest';
import { Rng } from '../random/prng.js';
import { forkProbability, honestRaceApprox, selfishRevenue, selfishThreshold } from './race-analytic.js';
import { simulateHonestRace } from './race-honest.js';
import { simulateSelfishRace } from './race-selfish.js';

const T = 600;
const f64 = (xs: number[]) => Float64Array.from(xs);

/** Mean and standard error of the mean over replicates. */
function meanSe(xs: number[]): { mean: number; se: number } {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return { mean: m, se: Math.sqrt(v / xs.length) };
}

describe('Eyal–Sirer closed form', () => {
  it('matches hand computation', () => {
    // α = 1/3, γ = 1/2: numerator (1/3)(4/9)(4/3 + 1/6) − 1/27 = 5/27; denominator 1 − (1/3)(14/9) = 13/27 → 5/13.
    expect(selfishRevenue(1 / 3, 0.5)).toBeCloseTo(5 / 13, 14);
    // α = 1/4, γ = 0: (1/4)(9/16)(1) − 1/64 = 8/64; 1 − (1/4)(1 + 7/16) = 41/64 → 8/41.
    expect(selfishRevenue(0.25, 0)).toBeCloseTo(8 / 41, 14);
    expect(selfishThreshold(0)).toBeCloseTo(1 / 3, 14);
    expect(selfishThreshold(0.5)).toBeCloseTo(1 / 4, 14);
  });
});

describe('selfish mining simulation', () => {
  it.each([
    [0.25, 0.5],
    [1 / 3, 0.5],
    [0.4, 0],
    [0.3, 1],
  ])('revenue at α=%d, γ=%d matches R(α,γ) within 3 standard errors', (alpha, gamma) => {
    const revenue: number[] = [];
    for (let r = 0; r < 16; r++) {
      const c = simulateSelfishRace(f64([alpha, 1 - alpha]), gamma, 200_000, Rng.forReplicate(11, r));
      revenue.push(c.main[0]! / c.totalMain);
    }
    const { mean, se } = meanSe(revenue);
    expect(Math.abs(mean - selfishRevenue(alpha, gamma))).toBeLessThan(3 * se);
  });

  it('pays below the threshold less than the hash share and above it more', () => {
    const run = (alpha: number) => {
      const c = simulateSelfishRace(f64([alpha, 1 - alpha]), 0, 1_000_000, Rng.forReplicate(12, 0));
      return c.main[0]! / c.totalMain;
    };
    expect(run(0.2)).toBeLessThan(0.2); // threshold (1−γ)/(3−2γ) = 1/3 at γ = 0
    expect(run(0.42)).toBeGreaterThan(0.42);
  });

  it('splits honest revenue between honest parties in proportion to their hash', () => {
    const ratio: number[] = [];
    for (let r = 0; r < 12; r++) {
      const c = simulateSelfishRace(f64([0.3, 0.5, 0.2]), 0.5, 200_000, Rng.forReplicate(13, r));
      ratio.push(c.main[1]! / (c.main[1]! + c.main[2]!));
      expect(c.found[0]! + c.found[1]! + c.found[2]!).toBe(200_000);
    }
    const { mean, se } = meanSe(ratio);
    expect(Math.abs(mean - 0.5 / 0.7)).toBeLessThan(3 * se);
  });
});

describe('honest block race', () => {
  it('without delays, revenue share = hash share within 3σ and nothing is stale', () => {
    const share = [0.5, 0.3, 0.15, 0.05];
    const n = 1_000_000;
    const c = simulateHonestRace(f64(share), f64([0, 0, 0, 0]), n, T, Rng.forReplicate(21, 0));
    expect(c.staleRate01).toBe(0);
    share.forEach((p, i) => expect(Math.abs(c.main[i]! / c.totalMain - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / n)));
  });

  it('with equal small delays and equal shares, revenue share = hash share within 3σ', () => {
    const n = 1_000_000;
    const c = simulateHonestRace(f64([0.2, 0.2, 0.2, 0.2, 0.2]), f64([3, 3, 3, 3, 3]), n, T, Rng.forReplicate(22, 0));
    for (let i = 0; i < 5; i++) expect(Math.abs(c.main[i]! / c.totalMain - 0.2)).toBeLessThan(3 * Math.sqrt((0.2 * 0.8) / c.totalMain));
  });

  // Published stale rates: Decker & Wattenhofer (2013), "Information Propagation in the Bitcoin
  // Network": 1.69 % with a 12.6 s median propagation; Gervais et al. (2016), "On the Security and
  // Performance of Proof of Work Blockchains", Table 1: 0.41 % for Bitcoin.
  it.each([3, 8])('with a %d s propagation delay, the stale rate matches 1 − e^{−(1−HHI)d/600} and lies in the published 0.41–1.69 percent range', (d) => {
    const k = 20;
    const n = 1_500_000;
    const c = simulateHonestRace(new Float64Array(k).fill(1 / k), new Float64Array(k).fill(d), n, T, Rng.forReplicate(23, d));
    // Many equal miners: a fork needs someone else (hash 1 − 1/k) to find a block within d.
    const analytic = forkProbability((1 - 1 / k) * d, T);
    const sigma = Math.sqrt(analytic / n);
    expect(Math.abs(c.staleRate01 - analytic)).toBeLessThan(3 * sigma + 2 * (d / T) ** 2);
    expect(c.staleRate01).toBeGreaterThan(0.0041);
    expect(c.staleRate01).toBeLessThan(0.0169);
  });

  it('latency favours the large miner, as the first-order orphan model predicts', () => {
    const share = f64([0.7, 0.3]);
    const delay = f64([30, 30]);
    const revenue: number[] = [];
    const stale: number[] = [];
    for (let r = 0; r < 8; r++) {
      const c = simulateHonestRace(share, delay, 500_000, T, Rng.forReplicate(24, r));
      revenue.push(c.main[0]! / c.totalMain);
      stale.push(c.staleRate01);
    }
    const approx = honestRaceApprox(share, delay, T);
    const rev = meanSe(revenue);
    const st = meanSe(stale);
    const secondOrder = 2 * (30 / T) ** 2; // neglected three-block forks
    expect(rev.mean).toBeGreaterThan(0.7 + 5 * rev.se); // the large miner earns more than its hash share
    expect(Math.abs(rev.mean - approx.revenueShare01[0]!)).toBeLessThan(3 * rev.se + secondOrder);
    expect(Math.abs(st.mean - approx.staleRate01)).toBeLessThan(3 * st.se + secondOrder);
  });

  it('is deterministic for a seed and counts every block once', () => {
    const run = () => simulateHonestRace(f64([0.6, 0.4]), f64([5, 20]), 100_000, T, Rng.forReplicate(25, 0));
    const a = run();
    const b = run();
    expect(Array.from(a.main)).toEqual(Array.from(b.main));
    expect(a.found[0]! + a.found[1]!).toBe(100_000);
    expect(a.totalMain + Math.round(a.staleRate01 * 100_000)).toBe(100_000);
  });
});
