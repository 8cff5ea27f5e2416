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

describe('one pool across label versions (issue 14)', () => {
  it('OCEAN is one entity in the embedded default, with all its blocks (ocean + oceanxyz in the file)', async () => {
    const { loadEmbeddedDefault } = await import('./load-bitcoin.js');
    const { readFileSync } = await import('node:fs');
    const { gunzipSync } = await import('node:zlib');
    const { join } = await import('node:path');
    const { PROJECT_ROOT } = await import('../sources/files/datasets-path.js');
    const text = gunzipSync(readFileSync(join(PROJECT_ROOT, 'data/default/bitcoin-pools-daily.csv.gz'))).toString('utf8');
    let raw = 0;
    for (const line of text.split('\n')) {
      const [, slug, n] = line.split(',');
      if (slug === 'ocean' || slug === 'oceanxyz') raw += Number(n);
    }
    const s = await loadEmbeddedDefault();
    expect(s.series.entities).toContain('ocean');
    expect(s.series.entities).not.toContain('oceanxyz');
    const k = s.series.entities.indexOf('ocean');
    let blocks = 0;
    for (let i = 0; i < s.series.entity.length; i++) if (s.series.entity[i] === k) blocks += s.series.weight[i]!;
    expect(blocks).toBe(raw);
    expect(raw).toBeGreaterThan(442);
  });
  it('merged label sets map oceanxyz to ocean', () => {
    const m = mergeBlockLabels([
      { heights: Int32Array.from([1, 2]), timeSec: Float64Array.from([10, 20]), label: Int32Array.from([0, 1]), labels: ['oceanxyz', 'foundryusa'] },
      { heights: Int32Array.from([3]), timeSec: Float64Array.from([30]), label: Int32Array.from([0]), labels: ['ocean'] },
    ]);
    expect(m.labels.filter((l) => l.startsWith('ocean'))).toEqual(['ocean']);
  });
});
