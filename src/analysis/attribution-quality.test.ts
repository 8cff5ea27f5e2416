import { describe, expect, it } from 'vitest';
import { attributionQuality, nameKey } from './attribution-quality.js';

const renames = new Map([['slushpool', 'braiinspool']]);

describe('nameKey', () => {
  it('treats spelling, domains, a trailing "pool" and renames as one name, and nothing else', () => {
    expect(nameKey('Foundry USA Pool', renames)).toBe(nameKey('foundryusa', renames));
    expect(nameKey('Lubian.com', renames)).toBe(nameKey('Lubian', renames));
    expect(nameKey('SlushPool', renames)).toBe(nameKey('Braiins Pool', renames));
    expect(nameKey('bytepool.com', renames)).toBe(nameKey('bytepool', renames));
    expect(nameKey('Huobi.pool', renames)).toBe(nameKey('huobipool', renames));
    expect(nameKey('BTC.com', renames)).not.toBe(nameKey('Bitdeer', renames));
    expect(nameKey('EMCD', renames)).not.toBe(nameKey('Huobi', renames));
    expect(nameKey('F2Pool', renames)).toBe(nameKey('f2pool', renames));
  });
});

describe('attributionQuality', () => {
  // Six blocks, two windows [0,3) and [3,6).
  const input = {
    timeSec: Float64Array.from([0, 1, 2, 3, 4, 5]),
    reference: ['antpool', 'foundryusa', null, 'f2pool', 'btccom', 'slushpool'],
    tagOnly: new Map<string, (string | null)[]>([
      ['mempool', ['AntPool', null, null, 'F2Pool', 'BTC.com', 'Braiins Pool']],
      ['bitcoin-data', ['AntPool', null, null, 'F2Pool', 'Bitdeer', null]],
    ]),
    blockchair: ['AntPool', 'Foundry USA Pool', null, null, 'Bitdeer', 'SlushPool'],
  };
  const windows = [
    { axis: 'time' as const, start: 0, end: 3, complete: true },
    { axis: 'time' as const, start: 3, end: 6, complete: true },
  ];
  const r = attributionQuality(input, windows, renames, 'mempool');

  it('counts by hand', () => {
    const [a, b] = r.rows;
    expect(a).toMatchObject({ blocks: 3, unknown: 1, byTag: 1, byAddressOnly: 1, tagLabelConflicts: 0, blockchairUnknown: 1 });
    expect(b).toMatchObject({ blocks: 3, unknown: 0, byTag: 3, byAddressOnly: 0, tagLabelConflicts: 0, blockchairUnknown: 1 });
    // bitcoin-data vs mempool tags: both name 1 block in window 1 (agree); 2 in window 2, of which BTC.com/Bitdeer disagree.
    expect(a!.disagreements.get('bitcoin-data')).toEqual([1, 0]);
    expect(b!.disagreements.get('bitcoin-data')).toEqual([2, 1]);
    // Blockchair vs the reference: window 1 antpool/AntPool, foundryusa/Foundry USA Pool agree; window 2 btccom/Bitdeer disagree, slushpool/SlushPool agree.
    expect(a!.disagreements.get('blockchair')).toEqual([2, 0]);
    expect(b!.disagreements.get('blockchair')).toEqual([2, 1]);
    expect(r.total).toMatchObject({ blocks: 6, unknown: 1, byTag: 4, byAddressOnly: 1 });
    expect(r.topPairs.get('blockchair')).toEqual([['btccom', 'Bitdeer', 1]]);
    expect(r.topPairs.get('bitcoin-data')).toEqual([['BTC.com', 'Bitdeer', 1]]);
  });

  it('counts blocks the latest list names otherwise than the list of their date, with the pairs', () => {
    const q = attributionQuality({ ...input, asOf: { atBlock: [null, null, null, 'F2Pool', 'BTC.com', 'SlushPool'], latest: ['AntPool', null, null, 'F2Pool', 'BTC.com', 'Braiins Pool'] } }, windows, renames, 'mempool');
    expect(q.rows.map((r) => r.relabelledByLaterRules)).toEqual([1, 0]); // SlushPool → Braiins Pool is a rename, not a relabelling
    expect(q.topPairs.get('rules-as-of')).toEqual([['unknown', 'AntPool', 1]]);
  });

  it('a tag naming another pool than the reference is a conflict', () => {
    const c = attributionQuality({ ...input, reference: ['viabtc', ...input.reference.slice(1)] }, windows, renames, 'mempool');
    expect(c.rows[0]!.tagLabelConflicts).toBe(1);
  });
});
