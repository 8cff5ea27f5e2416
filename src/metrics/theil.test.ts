/**
 * @module Tests for the Theil T index (natural log, population zeros included).
 * Published values: Blockchain-Technology-Lab/tokenomics-decentralization tests/test_metrics.py
 * (test_compute_theil_index; checked there against poorcity.richcity.org's calculator). That project
 * returns 0 for an empty input; this engine returns null (issue #2: never 0 for no data).
 */
import fc from 'fast-check';
import { weightDouble } from '../../test/support/metric-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));

describe('theil: published worked examples', () => {
  it.each([
    // [3,2,1]: μ = 2, T = ⅓[1.5·ln1.5 + 1·ln1 + 0.5·ln0.5] = ⅓(0.608198 + 0 − 0.346574) = 0.087208
    [[3, 2, 1], 0.087],
    // [3,2,1,1,1,1]: ln6 − H_nats = 1.791759 − 2.419342·ln2 (1.676946) = 0.114814
    [[3, 2, 1, 1, 1, 1], 0.115],
    // one holder among four (population zeros count): ¼·4·ln4 = ln4 = 1.386294
    [[432, 0, 0, 0], 1.386],
    [[432], 0],
  ])('%j → %d (3 decimals)', (w, expected) => {
    expect(Number((value('theil', w) as number).toFixed(3))).toBe(expected);
  });

  it('[3,2,1] to six decimals: 0.087208', () => {
    expect(value('theil', [3, 2, 1])).toBeCloseTo(0.087208, 6);
  });

  it('is null for empty and all-zero input', () => {
    expect(value('theil', [])).toBeNull();
    expect(value('theil', [0, 0, 0])).toBeNull();
  });
});

describe('theil: properties', () => {
  const weights = fc.array(weightDouble(1e6), { minLength: 1, maxLength: 30 });

  it('equals ln(n) − entropy-nats, n counting zero-weight members, and lies in [0, ln n]', () => {
    fc.assert(
      fc.property(weights, fc.nat({ max: 5 }), (w0, zeros) => {
        const w = [...w0, ...Array<number>(zeros).fill(0)];
        fc.pre(w.some((x) => x > 0));
        const t = value('theil', w) as number;
        expect(t).toBeCloseTo(Math.log(w.length) - (value('entropy-nats', w) as number), 10);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(Math.log(w.length) + 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('is 0 for n equal weights and never falls when zero members are added', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 5 }), (n, c, zeros) => {
        const w = Array<number>(n).fill(c);
        expect(value('theil', w)).toBeCloseTo(0, 12);
        // Hand: n equal plus z zeros: T = ln((n+z)/n) > 0
        expect(value('theil', [...w, ...Array<number>(zeros).fill(0)])).toBeCloseTo(Math.log((n + zeros) / n), 12);
      }),
      { numRuns: 60 },
    );
  });
});
