/**
 * @module Tests for concentration-ratio=k (combined 0–1 share of the k largest) and max-share.
 * Published values: tokenomics-decentralization tests/test_metrics.py (test_compute_max_power_ratio).
 */
import fc from 'fast-check';
import { weightDouble } from '../../test/support/metric-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));

describe('concentration-ratio: worked examples', () => {
  it.each([
    // tokenomics test_compute_max_power_ratio
    [[3, 2, 1], 0.5],
    [[3, 2, 1, 1, 1, 1], 1 / 3],
    [[1], 1],
    [[1, 1, 1], 1 / 3],
  ])('max-share %j → %d', (w, expected) => {
    expect(value('max-share', w)).toBeCloseTo(expected, 15);
    expect(value('concentration-ratio=1', w)).toBe(value('max-share', w));
  });

  it.each([
    // [8,6,3,3] (total 20): 8/20 = .4, 14/20 = .7, 17/20 = .85, 1
    [1, 0.4],
    [2, 0.7],
    [3, 0.85],
    [4, 1],
    [5, 1], // k > n: the share of everyone
    [100, 1],
  ])('[8,6,3,3] CR_%i → %d', (k, expected) => {
    expect(value(`concentration-ratio=${k}`, [8, 6, 3, 3])).toBeCloseTo(expected, 15);
  });

  it('is exactly 1 when k covers every active entity, even for floats that do not sum to 1', () => {
    // 1/6 + 1/3 + 1/2 sums to 0.9999999999999999 or 1 depending on order; CR must still be 1.
    expect(value('concentration-ratio=3', [1 / 6, 1 / 3, 1 / 2])).toBe(1);
    expect(value('concentration-ratio=2', [0.3, 0.7, 0, 0])).toBe(1);
  });

  it('ignores zero-weight members: [3,2,1,0,0] CR2 = 5/6', () => {
    expect(value('concentration-ratio=2', [3, 2, 1, 0, 0])).toBeCloseTo(5 / 6, 15);
  });

  it('is null for empty and all-zero input', () => {
    expect(value('concentration-ratio=3', [])).toBeNull();
    expect(value('max-share', [0, 0])).toBeNull();
  });

  it.each([
    ['concentration-ratio=0', /^invalid concentration-ratio k: 0/],
    ['concentration-ratio=2.5', /^invalid concentration-ratio k: 2\.5/],
    ['concentration-ratio=-3', /^invalid concentration-ratio k: -3/],
    ['concentration-ratio=abc', /^invalid concentration-ratio k: abc/],
    ['concentration-ratio=', /^invalid concentration-ratio k/],
    ['concentration-ratio=1e3', /^invalid concentration-ratio k: 1e3/],
  ])('%s throws UsageError', (id, message) => {
    expect(() => getMetric(id)).toThrow(UsageError);
    expect(() => getMetric(id)).toThrow(message);
  });
});

describe('concentration-ratio: properties', () => {
  const weights = fc.array(weightDouble(1e6), { minLength: 1, maxLength: 30 });

  it('is monotone in k, at least k/active (the top k hold at least their fair share) and at most 1', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 35 }), (w, k) => {
        const s = prepareWeights(w);
        fc.pre(s.total > 0);
        const a = value(`concentration-ratio=${k}`, w) as number;
        const b = value(`concentration-ratio=${k + 1}`, w) as number;
        expect(a).toBeLessThanOrEqual(b);
        expect(b).toBeLessThanOrEqual(1);
        expect(a).toBeGreaterThanOrEqual((Math.min(k, s.active) / s.active) * (1 - 1e-12));
      }),
      { numRuns: 150 },
    );
  });
});
