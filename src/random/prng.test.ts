import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logGamma, Rng } from './prng.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('xoshiro128**', () => {
  it('matches the reference algorithm from state (1, 2, 3, 4)', () => {
    // Hand computation with the reference C code (Blackman & Vigna): result = rotl(s1·5, 7)·9.
    // Step 1: s1 = 2 → rotl(10, 7)·9 = 1280·9 = 11520. Step 2: s1 became 2 ^ (3 ^ 1) = 0 → 0.
    // Step 3: s1 = 0 ^ ((3^1^1024) ^ 7) = 1029 → rotl(5145, 7)·9 = 658560·9 = 5927040.
    const r = new Rng(1, 2, 3, 4);
    expect([r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([11520, 0, 5927040]);
  });

  it('gives the same stream for the same (seed, replicate) and different streams otherwise', () => {
    const a = Rng.forReplicate(42, 3);
    const b = Rng.forReplicate(42, 3);
    const seqA = Array.from({ length: 8 }, () => a.nextU32());
    expect(Array.from({ length: 8 }, () => b.nextU32())).toEqual(seqA);
    const c = Rng.forReplicate(42, 4);
    const d = Rng.forReplicate(43, 3);
    expect(Array.from({ length: 8 }, () => c.nextU32())).not.toEqual(seqA);
    expect(Array.from({ length: 8 }, () => d.nextU32())).not.toEqual(seqA);
  });

  it('rejects bad seeds and an all-zero state with a UsageError', () => {
    expect(() => Rng.forReplicate(-1, 0)).toThrow(/invalid seed/);
    expect(() => Rng.forReplicate(1.5, 0)).toThrow(/invalid seed/);
    expect(() => new Rng(0, 0, 0, 0)).toThrow(/all four words are zero/);
  });

  it('uniform draws lie in [0, 1) and int(n) in [0, n) for any seed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (seed, rep, n) => {
        const r = Rng.forReplicate(seed, rep);
        for (let i = 0; i < 50; i++) {
          const u = r.uniform();
          const v = r.uniform53();
          const k = r.int(n);
          if (!(u >= 0 && u < 1 && v >= 0 && v < 1 && Number.isInteger(k) && k >= 0 && k < n)) return false;
        }
        return true;
      }),
    );
  });
});

describe('samplers', () => {
  const n = 200_000;
  it('exponential(mean) has mean and variance mean, mean² (within 4σ)', () => {
    const r = Rng.forReplicate(1, 0);
    const m = moments(() => r.exponential(600), n);
    // sd of the sample mean = 600/√n
    expect(Math.abs(m.mean - 600)).toBeLessThan((4 * 600) / Math.sqrt(n));
    expect(m.variance / 360_000).toBeGreaterThan(0.97);
    expect(m.variance / 360_000).toBeLessThan(1.03);
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = Rng.forReplicate(2, 0);
    const m = moments(() => r.normal(), n);
    expect(Math.abs(m.mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.02);
  });

  it.each([0.3, 7, 29.9, 30, 144, 5000])('poisson(%d) has mean = variance = λ', (lambda) => {
    const r = Rng.forReplicate(3, Math.round(lambda * 10));
    const m = moments(() => r.poisson(lambda), n);
    expect(Math.abs(m.mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.03);
  });

  it('poisson(2) hits P(0) = e^-2 (inversion branch) and poisson(100) P(100) = e^-100·100^100/100! (PTRS branch)', () => {
    const r = Rng.forReplicate(4, 0);
    let zeros = 0;
    let at100 = 0;
    for (let i = 0; i < n; i++) {
      if (r.poisson(2) === 0) zeros++;
      if (r.poisson(100) === 100) at100++;
    }
    const p0 = Math.exp(-2);
    const p100 = Math.exp(-100 + 100 * Math.log(100) - logGamma(101)); // ≈ 0.03986
    expect(Math.abs(zeros / n - p0)).toBeLessThan(4 * Math.sqrt((p0 * (1 - p0)) / n));
    expect(Math.abs(at100 / n - p100)).toBeLessThan(4 * Math.sqrt((p100 * (1 - p100)) / n));
  });

  it.each([
    [10, 0.3],
    [1000, 0.01],
    [1000, 0.4],
    [100_000, 0.7],
  ])('binomial(%d, %d) has mean np and variance np(1−p)', (trials, p) => {
    const r = Rng.forReplicate(5, trials);
    const m = moments(() => r.binomial(trials, p), n);
    const v = trials * p * (1 - p);
    expect(Math.abs(m.mean - trials * p)).toBeLessThan(4 * Math.sqrt(v / n));
    expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.03);
  });

  it('binomial stays within [0, n] and rejects bad parameters', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (trials, p, seed) => {
        const k = Rng.forReplicate(seed, 0).binomial(trials, p);
        return Number.isInteger(k) && k >= 0 && k <= trials;
      }),
    );
    const r = Rng.forReplicate(1, 1);
    expect(() => r.binomial(-1, 0.5)).toThrow(/invalid binomial n/);
    expect(() => r.binomial(5, 1.5)).toThrow(/invalid binomial p/);
    expect(() => r.poisson(-1)).toThrow(/invalid Poisson mean/);
  });
});

describe('logGamma', () => {
  it('matches exact values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13); // Γ(1/2) = √π
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 11); // 10!
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8); // ln 170! = Σ_{k≤170} ln k (summed independently: 706.57306224578…)
  });
});

describe('xoshiro128** reference vector', () => {
  it('matches the reference implementation from state {1, 2, 3, 4}', () => {
    // Blackman & Vigna's xoshiro128starstar.c (v1.1); the same vector is in the Rust rand_xoshiro tests.
    const g = new Rng(1, 2, 3, 4);
    const got = Array.from({ length: 10 }, () => g.nextU32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });
});

describe('fillUniform', () => {
  it('gives exactly the stream of uniform() calls, and leaves the generator where they would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 300 }), (seed, n) => {
        const a = Rng.forReplicate(seed, 3);
        const b = Rng.forReplicate(seed, 3);
        const buf = a.fillUniform(new Float64Array(n));
        for (let i = 0; i < n; i++) expect(buf[i]).toBe(b.uniform());
        expect(a.nextU32()).toBe(b.nextU32());
      }),
      { numRuns: 100 },
    );
  });
});
