import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyHistory, memberSince, membershipEvents, templateFamilies, templateLabelAt, type FingerprintedBlocks } from './template-families.js';

/** Blocks from (pool, layout) pairs, one per second. */
function blocksOf(rows: readonly (readonly [string, string])[], t0 = 0): FingerprintedBlocks {
  const pools: string[] = [];
  const layouts: string[] = [];
  const id = (list: string[], x: string) => {
    const i = list.indexOf(x);
    if (i >= 0) return i;
    list.push(x);
    return list.length - 1;
  };
  const pool = Int32Array.from(rows, ([p]) => id(pools, p));
  const layout = Int32Array.from(rows, ([, l]) => id(layouts, l));
  return { heights: Int32Array.from(rows, (_, i) => 1000 + i), timeSec: Float64Array.from(rows, (_, i) => t0 + i), pool, pools, layout, layouts };
}

function repeat(pool: string, counts: Record<string, number>): [string, string][] {
  return Object.entries(counts).flatMap(([l, n]) => Array.from({ length: n }, () => [pool, l] as [string, string]));
}

describe('templateFamilies', () => {
  it('links two pools sharing a layout nobody else uses, with overlap, chance and kappa as computed by hand', () => {
    const rows = [
      ...repeat('A', { x: 30, y: 10 }), // pA = x .75, y .25
      ...repeat('B', { x: 20, z: 20 }), // pB = x .5, z .5
      ...repeat('C', { z: 40 }),
      ...repeat('D', { w: 40 }),
    ];
    const all = templateFamilies(blocksOf(rows), 0, rows.length, { minBlocks: 20, minOverlap: 0, minKappa: -1 });
    const ab = all.families[0]!.links.find((l) => l.a === 'A' && l.b === 'B')!;
    expect(ab.overlap).toBeCloseTo(0.5, 12); // min(.75,.5) + 0
    // Typical other pool for A–B = mean of C and D = {z .5, w .5}; overlap(A, typical) = 0, overlap(B, typical) = .5.
    expect(ab.chance).toBeCloseTo(0.5, 12);
    expect(ab.kappa).toBeCloseTo(0, 12);
    // With kappa 0 the pair is not a link, so no family at the default thresholds:
    expect(templateFamilies(blocksOf(rows), 0, rows.length).families).toHaveLength(0);
  });

  it('keeps a pair together when the shared layout is rare elsewhere, and records first and last block', () => {
    const rows = [...repeat('A', { x: 30 }), ...repeat('B', { x: 25, q: 5 }), ...repeat('C', { y: 30 }), ...repeat('D', { z: 30 })];
    const w = templateFamilies(blocksOf(rows), 0, rows.length);
    expect(w.families.map((f) => f.members.map((m) => m.pool))).toEqual([['A', 'B']]);
    const l = w.families[0]!.links[0]!;
    expect(l.overlap).toBeCloseTo(25 / 30, 12);
    expect(l.chance).toBe(0);
    expect(l.first.height).toBe(1000);
    expect(l.last.height).toBe(1000 + 30 + 25 - 1);
    expect(w.alone.map((a) => a.pool)).toEqual(['C', 'D']);
  });

  it('ignores pools below minBlocks and the excluded label, and counts only the window', () => {
    const rows = [...repeat('A', { x: 30 }), ...repeat('unknown', { x: 30 }), ...repeat('B', { x: 5 })];
    const w = templateFamilies(blocksOf(rows), 0, rows.length);
    expect(w.families).toHaveLength(0);
    expect(w.judged).toEqual(['A']);
    expect(templateFamilies(blocksOf(rows), 0, 10).blocks).toBe(10);
  });

  it('properties: symmetric links, kappa ≤ overlap, families independent of pool naming order', () => {
    const layoutArb = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('P', 'Q', 'R', 'S', 'T'), layoutArb), { minLength: 1, maxLength: 300 }), (rows) => {
        const w = templateFamilies(blocksOf(rows), 0, rows.length, { minBlocks: 5 });
        for (const f of w.families) {
          for (const l of f.links) {
            expect(l.kappa).toBeLessThanOrEqual(l.overlap + 1e-12);
            expect(l.overlap).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
        // Renaming pools (reversing first appearance order) gives the same partition.
        const renamed = rows.map(([p, l]) => [`z${p}`, l] as [string, string]);
        const reversed = [...renamed].reverse();
        const part = (ws: ReturnType<typeof templateFamilies>) => ws.families.map((f) => f.members.map((m) => m.pool).sort().join(',')).sort();
        const a = part(templateFamilies(blocksOf(renamed), 0, rows.length, { minBlocks: 5 }));
        const b = part(templateFamilies(blocksOf(reversed), 0, rows.length, { minBlocks: 5 }));
        expect(b).toEqual(a);
        expect(a).toEqual(part(w).map((s) => s.split(',').map((p) => `z${p}`).join(',')));
      }),
    );
  });
});

describe('history, membership and labels', () => {
  // Step 0 (t 0–119): A+B share x. Step 1 (120–249): B moves to y, shared with C (which leads).
  // Step 2 (250–): B has too few blocks to judge; C and E share y.
  const rows = [
    ...repeat('A', { x: 30 }),
    ...repeat('B', { x: 30 }),
    ...repeat('C', { y: 30 }),
    ...repeat('D', { z: 30 }),
    ...repeat('A', { x: 30 }),
    ...repeat('B', { y: 30 }),
    ...repeat('C', { y: 40 }),
    ...repeat('D', { z: 30 }),
    ...repeat('A', { x: 30 }),
    ...repeat('B', { y: 3 }),
    ...repeat('C', { y: 40 }),
    ...repeat('E', { y: 30 }),
    ...repeat('D', { z: 30 }),
  ];
  const b = blocksOf(rows);
  const starts = [0, 120, 250];
  const { assignment } = familyHistory(b, starts, rows.length, 130);

  it('reports joins and leaves, and keeps an unjudged member where it was', () => {
    expect(assignment.familyOf.map((m) => Object.fromEntries(m))).toEqual([{ A: 'A', B: 'A' }, { C: 'C', B: 'C' }, { C: 'C', E: 'C', B: 'C' }]);
    const ev = membershipEvents(assignment).map((e) => `${e.atSec} ${e.pool} ${e.kind} ${e.family}`);
    expect(ev).toEqual(['0 A joined A', '0 B joined A', '120 A left A', '120 B left A', '120 C joined C', '120 B joined C', '250 E joined C']);
  });

  it('labels blocks by the family at their time; pools alone are families of one', () => {
    expect(templateLabelAt(assignment, 'B', 5)).toBe('A family');
    expect(templateLabelAt(assignment, 'B', 130)).toBe('C family');
    expect(templateLabelAt(assignment, 'D', 130)).toBe('D family');
    expect(templateLabelAt(assignment, 'B', 1e9)).toBe('B family');
    // B: with C since step 1; step 2 (unjudged) neither breaks nor extends.
    expect(memberSince(assignment, 'B', 'C', 300)).toBe(120);
    expect(memberSince(assignment, 'E', 'C', 300)).toBe(250);
    expect(memberSince(assignment, 'B', 'A', 130)).toBeNull();
  });
});
