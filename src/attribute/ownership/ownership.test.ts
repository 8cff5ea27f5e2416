import { beforeAll, describe, expect, it } from 'vitest';
import { RuleError } from '../../domain/errors.js';
import { loadOwnershipLinks, loadRuleSet } from '../../sources/attribution-rules/load.js';
import { normalizePoolName } from '../names.js';
import type { OwnershipLinkSet } from '../types.js';
import { parseLinkDate } from './dates.js';
import { parseOwnershipLinks } from './parse-links.js';
import { ownerAt } from './resolve.js';

const sec = (iso: string) => Date.parse(iso) / 1000;
const links = (obj: unknown, warnings: string[] = []) => parseOwnershipLinks(new TextEncoder().encode(JSON.stringify(obj)), 'links.json', warnings);
const always = (name: string) => ({ name, from: '', to: '' });

describe('parseLinkDate', () => {
  it.each([
    ['', null],
    ['2020', sec('2020-01-01T00:00:00Z')],
    ['2020-12', sec('2020-12-01T00:00:00Z')],
    ['2021-02-28', sec('2021-02-28T00:00:00Z')],
  ])('%j', (v, expected) => expect(parseLinkDate(v)).toBe(expected));
  it.each(['2020-13', '2021-02-29', '20', '2020/12', '2020-12-1'])('rejects %j', (v) => expect(parseLinkDate(v)).toHaveProperty('invalid'));
});

describe('EDI legal_links.json at boundary dates (from inclusive, to exclusive)', () => {
  let edi: OwnershipLinkSet;
  beforeAll(async () => {
    edi = await loadOwnershipLinks();
  });
  const owner = (pool: string, iso: string | undefined) => ownerAt(edi, pool, iso === undefined ? undefined : sec(iso))?.owner ?? null;

  it('BTC.COM: Bitmain to 2020-11-30, Bitdeer from 2020-12-01, BIT Mining from 2021-04-01', () => {
    expect(owner('BTC.COM', '2020-11-30T23:59:59Z')).toBe('Bitmain');
    expect(owner('BTC.COM', '2020-12-01T00:00:00Z')).toBe('Bitdeer');
    expect(owner('BTC.COM', '2021-03-31T23:59:59Z')).toBe('Bitdeer');
    expect(owner('BTC.COM', '2021-04-01T00:00:00Z')).toBe('BIT Mining');
  });

  it('Bitdeer: Bitmain until 2020-11-30, independent Dec 2020 – Mar 2021, then BIT Mining', () => {
    expect(owner('Bitdeer', '2020-11-30T12:00:00Z')).toBe('Bitmain');
    expect(owner('Bitdeer', '2020-12-01T00:00:00Z')).toBeNull();
    expect(owner('Bitdeer', '2021-04-01T00:00:00Z')).toBe('BIT Mining');
  });

  it('NovaBlock → Poolin from 2021-02; AntPool → Bitmain always, even without a block time', () => {
    expect(owner('NovaBlock', '2021-01-31T23:59:59Z')).toBeNull();
    expect(owner('NovaBlock', '2021-02-01T00:00:00Z')).toBe('Poolin');
    expect(owner('AntPool', '2013-01-01T00:00:00Z')).toBe('Bitmain');
    expect(owner('AntPool', undefined)).toBe('Bitmain');
    expect(owner('BTC.COM', undefined)).toBeNull();
  });

  it('matches mempool/bitcoin-data spellings through normalisation ("BTC.com", "Antpool")', () => {
    expect(owner('BTC.com', '2020-11-30T00:00:00Z')).toBe('Bitmain');
    expect(owner('Antpool', '2024-01-01T00:00:00Z')).toBe('Bitmain');
    expect(owner('F2Pool', '2024-01-01T00:00:00Z')).toBeNull();
  });

  it("on EDI's own entity names, normalised comparison agrees with EDI's exact comparison", async () => {
    const rs = await loadRuleSet('edi');
    const linkNames = new Set(edi.links.flatMap((l) => [l.child, l.parent]));
    for (const p of rs.pools) {
      for (const n of linkNames) expect(normalizePoolName(p.name) === normalizePoolName(n)).toBe(p.name === n);
    }
  });
});

describe('ownership chains and consistency', () => {
  it('resolves chains transitively, each link at the block time', () => {
    const set = links({ Holding: [{ name: 'Mid', from: '2019', to: '2022' }], Mid: [always('Leaf')] });
    expect(ownerAt(set, 'Leaf', sec('2020-06-01T00:00:00Z'))).toEqual({ owner: 'Holding', chain: ['Leaf', 'Mid', 'Holding'] });
    expect(ownerAt(set, 'Leaf', sec('2022-01-01T00:00:00Z'))).toEqual({ owner: 'Mid', chain: ['Leaf', 'Mid'] });
    expect(ownerAt(set, 'Holding', sec('2020-06-01T00:00:00Z'))).toBeNull();
  });

  it('rejects a cycle of simultaneously active links', () => {
    expect(() => links({ A: [always('B')], B: [always('A')] })).toThrow(RuleError);
    expect(() => links({ A: [always('B')], B: [always('A')] })).toThrow(/^circular ownership: (A → B → A|B → A → B) \(before all dated links\)$/);
    expect(() => links({ A: [always('B')], B: [{ name: 'C', from: '2020', to: '' }], C: [{ name: 'A', from: '2019-06', to: '2021' }] })).toThrow(
      /circular ownership: .* \(at 2020-01-01\)/,
    );
  });

  it('accepts links in both directions at different times (a reverse takeover is not a cycle)', () => {
    const set = links({ A: [{ name: 'B', from: '', to: '2020' }], B: [{ name: 'A', from: '2020', to: '' }] });
    expect(ownerAt(set, 'B', sec('2019-12-31T00:00:00Z'))?.owner).toBe('A');
    expect(ownerAt(set, 'A', sec('2020-01-01T00:00:00Z'))?.owner).toBe('B');
  });

  it('rejects two owners of one pool at the same time', () => {
    expect(() => links({ A: [{ name: 'P', from: '', to: '2021' }], B: [{ name: 'P', from: '2020-06', to: '' }] })).toThrow(
      'conflicting ownership: P is owned by both A and B at 2020-06-01',
    );
  });

  it('ignores a link from a name to itself (EDI: cluster named after its primary pool), with a warning', () => {
    const warnings: string[] = [];
    const set = links({ 'Foo Pool': [always('FOO')] }, warnings);
    expect(set.links).toEqual([]);
    expect(warnings[0]).toContain('ignored');
  });
});
