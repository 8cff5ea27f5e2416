import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoinbaseInfo } from '../domain/block.js';
import { RuleError } from '../domain/errors.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { attributeBlock } from './attribute.js';
import { diffOwnershipLinks, diffRuleSets, needsReattribution } from './diff-rule-sets.js';
import { parseOwnershipLinks } from './ownership/parse-links.js';
import { parseEdi } from './rules/parse-edi.js';
import { parsePoolList } from './rules/parse-pool-list.js';
import type { PoolListFile } from './rules/schema.js';
import type { RuleSet } from './types.js';

const enc = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
const mempoolJson = JSON.parse(readFileSync(datasetPath('bitcoin/pool-definitions-mempool/pools-v2.json'), 'utf8')) as PoolListFile;
const ediIds = JSON.parse(readFileSync(datasetPath('bitcoin/edi-mapping/identifiers_bitcoin.json'), 'utf8')) as Record<string, { name: string }>;
const ediAddrs = JSON.parse(readFileSync(datasetPath('bitcoin/edi-mapping/addresses_bitcoin.json'), 'utf8')) as Record<string, { name: string }>;
const legalLinks = readFileSync(datasetPath('bitcoin/edi-mapping/legal_links.json'));

const poolList = (pools: PoolListFile) => parsePoolList(enc(pools), 'pools.json', 'mempool');
const edi = (ids: [string, string][], addrs: [string, string][]) =>
  parseEdi({
    identifiers: { file: 'ids.json', bytes: enc(Object.fromEntries(ids.map(([t, n]) => [t, { name: n }]))) },
    addresses: { file: 'addrs.json', bytes: enc(Object.fromEntries(addrs.map(([a, n]) => [a, { name: n }]))) },
    links: { file: 'legal_links.json', bytes: legalLinks },
  });
const ascii = (s: string) => Buffer.from(s, 'latin1').toString('hex');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

let base: RuleSet;
beforeAll(() => {
  base = poolList(mempoolJson);
});

describe('diffRuleSets / needsReattribution (examples)', () => {
  it('identical rule sets: nothing changed, nothing gained, no block needs redoing', () => {
    const d = diffRuleSets(base, poolList(clone(mempoolJson)));
    expect([d.changedPools.size, d.gainedPools.size, d.firstGainRank]).toEqual([0, 0, Infinity]);
    const a = attributeBlock({ height: 1, scriptSigHex: '01', payoutAddresses: [] }, base);
    expect(needsReattribution(a, d)).toBe(false);
  });

  it('a tag added to an early pool can take blocks from later pools (which mempool alone would not reindex)', () => {
    const next = clone(mempoolJson);
    const btccom = next.findIndex((p) => p.name === 'BTC.com');
    next[btccom]!.tags.push('chenguanghai'); // the tag in F2Pool's block 413,567
    const newRs = poolList(next);
    const d = diffRuleSets(base, newRs);
    expect([...d.changedPools]).toEqual(['btccom']);
    expect(d.firstGainRank).toBe(btccom);
    const f2pool: CoinbaseInfo = { height: 413567, scriptSigHex: '03' + ascii('Mined by chenguanghai'), payoutAddresses: ['1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY'] };
    const before = attributeBlock(f2pool, base);
    expect(before.pool.name).toBe('F2Pool');
    expect(attributeBlock(f2pool, newRs).pool.name).toBe('BTC.com');
    expect(needsReattribution(before, d)).toBe(true);
    // A block of a pool listed before BTC.com cannot be taken over.
    const luxor = attributeBlock({ height: 1, scriptSigHex: '03' + ascii('/LUXOR/'), payoutAddresses: [] }, base);
    expect([luxor.pool.name, needsReattribution(luxor, d)]).toEqual(['Luxor', false]);
    // Unknown blocks are always candidates once anything was gained.
    expect(needsReattribution(attributeBlock({ height: 2, scriptSigHex: '0102', payoutAddresses: [] }, base), d)).toBe(true);
  });

  it('a removed address marks only its pool; an attribution from another rule-set version is always redone', () => {
    const next = clone(mempoolJson);
    const f2 = next.find((p) => p.name === 'F2Pool')!;
    f2.addresses = f2.addresses.filter((a) => a !== '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY');
    const d = diffRuleSets(base, poolList(next));
    expect([[...d.changedPools], d.firstGainRank]).toEqual([['f2pool'], Infinity]);
    const unknown = attributeBlock({ height: 2, scriptSigHex: '0102', payoutAddresses: [] }, base);
    expect(needsReattribution(unknown, d)).toBe(false);
    expect(needsReattribution({ ...unknown, ruleSet: { kind: 'mempool', version: 'other' } }, d)).toBe(true);
  });

  it('rule sets with different semantics cannot be diffed', async () => {
    const e = edi([['/A/', 'A']], []);
    expect(() => diffRuleSets(base, e)).toThrow(RuleError);
    expect(() => diffRuleSets(base, e)).toThrow('cannot diff rule sets of kinds mempool and edi');
  });

  it('ownership changes propagate to the pools below the changed owner', () => {
    const old = parseOwnershipLinks(legalLinks, 'a.json');
    const moved = JSON.parse(legalLinks.toString('utf8')) as Record<string, { name: string; from: string; to: string }[]>;
    moved.Bitdeer![0]!.to = '2021-05';
    moved['BIT Mining']!.forEach((l) => (l.from = '2021-05'));
    const changed = diffOwnershipLinks(old, parseOwnershipLinks(enc(moved), 'b.json'));
    expect([...changed].sort()).toEqual(['bitdeer', 'btccom']);
    const chain = diffOwnershipLinks(parseOwnershipLinks(enc({ H: [{ name: 'M', from: '', to: '' }], M: [{ name: 'L', from: '', to: '' }] }), 'c.json'), parseOwnershipLinks(enc({ H2: [{ name: 'M', from: '', to: '' }], M: [{ name: 'L', from: '', to: '' }] }), 'd.json'));
    expect([...chain].sort()).toEqual(['l', 'm']);
  });
});

describe('needsReattribution is sound (property): every block whose attribution changes is flagged', () => {
  const realCoinbases: CoinbaseInfo[] = (() => {
    const lines = readFileSync(datasetPath('bitcoin/coinbases/mainnet_coinbases_bitcoinj_2015-2017.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    return lines.map((l) => {
      const c = l.split(',');
      return { height: Number(c[0]), scriptSigHex: c[4]!, payoutAddresses: c[6]!.split(';').map((o) => o.split(':')[2]!).filter(Boolean) };
    });
  })();

  it('pool lists (mempool semantics): add/remove tags and addresses, rename and reorder pools', () => {
    const small = mempoolJson.filter((_, i) => i % 4 === 0 || ['AntPool', 'F2Pool', 'BTC.com', 'BitClub', 'Bixin', 'GHash.IO'].includes(mempoolJson[i]!.name)).slice(0, 50);
    const tagPool = small.flatMap((p) => p.tags).concat(['/AntPool/', 'Mined by', 'NYA', '/P2SH/']);
    const addrPool = small.flatMap((p) => p.addresses).concat(['1NewAddr']);
    const mod = fc.oneof(
      fc.record({ op: fc.constant('addTag' as const), at: fc.nat(), v: fc.constantFrom(...tagPool) }),
      fc.record({ op: fc.constant('rmTag' as const), at: fc.nat(), v: fc.nat() }),
      fc.record({ op: fc.constant('addAddr' as const), at: fc.nat(), v: fc.constantFrom(...addrPool) }),
      fc.record({ op: fc.constant('rmAddr' as const), at: fc.nat(), v: fc.nat() }),
      fc.record({ op: fc.constant('rename' as const), at: fc.nat(), v: fc.constantFrom('Renamed', 'AntPool') }),
      fc.record({ op: fc.constant('move' as const), at: fc.nat(), v: fc.nat() }),
    );
    const coinbase = fc.record({
      height: fc.constant(1),
      scriptSigHex: fc.tuple(fc.constantFrom(...tagPool), fc.constantFrom('', ...tagPool)).map(([a, b]) => '03' + ascii(a) + '00' + ascii(b)),
      payoutAddresses: fc.array(fc.constantFrom(...addrPool, '1Nobody'), { maxLength: 2 }),
    });
    const oldRs = poolList(small);
    fc.assert(
      fc.property(fc.array(mod, { minLength: 1, maxLength: 3 }), fc.array(coinbase, { minLength: 20, maxLength: 20 }), (mods, cbs) => {
        const next = clone(small);
        for (const m of mods) {
          const p = next[m.at % next.length]!;
          if (m.op === 'addTag') p.tags.splice(m.at % (p.tags.length + 1), 0, m.v);
          else if (m.op === 'rmTag') p.tags.splice(m.v % Math.max(1, p.tags.length), 1);
          else if (m.op === 'addAddr') p.addresses.push(m.v);
          else if (m.op === 'rmAddr') p.addresses.splice(m.v % Math.max(1, p.addresses.length), 1);
          else if (m.op === 'rename') p.name = m.v;
          else next.splice(m.v % next.length, 0, ...next.splice(m.at % next.length, 1));
        }
        const newRs = poolList(next);
        const d = diffRuleSets(oldRs, newRs);
        for (const cb of [...cbs, ...realCoinbases]) {
          const a = attributeBlock(cb, oldRs);
          const b = attributeBlock(cb, newRs);
          if (a.pool.name !== b.pool.name || a.method !== b.method || a.matchedRule !== b.matchedRule) expect(needsReattribution(a, d)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('EDI: add/remove/move identifiers and known addresses', () => {
    const ids = Object.entries(ediIds).map(([t, v]) => [t, v.name] as [string, string]).slice(0, 60);
    const addrs = Object.entries(ediAddrs).map(([a, v]) => [a, v.name] as [string, string]);
    const tags = ids.map(([t]) => t).concat(['/AntPool/', 'Mined by']);
    const names = ['AntPool', 'F2Pool', 'Poolin', 'NewCo'];
    const addrPool = addrs.map(([a]) => a).concat(['1NewAddr']);
    const mod = fc.oneof(
      fc.record({ op: fc.constant('addId' as const), at: fc.nat(), tag: fc.constantFrom(...tags), name: fc.constantFrom(...names) }),
      fc.record({ op: fc.constant('rmId' as const), at: fc.nat(), tag: fc.constant(''), name: fc.constant('') }),
      fc.record({ op: fc.constant('moveId' as const), at: fc.nat(), tag: fc.constant(''), name: fc.nat().map(String) }),
      fc.record({ op: fc.constant('addAddr' as const), at: fc.nat(), tag: fc.constantFrom(...addrPool), name: fc.constantFrom(...names) }),
      fc.record({ op: fc.constant('rmAddr' as const), at: fc.nat(), tag: fc.constant(''), name: fc.constant('') }),
    );
    const coinbase = fc.record({
      height: fc.constant(1),
      scriptSigHex: fc.tuple(fc.constantFrom(...tags), fc.constantFrom('', ...tags)).map(([a, b]) => '03' + ascii(a) + '00' + ascii(b)),
      payoutAddresses: fc.array(fc.constantFrom(...addrPool, '1Nobody'), { maxLength: 2 }),
    });
    const oldRs = edi(ids, addrs);
    fc.assert(
      fc.property(fc.array(mod, { minLength: 1, maxLength: 3 }), fc.array(coinbase, { minLength: 20, maxLength: 20 }), (mods, cbs) => {
        const nIds = clone(ids);
        const nAddrs = clone(addrs);
        for (const m of mods) {
          if (m.op === 'addId') {
            const i = nIds.findIndex(([t]) => t === m.tag);
            if (i >= 0) nIds.splice(i, 1); // keys are unique in a JSON object
            nIds.splice(m.at % (nIds.length + 1), 0, [m.tag, m.name]);
          } else if (m.op === 'rmId') nIds.splice(m.at % nIds.length, 1);
          else if (m.op === 'moveId') nIds.splice(Number(m.name) % nIds.length, 0, ...nIds.splice(m.at % nIds.length, 1));
          else if (m.op === 'addAddr') {
            const i = nAddrs.findIndex(([a]) => a === m.tag);
            if (i >= 0) nAddrs.splice(i, 1);
            nAddrs.push([m.tag, m.name]);
          } else if (nAddrs.length > 0) nAddrs.splice(m.at % nAddrs.length, 1);
        }
        const newRs = edi(nIds, nAddrs);
        const d = diffRuleSets(oldRs, newRs);
        for (const cb of [...cbs, ...realCoinbases]) {
          const a = attributeBlock(cb, oldRs);
          const b = attributeBlock(cb, newRs);
          if (a.pool.name !== b.pool.name || a.method !== b.method || a.matchedRule !== b.matchedRule) expect(needsReattribution(a, d)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
