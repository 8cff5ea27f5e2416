/**
 * @module Tests for nakamoto-coefficient (≥ 50%, = tau-index=0.5) and nakamoto-coefficient-strict (> 50%).
 * Published values: Blockchain-Technology-Lab/consensus-decentralization tests/test_metrics.py (test_nc).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));
const nc = (w: readonly number[]): number | null => value('nakamoto-coefficient', w);
const ncStrict = (w: readonly number[]): number | null => value('nakamoto-coefficient-strict', w);

describe('nakamoto-coefficient: published worked examples', () => {
  it.each([
    // {a:1,b:2,c:3}: largest holds 3/6 = 50% → 1 under ≥
    [[1, 2, 3], 1],
    // {a:1,b:2,c:3,d:1,e:1,f:1} (total 9): 3/9 = 33%, 5/9 = 56% → 2
    [[1, 2, 3, 1, 1, 1], 2],
    [[1], 1],
  ])('%j → %i', (w, expected) => {
    expect(nc(w)).toBe(expected);
  });
});

describe('nakamoto-coefficient: ≥ versus > (by hand)', () => {
  it.each([
    // [a, ≥ 50%, > 50%]
    [[1, 1], 1, 2], // 1/2 is exactly half: ≥ takes 1, > needs both
    [[50, 50], 1, 2],
    [[3, 2, 1], 1, 2], // 3/6 = .5 (tie); 5/6 > .5
    [[3, 2, 1, 1, 1, 1], 2, 2], // 5/9 = .556 is no tie
    [[7], 1, 1],
    [[1, 1, 1, 1], 2, 3],
    [[1, 1, 1, 1, 1], 3, 3], // 3/5 = .6
    [[4, 3, 2, 1, 0, 0], 2, 2], // 7/10 = .7, zero members do not matter
  ])('%j: ≥ → %i, > → %i', (w, ge, gt) => {
    expect(nc(w)).toBe(ge);
    expect(ncStrict(w)).toBe(gt);
  });

  it('is exact for integers near 2^53: [2^52 − 1, 2^52 − 1] → 1 and 2', () => {
    expect(nc([2 ** 52 - 1, 2 ** 52 - 1])).toBe(1);
    expect(ncStrict([2 ** 52 - 1, 2 ** 52 - 1])).toBe(2);
  });

  it('is null, never 0, for empty and all-zero input', () => {
    expect(nc([])).toBeNull();
    expect(ncStrict([])).toBeNull();
    expect(nc([0, 0, 0])).toBeNull();
  });
});

describe('nakamoto-coefficient: properties', () => {
  it('equals tau-index=0.5 (and the strict form tau-index-strict=0.5)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 30 }), (w) => {
        fc.pre(w.some((x) => x > 0));
        expect(nc(w)).toBe(value('tau-index=0.5', w));
        expect(ncStrict(w)).toBe(value('tau-index-strict=0.5', w));
      }),
      { numRuns: 150 },
    );
  });

  it('n equal weights give ceil(n/2) under ≥ and floor(n/2) + 1 under >', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 1e9 }), (n, c) => {
        const w = Array<number>(n).fill(c);
        expect(nc(w)).toBe(Math.ceil(n / 2));
        expect(ncStrict(w)).toBe(Math.floor(n / 2) + 1);
      }),
      { numRuns: 100 },
    );
  });
});
