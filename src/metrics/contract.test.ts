/**
 * @module The metric contract, checked for every registered id (knownMetricIds + a few more
 * parameterisations): null on empty and all-zero input, order independence (bit for bit),
 * results within the declared range, integer results for counting metrics, scale invariance,
 * zero-weight members, and agreement of the exact integer path with the float path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric, knownMetricIds } from './registry.js';

const ids = [...knownMetricIds(), 'tau-index=0.33', 'tau-index=1', 'tau-index-strict=0.66', 'concentration-ratio=1', 'concentration-ratio=3'];
const metrics = ids.map(getMetric);
/** Metrics whose value is a count of entities. */
const counting = new Set(metrics.filter((m) => m.range[0] === 1).map((m) => m.id));
/** Metrics that count zero-weight population members (the others ignore them). */
const populationAware = new Set(['gini', 'theil', 'entropy-percentage', 'total-entities']);

const intWeights = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 25 }).filter((w) => w.some((x) => x > 0));
/** Decimal weights such as 0.1, 0.3: their float sums depend on the order of addition. */
const decimalWeights = fc.array(fc.integer({ min: 0, max: 100 }).map((k) => k / 10), { minLength: 2, maxLength: 20 });
const anyWeights = fc.array(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 });
const permuted = <T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> =>
  arb.chain((w) => fc.tuple(fc.constant(w), fc.shuffledSubarray(w, { minLength: w.length, maxLength: w.length })));

/** Relative closeness for values that may be large (hhi) or near 0. */
function expectClose(actual: number | null, expected: number | null, rel: number, what: string): void {
  if (expected === null) return void expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), what).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe.each(metrics.map((m) => [m.id, m] as const))('contract: %s', (_id, metric) => {
  it('is null on empty and all-zero input', () => {
    expect(metric.compute(prepareWeights([]))).toBeNull();
    expect(metric.compute(prepareWeights([0]))).toBeNull();
    expect(metric.compute(prepareWeights([0, 0, 0]))).toBeNull();
  });

  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(permuted(fc.oneof(intWeights, decimalWeights, anyWeights)), ([a, b]) => {
        expect(Object.is(metric.compute(prepareWeights(a)), metric.compute(prepareWeights(b)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('stays within its declared range on any finite non-negative doubles', () => {
    const [lo, hi] = metric.range;
    fc.assert(
      fc.property(anyWeights, (w) => {
        const s = prepareWeights(w);
        const v = metric.compute(s);
        if (s.total === 0) return void expect(v).toBeNull();
        if (v === null) return void expect(metric.id === 'entropy-percentage' && w.length === 1).toBe(true);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(lo);
        if (hi !== null) expect(v).toBeLessThanOrEqual(hi);
        if (counting.has(metric.id)) {
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeLessThanOrEqual(w.length);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('is unchanged when every weight is multiplied by a positive integer', () => {
    fc.assert(
      fc.property(intWeights, fc.integer({ min: 2, max: 1_000_000 }), (w, c) => {
        const a = metric.compute(prepareWeights(w));
        const b = metric.compute(prepareWeights(w.map((x) => x * c)));
        if (counting.has(metric.id)) expect(b).toBe(a);
        else expectClose(b, a, 1e-12, metric.id);
      }),
      { numRuns: 60 },
    );
  });

  it(populationAware.has(metric.id) ? 'counts added zero-weight members' : 'ignores added zero-weight members', () => {
    fc.assert(
      fc.property(intWeights, fc.integer({ min: 1, max: 5 }), (w, zeros) => {
        const a = metric.compute(prepareWeights(w));
        const b = metric.compute(prepareWeights([...w, ...Array<number>(zeros).fill(0)]));
        if (!populationAware.has(metric.id)) return void expect(b).toBe(a);
        if (metric.id === 'total-entities') return void expect(b).toBe((a as number) + zeros);
        if (metric.id === 'entropy-percentage') {
          if (a !== null) expect(b as number).toBeLessThanOrEqual(a + 1e-9);
          return;
        }
        expect(b as number).toBeGreaterThan(a as number); // gini, theil: strictly more unequal
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same result on integer counts (exact path) and on their float shares', () => {
    fc.assert(
      fc.property(intWeights, (w) => {
        const total = w.reduce((x, y) => x + y, 0);
        const shares = w.map((x) => x / total);
        const floats = prepareWeights(shares);
        fc.pre(!floats.integral);
        const exact = metric.compute(prepareWeights(w));
        const approx = metric.compute(floats);
        if (counting.has(metric.id)) expect(approx).toBe(exact);
        else expectClose(approx, exact, 1e-9, metric.id);
      }),
      { numRuns: 100 },
    );
  });
});
