/**
 * @module Tests for Shannon entropy (bits), entropy-nats and entropy-percentage.
 * Published values: Blockchain-Technology-Lab/consensus-decentralization tests/test_metrics.py
 * (test_entropy, test_max_entropy, test_entropy_percentage — the latter on a 0–1 scale there, 0–100
 * here) and Blockchain-Technology-Lab/tokenomics-decentralization tests/test_metrics.py
 * (test_shannon_entropy); both checked there against omnicalculator.com's Shannon entropy calculator.
 */
import fc from 'fast-check';
import { weightDouble } from '../../test/support/metric-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));
const round = (x: number | null, d: number): number => Number((x as number).toFixed(d));

describe('entropy: published worked examples', () => {
  it.each([
    // [1,2,3]: −(½log₂½ + ⅓log₂⅓ + ⅙log₂⅙) = ½ + ⅓·1.584963 + ⅙·2.584963 = 2/3 + ½·log₂3 = 1.459148
    [[1, 2, 3], 1.459],
    // [3,2,1,1,1,1] (total 9): ⅓log₂3 + (2/9)log₂4.5 + 4·(1/9)log₂9 = 0.528321 + 0.482206 + 1.408815 = 2.419342
    [[3, 2, 1, 1, 1, 1], 2.419],
    [[1], 0],
    // [1,1,1]: log₂3 = 1.584963
    [[1, 1, 1], 1.585],
  ])('entropy %j → %d (3 decimals)', (w, expected) => {
    expect(round(value('entropy', w), 3)).toBe(expected);
  });

  it('entropy [3,2,1] equals the closed form 2/3 + ½·log₂3', () => {
    expect(value('entropy', [3, 2, 1])).toBeCloseTo(2 / 3 + 0.5 * Math.log2(3), 14);
  });

  it('entropy-percentage [1,2,3] → 92.1 (published 0.921 on the 0–1 scale)', () => {
    // Hand: (2/3 + ½·log₂3)/log₂3 = 1.459148/1.584963 = 0.920620 → 92.0620%
    expect(round((value('entropy-percentage', [1, 2, 3]) as number) / 100, 3)).toBe(0.921);
    expect(value('entropy-percentage', [1, 2, 3])).toBeCloseTo(92.062, 3);
  });

  it('entropy-nats [3,2,1] = ⅔ln2 + ½ln3 = 1.011404', () => {
    // Hand: 0.462098 + 0.549306 = 1.011404
    expect(value('entropy-nats', [3, 2, 1])).toBeCloseTo(1.011404, 6);
  });
});

describe('entropy: conventions and edge cases', () => {
  it('is null for empty and all-zero input', () => {
    for (const id of ['entropy', 'entropy-nats', 'entropy-percentage']) {
      expect(value(id, []), id).toBeNull();
      expect(value(id, [0, 0]), id).toBeNull();
    }
  });

  it('entropy-percentage is null for a single entity (log₂1 = 0) but 0 for one active among two', () => {
    expect(value('entropy-percentage', [5])).toBeNull();
    expect(value('entropy', [5])).toBe(0);
    expect(value('entropy-percentage', [5, 0])).toBe(0);
  });

  it('zero-weight members do not change entropy but lower entropy-percentage: [3,2,1,0] → 72.957', () => {
    expect(value('entropy', [3, 2, 1, 0, 0])).toBe(value('entropy', [3, 2, 1]));
    // Hand: 1.459148 / log₂4 = 1.459148 / 2 = 0.729574 → 72.9574%
    expect(value('entropy-percentage', [3, 2, 1, 0])).toBeCloseTo(72.9574, 4);
  });

  it('two equal entities give exactly 1 bit and 100%', () => {
    expect(value('entropy', [50, 50])).toBe(1);
    expect(value('entropy-percentage', [50, 50])).toBe(100);
  });
});

describe('entropy: properties', () => {
  const weights = fc.array(weightDouble(1e6), { minLength: 1, maxLength: 30 });

  it('n equal weights give log₂n bits, ln n nats and 100%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 80 }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (n, c) => {
        const w = Array<number>(n).fill(c);
        expect(value('entropy', w)).toBeCloseTo(Math.log2(n), 12);
        expect(value('entropy-nats', w)).toBeCloseTo(Math.log(n), 12);
        expect(value('entropy-percentage', w)).toBeCloseTo(100, 10);
      }),
      { numRuns: 80 },
    );
  });

  it('0 ≤ H ≤ log₂(active), nats = bits·ln2, percentage in [0,100] and never rises with zero members', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 5 }), (w, zeros) => {
        const s = prepareWeights(w);
        fc.pre(s.total > 0);
        const h = value('entropy', w) as number;
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(Math.log2(s.active) + 1e-12);
        expect(value('entropy-nats', w)).toBeCloseTo(h * Math.LN2, 12);
        const padded = [...w, ...Array<number>(zeros).fill(0)];
        expect(value('entropy', padded)).toBe(h);
        const pct = value('entropy-percentage', padded) as number;
        expect(pct).toBeGreaterThanOrEqual(0);
        expect(pct).toBeLessThanOrEqual(100);
        if (w.length > 1) expect(pct).toBeLessThanOrEqual((value('entropy-percentage', w) as number) + 1e-9);
      }),
      { numRuns: 150 },
    );
  });
});
