import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getMetric } from '../metrics/registry.js';
import { prepareWeights } from '../metrics/metric.js';
import { partialListMetrics } from './partial-list.js';

describe('partialListMetrics', () => {
  it('matches hand computation on Hashrate Index Q3 2025 (7 countries, 79.6% listed)', () => {
    const m = partialListMetrics([0.3581, 0.1661, 0.1384, 0.0387, 0.0354, 0.0299, 0.02935]);
    // Σ s² = .12823561 + .02758921 + .01915456 + .00149769 + .00125316 + .00089401 + .00086142 = .17948566
    expect(m.hhi.lo).toBeCloseTo(1794.8566, 3);
    // R = .20405; q = ⌊.20405/.02935⌋ = 6; r = .20405 − .1761 = .02795; + 6·.00086142 + .00078120 = .0059497
    expect(m.hhi.hi).toBeCloseTo(1794.8566 + 10_000 * (6 * 0.02935 ** 2 + 0.02795 ** 2), 3);
    expect(m.top1).toBe(0.3581);
    expect(m.nakamotoCoefficient).toEqual({ lo: 2, hi: 2 });
    expect(m.top5.lo).toBeCloseTo(0.7367, 12);
    expect(m.top5.hi).toBeCloseTo(0.7367, 12);
  });
  it('bounds the Nakamoto coefficient from below when the list stays under 50%', () => {
    const m = partialListMetrics([0.2, 0.1, 0.05]);
    // 0.35 listed; at least ⌈0.15/0.05⌉ = 3 more pieces of ≤ 5%.
    expect(m.nakamotoCoefficient).toEqual({ lo: 6, hi: null });
    expect(m.top5).toEqual({ lo: 0.35000000000000003, hi: 0.45000000000000007 });
  });
  it('brackets the HHI of every completion whose unlisted pieces are no larger than the smallest listed share', () => {
    const hhi = getMetric('hhi');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (listedRaw, cuts) => {
        const total = listedRaw.reduce((a, b) => a + b, 0) * 1.5;
        const listed = listedRaw.map((x) => x / total);
        const min = Math.min(...listed);
        const rem = 1 - listed.reduce((a, b) => a + b, 0);
        // A completion: split the remainder by `cuts`, capping pieces at min (spilling the rest into more pieces).
        const w = cuts.reduce((a, b) => a + b, 0);
        const pieces: number[] = [];
        for (const c of cuts) {
          let x = (rem * c) / w;
          while (x > min) {
            pieces.push(min);
            x -= min;
          }
          if (x > 0) pieces.push(x);
        }
        const full = hhi.compute(prepareWeights(Float64Array.from([...listed, ...pieces])))!;
        const b = partialListMetrics(listed).hhi;
        expect(full).toBeGreaterThanOrEqual(b.lo! - 1e-6);
        expect(full).toBeLessThanOrEqual(b.hi! + 1e-6);
      }),
    );
  });
});
