import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeBlockLabels, timeOrder } from './series-source.js';

describe('timeOrder', () => {
  it('equals a full sort by (time, height) on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 200 }), (rows) => {
        const t = Float64Array.from(rows, (r) => r[0]);
        const h = Int32Array.from(rows, (r) => r[1]);
        const expected = rows.map((_, i) => i).sort((a, b) => t[a]! - t[b]! || h[a]! - h[b]!);
        const got = [...timeOrder(t, h)];
        expect(got.map((i) => [t[i], h[i]])).toEqual(expected.map((i) => [t[i], h[i]]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('mergeBlockLabels', () => {
  it('earlier sets win where heights overlap; labels are re-interned', () => {
    const a = { heights: Int32Array.from([1, 2, 4]), timeSec: Float64Array.from([10, 20, 40]), label: Int32Array.from([0, 1, 0]), labels: ['x', 'y'] };
    const b = { heights: Int32Array.from([2, 3, 5]), timeSec: Float64Array.from([20, 30, 50]), label: Int32Array.from([0, 0, 1]), labels: ['z', 'w'] };
    const m = mergeBlockLabels([a, b]);
    expect([...m.heights]).toEqual([1, 2, 3, 4, 5]);
    expect([...m.label].map((k) => m.labels[k])).toEqual(['x', 'y', 'z', 'x', 'w']);
    expect([...m.timeSec]).toEqual([10, 20, 30, 40, 50]);
  });
});
