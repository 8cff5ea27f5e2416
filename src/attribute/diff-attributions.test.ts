import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { diffAttributions } from './diff-attributions.js';
import { poolSlug } from './names.js';
import type { Attribution } from './types.js';

const att = (pool: string, entity = pool): Attribution => ({
  height: null,
  pool: { id: null, name: pool, slug: poolSlug(pool) },
  entity: { name: entity, slug: poolSlug(entity), level: 'entity' },
  method: pool === 'Unknown' ? 'unknown' : 'tag',
  entityMethod: pool === entity ? 'tag' : 'ownership-link',
  matchedRule: null,
  ruleSet: { kind: 'mempool', version: 'x' },
  ownershipVersion: null,
  matches: [],
});

describe('diffAttributions', () => {
  it('counts differing blocks by (A, B) pair, most first; spelling variants and Unknown/Unknown are not differences', () => {
    const a = ['BTC.com', 'Huobi.pool', 'GHash.IO', 'GHash.IO', 'Unknown', 'AntPool', 'F2Pool'].map((p) => att(p));
    const b = ['BTC.COM', 'Huobi Pool', '1CjPR7', '1CjPR7', 'Unknown', 'Bitmain', 'Poolin'].map((p) => att(p));
    const d = diffAttributions(a, b);
    expect(d).toEqual({
      total: 7,
      differing: 4,
      pairs: [
        { a: 'GHash.IO', b: '1CjPR7', blocks: 2 },
        { a: 'AntPool', b: 'Bitmain', blocks: 1 },
        { a: 'F2Pool', b: 'Poolin', blocks: 1 },
      ],
      rows: [2, 3, 5, 6],
    });
  });

  it('entity level compares owners', () => {
    const d = diffAttributions([att('AntPool', 'Bitmain')], [att('Antpool', 'AntPool')], 'entity');
    expect(d.pairs).toEqual([{ a: 'Bitmain', b: 'AntPool', blocks: 1 }]);
    expect(diffAttributions([att('AntPool', 'Bitmain')], [att('Antpool', 'AntPool')], 'pool').differing).toBe(0);
  });

  it('rejects rows of different blocks', () => {
    expect(() => diffAttributions([att('A')], [])).toThrow(UsageError);
  });

  it('property: pair counts sum to the differing rows; a diff with itself is empty; swapping sides swaps pairs', () => {
    const name = fc.constantFrom('A', 'a', 'B', 'B Pool', 'C', 'Unknown');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name), { maxLength: 30 }), (pairs) => {
        const a = pairs.map(([x]) => att(x));
        const b = pairs.map(([, y]) => att(y));
        const d = diffAttributions(a, b);
        expect(d.pairs.reduce((s, p) => s + p.blocks, 0)).toBe(d.differing);
        expect(diffAttributions(a, a).differing).toBe(0);
        const back = diffAttributions(b, a);
        expect(back.rows).toEqual(d.rows);
        expect(new Set(back.pairs.map((p) => `${p.b}|${p.a}|${p.blocks}`))).toEqual(new Set(d.pairs.map((p) => `${p.a}|${p.b}|${p.blocks}`)));
      }),
    );
  });
});
