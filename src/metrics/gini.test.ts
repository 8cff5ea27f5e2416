/**
 * @module Tests for the Gini coefficient (population zeros included).
 * Published values: Blockchain-Technology-Lab/consensus-decentralization tests/test_metrics.py
 * (test_gini; checked there against goodcalculators.com, 5 decimals) and
 * Blockchain-Technology-Lab/tokenomics-decentralization tests/test_metrics.py (test_gini).
 */
import fc from 'fast-check';
import { weightDouble } from '../../test/support/metric-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const gini = (w: readonly number[]): number | null => getMetric('gini').compute(prepareWeights(w));

/** The O(n²) definition, independent of the engine's sorted formula: Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ). */
function giniByMeanAbsoluteDifference(x: readonly number[]): number {
  const n = x.length;
  const mu = x.reduce((a, b) => a + b, 0) / n;
  let sum = 0;
  for (const a of x) for (const b of x) sum += Math.abs(a - b);
  return sum / (2 * n * n * mu);
}

describe('gini: published worked examples', () => {
  it.each([
    // [1..5]: Σ_{i<j}(j−i) = 4·1+3·2+2·3+1·4 = 20, ordered 40; 40/(2·25·3) = 0.266667
    [[1, 2, 3, 4, 5], 0.26667],
    [[368, 156, 20, 7, 10, 49, 22, 1], 0.67792],
    // [11,2,1]: |11−2|+|11−1|+|2−1| = 20, ordered 40; μ = 14/3; 40/(2·9·14/3) = 40/84 = 0.476190
    [[11, 2, 1], 0.47619],
    // population zeros count: [1,1,3,0,0]: unordered diffs 2+2+3+3+0+1+1+1+1+0 = 14, ordered 28; 28/(2·25·1) = 0.56
    [[1, 1, 3, 0, 0], 0.56],
    // tokenomics: [3,2,1]: diffs 1+2+1 = 4, ordered 8; 8/(2·9·2) = 0.222222
    [[3, 2, 1], 0.22222],
    // tokenomics: [3,2,1,1,1,1]: 1 + 4·2 + 4·1 = 13, ordered 26; μ = 1.5; 26/(2·36·1.5) = 0.240741
    [[3, 2, 1, 1, 1, 1], 0.24074],
    [[1], 0],
    [[1, 1, 1], 0],
  ])('%j → %d (5 decimals)', (w, expected) => {
    expect(Number((gini(w) as number).toFixed(5))).toBe(expected);
  });
});

describe('gini: conventions and edge cases', () => {
  it('is null for empty and all-zero input', () => {
    expect(gini([])).toBeNull();
    expect(gini([0, 0])).toBeNull();
  });

  it('one holder among n reaches (n−1)/n: [7,0,0,0] → 3/4', () => {
    expect(gini([7, 0, 0, 0])).toBe(0.75);
  });

  it('adding zero-weight members raises it: [1,1] → 0, [1,1,0] → 1/3', () => {
    // Hand: [1,1,0]: diffs 0+1+1 = 2, ordered 4; μ = 2/3; 4/(2·9·2/3) = 4/12 = 1/3
    expect(gini([1, 1])).toBe(0);
    expect(gini([1, 1, 0])).toBeCloseTo(1 / 3, 15);
  });

  it('is exact on large integer counts: [10^15 + 1, 10^15] → 1/(4·10^15 + 2)', () => {
    // Hand: ordered |diff| sum = 2; 2n²μ = 8·(2·10^15 + 1)/2 = 4·(2·10^15 + 1); G = 2/(8·10^15 + 4).
    // The same formula in doubles, 2Σi·x/(nΣx) − (n+1)/n, gives 2.22e-16 here: an 11% error.
    const g = gini([1e15 + 1, 1e15]) as number;
    expect(Math.abs(g - 1 / (4e15 + 2)) / (1 / (4e15 + 2))).toBeLessThan(1e-12);
  });
});

describe('gini: properties', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 25 });
  const floatWeights = fc.array(weightDouble(1e6), { minLength: 1, maxLength: 25 });

  it('equals the O(n²) mean-absolute-difference definition (integers and floats)', () => {
    fc.assert(
      fc.property(fc.oneof(weights, floatWeights), (w) => {
        fc.pre(w.some((x) => x > 0));
        expect(gini(w)).toBeCloseTo(giniByMeanAbsoluteDifference(w), 10);
      }),
      { numRuns: 200 },
    );
  });

  it('is 0 for n equal weights', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 1e-9, max: 1e9, noNaN: true })), (n, c) => {
        expect(gini(Array<number>(n).fill(c))).toBeCloseTo(0, 12);
      }),
      { numRuns: 80 },
    );
  });

  it('one more zero member gives G′ = (n·G + 1)/(n + 1)', () => {
    // Hand: Σ|xᵢ−xⱼ| gains 2·Σx = 2nμ; 2(n+1)²μ′ with μ′ = nμ/(n+1) is 2n(n+1)μ; so
    // G′ = (2n²μG + 2nμ)/(2n(n+1)μ) = (nG + 1)/(n + 1), which exceeds G whenever G < 1.
    fc.assert(
      fc.property(weights, (w) => {
        fc.pre(w.some((x) => x > 0));
        const n = w.length;
        expect(gini([...w, 0])).toBeCloseTo((n * (gini(w) as number) + 1) / (n + 1), 12);
      }),
      { numRuns: 100 },
    );
  });

  it('lies in [0, (n−1)/n] and adding zero-weight members never lowers it', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 10 }), (w, zeros) => {
        fc.pre(w.some((x) => x > 0));
        const g = gini(w) as number;
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual((w.length - 1) / w.length);
        const withZeros = gini([...w, ...Array<number>(zeros).fill(0)]) as number;
        expect(withZeros).toBeGreaterThan(g); // strictly: see the recurrence below
      }),
      { numRuns: 150 },
    );
  });
});
