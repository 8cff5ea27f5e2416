import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartColors, entityColor, FIXED_NAMES, OTHER, OTHER_COLOR, PALETTE, preferredSlot } from './palette.js';

/** Names as charts see them: well-known ones, arbitrary strings, and `Other`. */
const nameArb = fc.oneof(fc.constantFrom(...FIXED_NAMES), fc.string({ minLength: 1, maxLength: 24 }), fc.constant(OTHER));
const chartArb = fc.uniqueArray(nameArb, { minLength: 0, maxLength: 30 });

describe('one colour per entity (report and dashboard)', () => {
  it('a name alone gets its own colour, a function of the name only; Other is always grey', () => {
    fc.assert(
      fc.property(nameArb, (n) => {
        expect(entityColor(n)).toBe(entityColor([...n].join(''))); // equal names, distinct strings
        expect(chartColors([n])).toEqual([entityColor(n)]);
        if (n === OTHER) expect(entityColor(n)).toBe(OTHER_COLOR);
        else expect(PALETTE).toContain(entityColor(n));
      }),
    );
  });

  it('within one chart, no two entities share a colour up to the palette size, and none is grey', () => {
    fc.assert(
      fc.property(chartArb, (names) => {
        const colors = chartColors(names);
        const named = names.map((n, i) => [n, colors[i]!] as const).filter(([n]) => n !== OTHER);
        for (const [, c] of named) expect(c).not.toBe(OTHER_COLOR);
        if (named.length <= PALETTE.length) expect(new Set(named.map(([, c]) => c)).size).toBe(named.length);
        names.forEach((n, i) => n === OTHER && expect(colors[i]).toBe(OTHER_COLOR));
      }),
    );
  });

  it('depends on the set of names, not their order or rank', () => {
    fc.assert(
      fc.property(chartArb, fc.integer(), (names, seed) => {
        const shuffled = [...names].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7) || (a < b ? 1 : a > b ? -1 : 0));
        const a = new Map(names.map((n, i) => [n, chartColors(names)[i]]));
        const b = new Map(shuffled.map((n, i) => [n, chartColors(shuffled)[i]]));
        expect(b).toEqual(a);
      }),
    );
  });

  it('a name keeps its own colour in every chart where no other name holds that slot', () => {
    fc.assert(
      fc.property(chartArb, nameArb, (others, n) => {
        fc.pre(n !== OTHER && !others.includes(n) && others.every((o) => o === OTHER || preferredSlot(o) !== preferredSlot(n)));
        const names = [...others, n];
        expect(chartColors(names).at(-1)).toBe(entityColor(n));
      }),
    );
  });

  it('the fixed list: the large pools keep the colours they had by rank in the report before (Foundry USA blue, AntPool gold, …); aliases share one', () => {
    expect(['Foundry USA', 'AntPool', 'F2Pool', 'ViaBTC'].map(entityColor)).toEqual(PALETTE.slice(0, 4));
    expect(entityColor('USA')).toBe(entityColor('United States of America'));
    expect(entityColor('Mainland China')).toBe(entityColor('China'));
    // A pool and a lab on the same slot in one chart: the one listed first in FIXED keeps it, the other moves.
    const [foundry, google] = chartColors(['Google', 'Foundry USA']).reverse();
    expect(foundry).toBe(PALETTE[0]);
    expect(google).toBe(PALETTE[1]);
  });
});

describe('countries as the CBECI reader names them', () => {
  it('every country of the CBECI file (canonical names, docs/countries.md) has its fixed colour', async () => {
    const { CBECI_FILE, readCbeciMap } = await import('../../sources/datasets/cbeci.js');
    const { datasetPath } = await import('../../sources/files/datasets-path.js');
    const { rows } = await readCbeciMap(datasetPath(CBECI_FILE));
    const countries = new Set(rows.map((r) => r.country).filter((c) => c !== OTHER));
    expect(countries.size).toBeGreaterThanOrEqual(8);
    for (const c of countries) expect(FIXED_NAMES, c).toContain(c);
  });
});
