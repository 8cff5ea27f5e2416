/**
 * @module Tests for smallest coalitions: hand examples, strictness at exactly the threshold, ties,
 * interval bounds, a brute-force search over all subsets, and agreement with the project's
 * independent strict τ-index (metrics/tau-index.ts) on integer weights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { parseFraction } from '../../metrics/exact.js';
import { prepareWeights } from '../../metrics/metric.js';
import { tauIndex } from '../../metrics/tau-index.js';
import { smallestCoalitions } from './coalitions.js';

describe('smallestCoalitions', () => {
  const labels = ['Foundry', 'AntPool', 'ViaBTC', 'F2Pool', 'MARA', 'other'];
  const weights = [30, 20, 14, 11, 10, 15];

  it('takes the largest entities until the share strictly exceeds each threshold', () => {
    const [c25, c33, c50, c51] = smallestCoalitions({ labels, weights });
    expect(c25).toMatchObject({ threshold: 0.25, size: 1, members: ['Foundry'], combinedShare: 0.3, unique: true });
    expect(c33).toMatchObject({ size: 2, members: ['Foundry', 'AntPool'], combinedShare: 0.5 });
    // 50% is reached by Foundry + AntPool but not exceeded: a third entity is needed.
    expect(c50).toMatchObject({ size: 3, members: ['Foundry', 'AntPool', 'other'], combinedShare: 0.65 });
    expect(c51!.size).toBe(3);
  });

  it('is strict at exactly ⅓ (three equal entities: one third is not more than ⅓)', () => {
    const [c] = smallestCoalitions({ labels: ['a', 'b', 'c'], weights: [1, 1, 1], thresholds: [1 / 3] });
    expect(c!.size).toBe(2);
    expect(c!.unique).toBe(false); // {a, b}, {a, c} and {b, c} all work
    expect(c!.members).toEqual(['a', 'b']); // ties broken by label
  });

  it('returns null size for an empty or all-zero distribution', () => {
    expect(smallestCoalitions({ labels: [], weights: [] })[0]).toMatchObject({ size: null, members: [], combinedShare: 0 });
    expect(smallestCoalitions({ labels: ['x'], weights: [0] })[2]!.size).toBeNull();
  });

  it('bounds the size from share intervals', () => {
    const [c] = smallestCoalitions({
      labels: ['a', 'b', 'c', 'd'],
      weights: [40, 30, 20, 10],
      thresholds: [0.5],
      shareIntervals: { lower: [0.3, 0.25, 0.15, 0.05], upper: [0.55, 0.35, 0.25, 0.15] },
    });
    // Upper bounds: a alone may already exceed 50% → min 1. Lower bounds: 0.3 + 0.25 = 0.55 > 0.5 → max 2.
    expect(c!.sizeBounds).toEqual({ min: 1, max: 2 });
    expect(c!.size).toBe(2);
  });

  it('is minimal: no smaller subset of any entities exceeds the threshold (brute force, n ≤ 8)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(0.25, 1 / 3, 0.5, 0.51), (ws, t) => {
        const total = ws.reduce((a, b) => a + b, 0);
        let best: number | null = null;
        for (let mask = 1; mask < 1 << ws.length; mask++) {
          let sum = 0;
          let count = 0;
          ws.forEach((w, i) => {
            if (mask & (1 << i)) {
              sum += w;
              count++;
            }
          });
          if (total > 0 && sum / total > t + 1e-12 && (best === null || count < best)) best = count;
        }
        const [c] = smallestCoalitions({ labels: ws.map((_, i) => `e${i}`), weights: ws, thresholds: [t] });
        expect(c!.size).toBe(best);
      }),
    );
  });

  it('agrees with the strict τ-index on integer weights (t = 0.25, 0.5, 0.51)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }), (ws) => {
        const cs = smallestCoalitions({ labels: ws.map((_, i) => `e${i}`), weights: ws, thresholds: [0.25, 0.5, 0.51] });
        ['0.25', '0.5', '0.51'].forEach((t, j) => {
          expect(cs[j]!.size).toBe(tauIndex(prepareWeights(ws), parseFraction(t, 't'), true));
        });
      }),
    );
  });

  it('rejects bad input with a UsageError naming it', () => {
    expect(() => smallestCoalitions({ labels: ['a'], weights: [1, 2] })).toThrow('invalid distribution: 1 labels but 2 weights');
    expect(() => smallestCoalitions({ labels: ['a', 'b'], weights: [1, -2] })).toThrow('invalid weight at index 1 (entity "b"): -2');
    expect(() => smallestCoalitions({ labels: ['a'], weights: [1], thresholds: [1] })).toThrow('invalid coalition threshold: 1');
    expect(() => smallestCoalitions({ labels: ['a'], weights: [1], shareIntervals: { lower: [0.6], upper: [0.5] } })).toThrow(UsageError);
    expect(() => smallestCoalitions({ labels: ['a'], weights: [1], shareIntervals: { lower: [], upper: [] } })).toThrow('invalid share intervals');
  });
});
