/**
 * @module Tests for the Herfindahl–Hirschman index (0–10,000) and hhi-fraction (0–1).
 * Published values: Blockchain-Technology-Lab/consensus-decentralization tests/test_metrics.py
 * (test_hhi) and Blockchain-Technology-Lab/tokenomics-decentralization tests/test_metrics.py (test_hhi).
 */
import fc from 'fast-check';
import { weightDouble } from '../../test/support/metric-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));

describe('hhi: published worked examples', () => {
  it.each([
    // consensus-decentralization test_hhi: ten entities with 10% each → 10·10² = 1000
    [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1000],
    // 40%, 30%, 15%, 15% → 1600 + 900 + 225 + 225 = 2950
    [[8, 6, 3, 3], 2950],
    // 50%, 50% → 2500 + 2500 = 5000
    [[2, 2], 5000],
    // one entity → 100² = 10000
    [[1], 10000],
  ])('consensus-decentralization: %j → %d', (w, expected) => {
    expect(value('hhi', w)).toBeCloseTo(expected, 9);
  });

  it.each([
    // tokenomics-decentralization test_hhi (published rounded): [3,2,1] → 3889; hand: 10⁴·(9+4+1)/36 = 3888.888…
    [[3, 2, 1], 3889, 140000 / 36],
    // [3,2,1,1,1,1] → 2099; hand: 10⁴·(9+4+1+1+1+1)/81 = 10⁴·17/81 = 2098.765…
    [[3, 2, 1, 1, 1, 1], 2099, 170000 / 81],
    // [1,1,1] → 3333; hand: 10⁴/3
    [[1, 1, 1], 3333, 10000 / 3],
  ])('tokenomics-decentralization: %j → %d (rounded)', (w, rounded, exact) => {
    const v = value('hhi', w) as number;
    expect(Math.round(v)).toBe(rounded);
    expect(v).toBeCloseTo(exact, 9);
  });
});

describe('hhi: conventions and edge cases', () => {
  it('hhi-fraction is the 0–1 scale: [8,6,3,3] → 0.2950', () => {
    // Hand: 0.4² + 0.3² + 0.15² + 0.15² = 0.16 + 0.09 + 0.0225 + 0.0225 = 0.295
    expect(value('hhi-fraction', [8, 6, 3, 3])).toBeCloseTo(0.295, 12);
  });

  it('is null (never 0) for empty and all-zero input', () => {
    for (const id of ['hhi', 'hhi-fraction']) {
      expect(value(id, [])).toBeNull();
      expect(value(id, [0, 0, 0])).toBeNull();
    }
  });

  it('ignores zero-weight population members: [2,2,0,0,0] = [2,2] = 5000', () => {
    expect(value('hhi', [2, 2, 0, 0, 0])).toBe(5000);
  });

  it('is exact on integer counts whose squared total exceeds 2^53: [10^8, 10^8] → exactly 5000', () => {
    // Hand: t = 2·10^8, Σc² = 2·10^16, t² = 4·10^16 > 2^53 ≈ 9.007·10^15: BigInt path; ratio ½ exactly.
    expect(value('hhi', [1e8, 1e8])).toBe(5000);
    // Hand: [3·10^8, 10^8]: (9 + 1)/16 = 0.625 → 6250
    expect(value('hhi', [3e8, 1e8])).toBe(6250);
  });
});

describe('hhi: properties', () => {
  it('n equal weights give 10000/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1_000_000 }), (n, c) => {
        expect(value('hhi', Array<number>(n).fill(c))).toBeCloseTo(10000 / n, 9);
      }),
      { numRuns: 60 },
    );
  });

  it('lies between 10000/active and 10000, and hhi = 10000 · hhi-fraction', () => {
    fc.assert(
      fc.property(fc.array(weightDouble(1e9), { minLength: 1, maxLength: 30 }), (w) => {
        const s = prepareWeights(w);
        fc.pre(s.total > 0);
        const h = value('hhi', w) as number;
        expect(h).toBeLessThanOrEqual(10000);
        expect(h).toBeGreaterThanOrEqual((10000 / s.active) * (1 - 1e-12));
        expect(h).toBeCloseTo((value('hhi-fraction', w) as number) * 10000, 9);
      }),
      { numRuns: 150 },
    );
  });
});
