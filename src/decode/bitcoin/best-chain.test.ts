import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NULL_HASH, selectBestChain, type ChainHeader } from './best-chain.js';
import { workFromBits } from './header.js';

// Work per block (header.test.ts checks these against Core): 0x207fffff → 2, 0x1f7fffff → 512.
const EASY = 0x207fffff;
const HARD = 0x1f7fffff;
const id = (name: string) => name.padEnd(64, '_');
const h = (name: string, parent: string | null, bits = EASY): ChainHeader => ({ hash: id(name), prevHash: parent === null ? NULL_HASH : id(parent), bits });
const names = (xs: readonly { entry: ChainHeader }[]) => xs.map((x) => x.entry.hash.replace(/_+$/, ''));

describe('selectBestChain', () => {
  it('orders blocks stored out of order by prev-hash from genesis', () => {
    const c = selectBestChain([h('a3', 'a2'), h('a1', 'g'), h('g', null), h('a2', 'a1')]);
    expect(names(c.best)).toEqual(['g', 'a1', 'a2', 'a3']);
    expect(c.best.map((b) => b.height)).toEqual([0, 1, 2, 3]);
    expect(c.best.map((b) => b.chainWork)).toEqual([2n, 4n, 6n, 8n]);
    expect(c.stale).toEqual([]);
  });

  it('follows most work, not most blocks, and reports the other branch as stale', () => {
    expect(workFromBits(HARD)).toBe(512n);
    const c = selectBestChain([h('g', null), h('a1', 'g'), h('a2', 'a1'), h('a3', 'a2'), h('a4', 'a3'), h('b2', 'a1', HARD)]);
    expect(names(c.best)).toEqual(['g', 'a1', 'b2']);
    expect(c.best.at(-1)!.chainWork).toBe(2n + 2n + 512n);
    expect(names(c.stale)).toEqual(['a2', 'a3', 'a4']);
    expect(c.stale.map((s) => s.height)).toEqual([2, 3, 4]);
  });

  it('breaks a tie in work by input order (first stored wins)', () => {
    const c = selectBestChain([h('g', null), h('x1', 'g'), h('y1', 'g')]);
    expect(names(c.best)).toEqual(['g', 'x1']);
    expect(names(c.stale)).toEqual(['y1']);
    const d = selectBestChain([h('g', null), h('y1', 'g'), h('x1', 'g')]);
    expect(names(d.best)).toEqual(['g', 'y1']);
  });

  it('reports unconnected blocks and duplicates', () => {
    const c = selectBestChain([h('g', null), h('o2', 'o1'), h('a1', 'g'), h('a1', 'g')]);
    expect(names(c.best)).toEqual(['g', 'a1']);
    expect(c.unconnected.map((e) => e.hash)).toEqual([id('o2')]);
    expect(c.duplicates.map((e) => e.hash)).toEqual([id('a1')]);
  });

  it('starts from a block of known height, present or not', () => {
    const entries = [h('p', 'older'), h('q', 'p'), h('r', 'q')];
    expect(selectBestChain(entries).best).toEqual([]);
    const present = selectBestChain(entries, { hash: id('p'), height: 700_000 });
    expect(names(present.best)).toEqual(['p', 'q', 'r']);
    expect(present.best.map((b) => b.height)).toEqual([700_000, 700_001, 700_002]);
    const absent = selectBestChain(entries.slice(1), { hash: id('p'), height: 700_000 });
    expect(absent.best.map((b) => b.height)).toEqual([700_001, 700_002]);
  });

  it('on random block trees: a linked best chain with the most work, everything accounted for once', () => {
    const tree = fc.array(fc.record({ parent: fc.nat(), hard: fc.boolean() }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(tree, fc.infiniteStream(fc.nat()), (spec, shuffleSeeds) => {
        // Block i's parent is some earlier block (or genesis for i = 0); then stored in shuffled order.
        const blocks = spec.map((s, i) => h(`b${i}`, i === 0 ? null : `b${s.parent % i}`, s.hard ? HARD : EASY));
        const stored = blocks.map((b) => ({ b, k: shuffleSeeds.next().value as number })).sort((x, y) => x.k - y.k).map((x) => x.b);
        const c = selectBestChain(stored);
        const work = new Map<string, bigint>();
        for (const b of blocks) work.set(b.hash, (work.get(b.prevHash) ?? 0n) + workFromBits(b.bits));
        const maxWork = [...work.values()].reduce((a, b) => (a > b ? a : b));
        expect(c.best[0]!.entry.hash).toBe(id('b0'));
        expect(c.best.at(-1)!.chainWork).toBe(maxWork);
        c.best.forEach((b, i) => {
          expect(b.height).toBe(i);
          if (i > 0) expect(b.entry.prevHash).toBe(c.best[i - 1]!.entry.hash);
          expect(b.chainWork).toBe(work.get(b.entry.hash));
        });
        expect(c.best.length + c.stale.length).toBe(blocks.length);
        expect(new Set([...c.best, ...c.stale].map((x) => x.entry.hash)).size).toBe(blocks.length);
        expect(c.unconnected).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
