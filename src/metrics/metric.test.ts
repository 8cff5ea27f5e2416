/**
 * @module Tests for prepareWeights: validation (typed UsageError naming index and entity),
 * descending sort, the integral flag that selects exact arithmetic, and rescaling of extreme floats.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { getMetric } from './registry.js';
import { isEmpty, populationSize, prepareWeights } from './metric.js';

describe('prepareWeights: validation', () => {
  it.each([
    [[1, Number.NaN], 1, 'NaN'],
    [[-1, 2], 0, '-1'],
    [[1, 2, Number.POSITIVE_INFINITY], 2, 'Infinity'],
    [[Number.NEGATIVE_INFINITY], 0, '-Infinity'],
  ])('rejects %j at index %i', (weights, index, shown) => {
    expect(() => prepareWeights(weights)).toThrow(UsageError);
    expect(() => prepareWeights(weights)).toThrow(`invalid weight at index ${index}: ${shown}`);
  });

  it('names the entity when labels are given', () => {
    expect(() => prepareWeights([3, -0.5], ['F2Pool', 'Foundry'])).toThrow(
      'invalid weight at index 1 (entity "Foundry"): -0.5 (weights must be finite and ≥ 0)',
    );
  });

  it('accepts zero and −0 as inactive population members', () => {
    const s = prepareWeights([0, -0, 5]);
    expect(s.active).toBe(1);
    expect(s.total).toBe(5);
    expect(populationSize(s)).toBe(3);
    expect(Object.is(s.w[2], -0)).toBe(false);
  });
});

describe('prepareWeights: shape', () => {
  it('sorts descending with zeros last and sums the weights', () => {
    const s = prepareWeights([1, 0, 3, 2]);
    expect([...s.w]).toEqual([3, 2, 1, 0]);
    expect(s.total).toBe(6);
    expect(s.active).toBe(3);
    expect(s.integral).toBe(true);
  });

  it('marks non-integers and unsafe totals as non-integral (float path)', () => {
    expect(prepareWeights([1.5, 2]).integral).toBe(false);
    expect(prepareWeights([2 ** 53, 1]).integral).toBe(false); // 2^53 is not a safe integer
    expect(prepareWeights([2 ** 52, 2 ** 52]).integral).toBe(false); // total 2^53 is not safe
    expect(prepareWeights([2 ** 52, 2 ** 52 - 1]).integral).toBe(true); // total 2^53 − 1 is
  });

  it('treats empty and all-zero input as empty', () => {
    expect(isEmpty(prepareWeights([]))).toBe(true);
    expect(isEmpty(prepareWeights([0, 0]))).toBe(true);
    expect(isEmpty(prepareWeights([0, 1e-300]))).toBe(false);
  });

  it('does not depend on the input order, bit for bit, for floats', () => {
    // 0.1 + 0.2 + 0.3 + 0.4 summed in input order differs from other orders in the last bit.
    const a = prepareWeights([0.1, 0.2, 0.3, 0.4]);
    const b = prepareWeights([0.4, 0.3, 0.2, 0.1]);
    const c = prepareWeights([0.3, 0.1, 0.4, 0.2]);
    expect(a.total).toBe(b.total);
    expect(a.total).toBe(c.total);
  });
});

describe('prepareWeights: extreme floats (sums must not overflow or lose subnormal bits)', () => {
  const value = (id: string, w: number[]): number | null => getMetric(id).compute(prepareWeights(w));

  it('two equal weights of 1e308 (sum overflows a double) give the two-equal values', () => {
    const w = [1e308, 1e308];
    // Hand: shares ½, ½ → HHI 2·50² = 5000, H = 1 bit, Gini 0, Theil 0, NC 1 (≥ ½), strict 2.
    expect(value('hhi', w)).toBeCloseTo(5000, 9);
    expect(value('entropy', w)).toBeCloseTo(1, 12);
    expect(value('gini', w)).toBeCloseTo(0, 12);
    expect(value('theil', w)).toBeCloseTo(0, 12);
    expect(value('nakamoto-coefficient', w)).toBe(1);
    expect(value('nakamoto-coefficient-strict', w)).toBe(2);
  });

  it('subnormal weights [5e-324, 1e-323] (1 and 2 units of the least double) behave as [1, 2]', () => {
    const tiny = [5e-324, 1e-323];
    for (const id of ['hhi', 'gini', 'entropy', 'theil', 'entropy-percentage', 'max-share']) {
      expect(value(id, tiny), id).toBeCloseTo(value(id, [1, 2]) as number, 12);
    }
    // Hand: Theil of [1,2]: μ = 1.5, T = ½[(2/1.5)ln(2/1.5) + (1/1.5)ln(1/1.5)] = ½(0.383576 − 0.270310) = 0.056633
    expect(value('theil', tiny)).toBeCloseTo(0.056633, 6);
  });

  it('a weight too small to register next to 1e308 is still active but contributes nothing', () => {
    const w = [1e308, 5e-324];
    expect(value('active-entities', w)).toBe(2);
    expect(value('entropy', w)).toBe(0);
    expect(value('hhi', w)).toBe(10_000);
    expect(value('theil', w)).toBeCloseTo(Math.log(2), 12);
  });
});
