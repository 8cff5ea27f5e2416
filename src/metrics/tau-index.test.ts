/**
 * @module Tests for tau-index=t (cumulative share ≥ t) and tau-index-strict=t (> t).
 * Published values: Blockchain-Technology-Lab/tokenomics-decentralization tests/test_metrics.py
 * (test_tau_33, test_tau_50, test_tau_66); its compute_tau stops once the share is ≥ t.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));

describe('tau-index: published worked examples', () => {
  it.each([
    // [3,2,1] (total 6): cumulative 3/6 = .5, 5/6 = .833, 1
    [[3, 2, 1], '0.33', 1],
    [[3, 2, 1], '0.5', 1],
    [[3, 2, 1], '0.66', 2],
    // [3,2,1,1,1,1] (total 9): cumulative .333, .556, .667, .778, …
    [[3, 2, 1, 1, 1, 1], '0.33', 1],
    [[3, 2, 1, 1, 1, 1], '0.5', 2],
    [[3, 2, 1, 1, 1, 1], '0.66', 3],
    [[1], '0.33', 1],
    [[1], '0.5', 1],
    [[1], '0.66', 1],
  ])('%j at t = %s → %i', (w, t, expected) => {
    expect(value(`tau-index=${t}`, w)).toBe(expected);
  });
});

describe('tau-index: thresholds and the ≥ / > conventions (by hand)', () => {
  it.each([
    // [1,1,1,1]: cumulative .25, .5, .75, 1 — every quarter is a tie
    ['0.25', 1, 2],
    ['0.5', 2, 3],
    ['0.75', 3, 4],
    ['0.33', 2, 2],
    ['0.66', 3, 3],
  ])('[1,1,1,1] at t = %s: ≥ gives %i, > gives %i', (t, ge, gt) => {
    expect(value(`tau-index=${t}`, [1, 1, 1, 1])).toBe(ge);
    expect(value(`tau-index-strict=${t}`, [1, 1, 1, 1])).toBe(gt);
  });

  it('t = 1 counts every active entity and no zero-weight one: [3,2,1,0,0] → 3', () => {
    expect(value('tau-index=1', [3, 2, 1, 0, 0])).toBe(3);
    expect(value('tau-index=1', [0.3, 0.2, 0.1, 0])).toBe(3);
  });

  it('ties on non-integer weights are recognised despite round-off', () => {
    // [0.5, 1/6, 1/6, 1/6]: the largest holds exactly ½ (the doubles sum to 0.9999999999999999)
    expect(value('tau-index=0.5', [0.5, 1 / 6, 1 / 6, 1 / 6])).toBe(1);
    expect(value('tau-index-strict=0.5', [0.5, 1 / 6, 1 / 6, 1 / 6])).toBe(2);
    // [0.1,0.2,0.3,0.4]: 0.4 + 0.3 = 0.7 of 1.0 exactly
    expect(value('tau-index=0.7', [0.1, 0.2, 0.3, 0.4])).toBe(2);
    expect(value('tau-index-strict=0.7', [0.1, 0.2, 0.3, 0.4])).toBe(3);
    // [0.2,0.2,0.1,0.2,0.3] (total 1): 0.3 + 0.2 + 0.2 + 0.2 = 0.9 exactly
    expect(value('tau-index=0.9', [0.2, 0.2, 0.1, 0.2, 0.3])).toBe(4);
    expect(value('tau-index-strict=0.9', [0.2, 0.2, 0.1, 0.2, 0.3])).toBe(5);
  });

  it('is null for empty and all-zero input', () => {
    expect(value('tau-index=0.66', [])).toBeNull();
    expect(value('tau-index-strict=0.5', [0, 0])).toBeNull();
  });

  it.each([
    ['tau-index=1.5', /^invalid tau-index threshold: 1\.5/],
    ['tau-index=abc', /^invalid tau-index threshold: abc/],
    ['tau-index=0', /^invalid tau-index threshold: 0/],
    ['tau-index=-0.5', /^invalid tau-index threshold: -0\.5/],
    ['tau-index=', /^invalid tau-index threshold/],
    ['tau-index-strict=1', /^invalid tau-index-strict threshold: 1/],
  ])('%s throws UsageError', (id, message) => {
    expect(() => getMetric(id)).toThrow(UsageError);
    expect(() => getMetric(id)).toThrow(message);
  });
});

describe('tau-index: properties', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 25 }).filter((w) => w.some((x) => x > 0));
  const threshold = fc.integer({ min: 1, max: 1000 }).map((k) => String(k / 1000));

  it('is monotone in t, and strict exceeds non-strict by 0 or 1', () => {
    fc.assert(
      fc.property(weights, threshold, threshold, (w, a, b) => {
        const [lo, hi] = Number(a) <= Number(b) ? [a, b] : [b, a];
        const tLo = value(`tau-index=${lo}`, w) as number;
        const tHi = value(`tau-index=${hi}`, w) as number;
        expect(tLo).toBeLessThanOrEqual(tHi);
        if (lo !== '1') expect([tLo, tLo + 1]).toContain(value(`tau-index-strict=${lo}`, w));
      }),
      { numRuns: 150 },
    );
  });

  it('is the smallest k whose concentration ratio reaches t (checked with exact integer shares)', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 100 }), (w, pct) => {
        const k = value(`tau-index=${pct / 100}`, w) as number;
        const sorted = [...w].sort((x, y) => y - x);
        const total = w.reduce((x, y) => x + y, 0);
        const top = (j: number): number => sorted.slice(0, j).reduce((x, y) => x + y, 0);
        // Integers: share ≥ pct/100  ⇔  100·top ≥ pct·total, exact in doubles at these sizes.
        expect(100 * top(k)).toBeGreaterThanOrEqual(pct * total);
        expect(100 * top(k - 1)).toBeLessThan(pct * total);
      }),
      { numRuns: 150 },
    );
  });
});
