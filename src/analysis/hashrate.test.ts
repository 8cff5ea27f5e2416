import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, countInterval, estimateHashrate, gammaQuantile, hashrateByBlockWindow, hashrateByTimeWindow, incompleteGamma, logGamma, TWO_POW_32 } from './hashrate.js';

describe('gamma function and χ² quantiles', () => {
  it('lnΓ at known points: Γ(1) = Γ(2) = 1, Γ(1/2) = √π, Γ(10) = 9! = 362880', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });

  it('P(1, x) = 1 − e^(−x) (exponential distribution), in both branches', () => {
    for (const x of [0.1, 1, 1.9, 2.5, 10]) expect(incompleteGamma(1, x).p).toBeCloseTo(1 - Math.exp(-x), 14);
  });

  it('matches printed χ² critical values (NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.4, 3 decimals)', () => {
    const table: [p: number, df: number, value: number][] = [
      [0.95, 1, 3.841],
      [0.975, 2, 7.378],
      [0.025, 2, 0.051],
      [0.975, 10, 20.483],
      [0.025, 10, 3.247],
      [0.99, 20, 37.566],
      [0.95, 100, 124.342],
      [0.05, 100, 77.929],
    ];
    for (const [p, df, v] of table) expect(Math.abs(chiSquareQuantile(p, df) - v)).toBeLessThan(6e-4);
  });

  it('χ² with 2 degrees of freedom is exactly −2·ln(1 − p) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => {
        const exact = -2 * Math.log1p(-p);
        expect(Math.abs(chiSquareQuantile(p, 2) - exact)).toBeLessThanOrEqual(1e-9 * exact);
      }),
    );
  });

  it('the quantile inverts P for any shape up to 10⁶ (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (a, p) => {
        const x = gammaQuantile(p, a);
        const { p: px, q: qx } = incompleteGamma(a, x);
        expect(Math.abs((p > 0.5 ? 1 - qx : px) - p)).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('exact Poisson 95% intervals match Garwood (1936) as tabulated (e.g. Ulm 1990, Am J Epidemiol 131:373)', () => {
    const table: [n: number, lo: number, hi: number][] = [
      [0, 0, 3.689],
      [1, 0.0253, 5.572],
      [10, 4.795, 18.39],
      [100, 81.36, 121.63],
    ];
    for (const [n, lo, hi] of table) {
      const ci = countInterval(n, 0.95, 'poisson');
      expect(Math.abs(ci.lo - lo)).toBeLessThan(6e-3);
      expect(Math.abs(ci.hi - hi)).toBeLessThan(6e-3);
    }
  });
});

describe('hash rate estimates (hand-computed)', () => {
  it('a day with 144 blocks at difficulty D gives D·2³²/600 H/s', () => {
    const D = 86_388_558_925_171.02; // difficulty of the period 838,656–840,236 (difficulty-epochs)
    const e = estimateHashrate(144, 144 * D, 86_400, 0.95, 'poisson');
    expect(e.hashrate).toBeCloseTo((D * TWO_POW_32) / 600, -3);
    expect(e.hashrate / 1e18).toBeCloseTo(618.39, 2); // 8.6388558925171e13 · 4294967296 / 600 = 6.18390e20
    // Interval = estimate · [χ²(0.025; 288), χ²(0.975; 290)] / (2·144).
    expect(e.lo / e.hashrate).toBeCloseTo(chiSquareQuantile(0.025, 288) / 288, 12);
    expect(e.hi / e.hashrate).toBeCloseTo(chiSquareQuantile(0.975, 290) / 288, 12);
    expect(e.lo).toBeLessThan(e.hashrate);
    expect(e.hi).toBeGreaterThan(e.hashrate);
  });

  it('the interval narrows like 1/√n: with 1,008 blocks (a week) it is within ±7% of the estimate', () => {
    const e = estimateHashrate(1008, 1008, 7 * 86_400, 0.95, 'poisson');
    expect(e.lo / e.hashrate).toBeGreaterThan(0.93);
    expect(e.hi / e.hashrate).toBeLessThan(1.07);
  });

  it('time windows over per-block observations: network and per-pool rates, pools = share × network', () => {
    // Two days; day 1: 3 blocks by A and 1 by B at difficulty 2; day 2: 2 blocks by B at difficulty 4.
    const t0 = 1_700_006_400; // 2023-11-15 00:00 UTC
    const times = [t0 + 10, t0 + 20, t0 + 30, t0 + 40, t0 + 86_400 + 5, t0 + 86_400 + 6];
    const obs = { timeSec: Float64Array.from(times), count: new Float64Array(6).fill(1), work: Float64Array.from([2, 2, 2, 2, 4, 4]), entity: Int32Array.from([0, 0, 0, 1, 1, 1]), entities: ['A', 'B'] };
    const [d1, d2, both] = hashrateByTimeWindow(obs, [{ start: t0, end: t0 + 86_400 }, { start: t0 + 86_400, end: t0 + 2 * 86_400 }, { start: t0, end: t0 + 2 * 86_400 }], { confidence: 0.9, byPool: true });
    expect(d1!.network!.hashrate).toBe((8 * TWO_POW_32) / 86_400);
    expect(d2!.network!.hashrate).toBe((8 * TWO_POW_32) / 86_400);
    expect(both!.network!.hashrate).toBe((16 * TWO_POW_32) / 172_800);
    expect(d1!.pools.map((p) => [p.entity, p.share, p.estimate.hashrate])).toEqual([
      ['A', 0.75, (0.75 * 8 * TWO_POW_32) / 86_400],
      ['B', 0.25, (0.25 * 8 * TWO_POW_32) / 86_400],
    ]);
    // A pool's interval is on its own count k: [χ²(α/2; 2k), χ²(1−α/2; 2k+2)]/2 blocks of mean difficulty.
    const b = d1!.pools[1]!.estimate;
    expect(b.hi).toBeCloseTo((chiSquareQuantile(0.95, 4) / 2) * ((2 * TWO_POW_32) / 86_400), 0);
  });

  it('a window with a block of unknown difficulty, or no block, has no estimate', () => {
    const obs = { timeSec: Float64Array.from([5, 15]), count: Float64Array.from([1, 1]), work: Float64Array.from([1, Number.NaN]), entity: Int32Array.from([0, 0]), entities: ['A'] };
    const r = hashrateByTimeWindow(obs, [{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 20, end: 30 }], { confidence: 0.95 });
    expect(r.map((w) => w.network === null)).toEqual([false, true, true]);
  });

  it('block windows: arrivals counted from the block below the window; gamma interval', () => {
    // Heights 0..6, 600 s apart, difficulty 3: the window [1, 7) has 6 arrivals in 3,600 s.
    const heights = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);
    const times = Float64Array.from(heights, (h) => 1000 + 600 * h);
    const diff = new Float64Array(7).fill(3);
    const [w, first] = hashrateByBlockWindow(heights, times, diff, [{ start: 1, end: 7 }, { start: 0, end: 3 }], 0.95);
    expect(w!.network!.hashrate).toBe((3 * TWO_POW_32) / 600);
    expect(w!.network!.lo / w!.network!.hashrate).toBeCloseTo(chiSquareQuantile(0.025, 12) / 12, 12);
    expect(w!.network!.hi / w!.network!.hashrate).toBeCloseTo(chiSquareQuantile(0.975, 12) / 12, 12);
    // [0, 3) has no block below it: clock from block 0, 2 arrivals in 1,200 s.
    expect(first!.network).toMatchObject({ blocks: 2, elapsedSec: 1200, hashrate: (3 * TWO_POW_32) / 600 });
  });
});
