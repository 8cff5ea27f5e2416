import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoinbaseInfo } from '../domain/block.js';
import { DecodeError } from '../domain/errors.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { parseCsv } from '../sources/files/csv.js';
import { attributeBlock, attributeBlocks } from './attribute.js';
import { coinbaseFromRecord } from './coinbase-rows.js';
import { loadOwnershipLinks, loadRuleSet } from '../sources/attribution-rules/load.js';
import type { OwnershipLinkSet, RuleSet } from './types.js';

interface ExpectedBlock {
  file: string;
  height: number;
  time_utc: string;
  coinbase_scriptsig_hex: string;
  coinbase_outputs: { address: string | null }[];
  expected_pool_mempool_pools_v2: { id: number; name: string; via: string | null };
  expected_pool_bitcoin_data_pool_list: { id: number; name: string; via: string | null };
  expected_entity_edi_rules: { name: string | null; via: string };
}

const expectedBlocks = JSON.parse(readFileSync(datasetPath('bitcoin/raw-blocks/expected.json'), 'utf8')) as ExpectedBlock[];

function coinbaseOf(b: ExpectedBlock): CoinbaseInfo {
  return {
    height: b.height,
    timeSec: Date.parse(b.time_utc) / 1000,
    scriptSigHex: b.coinbase_scriptsig_hex,
    // PROVENANCE: `P2PK:` pseudo-addresses are not output addresses and are not used for matching.
    payoutAddresses: b.coinbase_outputs.map((o) => o.address).filter((a): a is string => a !== null && !a.startsWith('P2PK:')),
  };
}

/** The shared coinbases CSVs, read through the same row parser as the CLI. */
function readCoinbases(file: string): CoinbaseInfo[] {
  const path = datasetPath(`bitcoin/coinbases/${file}`);
  const t = parseCsv(readFileSync(path, 'utf8'), path);
  return t.rows.map((r, i) => coinbaseFromRecord({ line: t.lines[i]!, values: Object.fromEntries(t.header.map((h, j) => [h, r[j]!])) }, path));
}

let rules: Record<'mempool' | 'bitcoin-data' | 'edi', RuleSet>;
let links: OwnershipLinkSet;
beforeAll(async () => {
  rules = { mempool: await loadRuleSet('mempool'), 'bitcoin-data': await loadRuleSet('bitcoin-data'), edi: await loadRuleSet('edi') };
  links = await loadOwnershipLinks();
});

describe('raw blocks: the pool each source assigns (raw-blocks/expected.json)', () => {
  for (const b of expectedBlocks) {
    for (const [kind, key] of [['mempool', 'expected_pool_mempool_pools_v2'], ['bitcoin-data', 'expected_pool_bitcoin_data_pool_list']] as const) {
      it(`${b.file} with ${kind} → ${b[key].name} (${b[key].via ?? 'no match'})`, () => {
        const exp = b[key];
        const a = attributeBlock(coinbaseOf(b), rules[kind]);
        expect(a.pool.name).toBe(exp.name);
        expect(a.pool.id ?? 0).toBe(exp.id);
        if (exp.via === null) expect([a.method, a.matchedRule, a.pool.slug]).toEqual(['unknown', null, 'unknown']);
        else if (exp.via === 'address') {
          expect(a.method).toBe('address');
          expect(coinbaseOf(b).payoutAddresses).toContain(a.matchedRule);
        } else expect([a.method, a.matchedRule]).toEqual(['tag', exp.via.replace(/^tag:/, '')]);
        expect(a.ruleSet).toEqual({ kind, version: rules[kind].version });
      });
    }
    it(`${b.file} with edi → ${b.expected_entity_edi_rules.name} (${b.expected_entity_edi_rules.via.slice(0, 30)})`, () => {
      const exp = b.expected_entity_edi_rules;
      const a = attributeBlock(coinbaseOf(b), rules.edi);
      if (exp.name === null) {
        expect([a.pool.name, a.method]).toEqual(['Unknown', 'unknown']);
        return;
      }
      expect(a.pool.name).toBe(exp.name);
      if (exp.via === 'known_addresses') expect(a.method).toBe('address');
      else expect([a.method, a.matchedRule]).toEqual(['tag', exp.via.replace(/^known_identifiers:/, '')]);
    });
  }

  it('block 542,213 (2018): AntPool is owned by Bitmain at the entity level (legal_links.json: Bitmain ← AntPool, always)', () => {
    const b = expectedBlocks.find((x) => x.height === 542213)!;
    const edi = attributeBlock(coinbaseOf(b), rules.edi);
    expect([edi.entity.name, edi.entityMethod, edi.ownershipVersion]).toEqual(['Bitmain', 'ownership-link', links.version]);
    const mempool = attributeBlock(coinbaseOf(b), rules.mempool);
    expect([mempool.entity.name, mempool.entityMethod, mempool.ownershipVersion]).toEqual(['AntPool', 'address', null]);
    const withLinks = attributeBlock(coinbaseOf(b), rules.mempool, { ownership: links });
    expect([withLinks.entity.name, withLinks.entity.level, withLinks.entityMethod]).toEqual(['Bitmain', 'entity', 'ownership-link']);
  });
});

describe('real coinbases (coinbases/PROVENANCE.md)', () => {
  it('the 600 blocks of January 2009 are Unknown under every rule set', () => {
    const cbs = readCoinbases('mainnet_coinbases_h0-599_2009.csv');
    expect(cbs).toHaveLength(600);
    expect(cbs.every((c) => c.payoutAddresses.length === 0)).toBe(true); // all P2PK
    for (const rs of Object.values(rules)) {
      const as = attributeBlocks(cbs, rs);
      expect(as.filter((a) => a.method !== 'unknown' || a.pool.slug !== 'unknown' || a.entity.slug !== 'unknown' || a.matches.length > 0)).toEqual([]);
    }
  });

  it('2014–2017 blocks: AntPool, BitClub, Bixin as named by PROVENANCE; the GHash.IO payout address under the pool lists', () => {
    const cbs = [...readCoinbases('mainnet_coinbase_h307602_2014.csv'), ...readCoinbases('mainnet_coinbases_bitcoinj_2015-2017.csv')];
    expect(cbs.map((c) => c.height)).toEqual([307602, 363703, 383616, 481815, 481829]);
    // 1CjPR7Z5ZSyWk6WtXvSFgkptmpoi4UM9BC is listed under GHash.IO in both pools-v2.json and pool-list.json.
    const ghash = '1CjPR7Z5ZSyWk6WtXvSFgkptmpoi4UM9BC';
    for (const kind of ['mempool', 'bitcoin-data'] as const) {
      const as = attributeBlocks(cbs, rules[kind]);
      expect(as.map((a) => a.pool.name)).toEqual(['GHash.IO', 'AntPool', 'GHash.IO', 'BitClub', 'Bixin']);
      expect(as[1]).toMatchObject({ method: 'tag', matchedRule: '/AntPool/' });
      expect(as[0]).toMatchObject({ method: 'address', matchedRule: ghash });
    }
    const edi = attributeBlocks(cbs, rules.edi);
    // EDI has no GHash.IO address: the payout address itself names the producer (fallback).
    expect(edi.map((a) => [a.pool.name, a.method, a.matchedRule])).toEqual([
      [ghash, 'fallback', null],
      ['AntPool', 'tag', 'AntPool'],
      [ghash, 'fallback', null],
      ['BitClub', 'tag', '/BitClub Network/'],
      ['Bixin', 'tag', '/Bixin/'],
    ]);
    expect(edi[1]!.entity.name).toBe('Bitmain');
  });
});

describe('semantics and conflicts', () => {
  const ascii = (s: string) => Buffer.from(s, 'latin1').toString('hex');
  const f2poolAddress = '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY'; // F2Pool in pools-v2.json and addresses_bitcoin.json
  const poolinAddress = '1GNgwA8JfG7Kc8akJ8opdNWJUihqUztfPe'; // Poolin in addresses_bitcoin.json

  it("an earlier pool's tag beats a later pool's address, and both matches are recorded", () => {
    const cb: CoinbaseInfo = { height: 1, scriptSigHex: '03aabbcc' + ascii('/BTC.COM/'), payoutAddresses: [f2poolAddress] };
    const a = attributeBlock(cb, rules.mempool);
    expect([a.pool.name, a.method, a.matchedRule]).toEqual(['BTC.com', 'tag', '/BTC.COM/']);
    expect(a.matches.map((m) => [m.pool.name, m.method, m.rule])).toEqual([
      ['BTC.com', 'tag', '/BTC.COM/'],
      ['F2Pool', 'address', f2poolAddress],
    ]);
    const e = attributeBlock(cb, rules.edi);
    expect([e.pool.name, e.method]).toEqual(['BTC.COM', 'tag']);
    expect(e.matches.map((m) => `${m.pool.name}:${m.method}`)).toEqual(['BTC.COM:tag', 'F2Pool:address']);
  });

  it('EDI: several known-address entities are sorted and joined with "/"', () => {
    const a = attributeBlock({ height: 2, scriptSigHex: '0102', payoutAddresses: [poolinAddress, f2poolAddress] }, rules.edi);
    expect([a.pool.name, a.method]).toEqual(['F2Pool/Poolin', 'address']);
    expect(a.matches.map((m) => m.pool.name)).toEqual(['F2Pool', 'Poolin']);
  });

  it('EDI fallback: the sorted distinct payout addresses joined with "/"', () => {
    const a = attributeBlock({ height: 3, scriptSigHex: '0102', payoutAddresses: ['bc1qz', '3Abc', '1Xyz', '3Abc'] }, rules.edi);
    expect([a.pool.name, a.method, a.entity.name]).toEqual(['1Xyz/3Abc/bc1qz', 'fallback', '1Xyz/3Abc/bc1qz']);
  });

  it('mempool tags are case-insensitive regexes (ghash.io matches "GHASH-IO"); EDI identifiers are exact substrings', () => {
    const cb: CoinbaseInfo = { height: 4, scriptSigHex: '03010203' + ascii('GHASH-IO'), payoutAddresses: [] };
    expect(attributeBlock(cb, rules.mempool).pool.name).toBe('GHash.IO');
    expect(attributeBlock(cb, rules.edi).pool.name).toBe('Unknown');
  });

  it('known disagreement: the tag "/$Mined by 7pool.com/" is a regex that can never match; EDI matches it as text', () => {
    const cb: CoinbaseInfo = { height: 5, scriptSigHex: '03010203' + ascii('/$Mined by 7pool.com/'), payoutAddresses: [] };
    expect(attributeBlock(cb, rules.mempool).pool.name).toBe('Unknown');
    expect(attributeBlock(cb, rules.edi).pool.name).toBe('7pool');
  });

  it('non-ASCII tags never match: mempool compares latin1 chars of UTF-8 bytes, EDI the escaped repr', () => {
    const cb: CoinbaseInfo = { height: 6, scriptSigHex: '0301' + Buffer.from('/八宝池 8baochi.com/', 'utf8').toString('hex'), payoutAddresses: [] };
    expect(attributeBlock(cb, rules.mempool).pool.name).not.toBe('8baochi');
    expect(attributeBlock(cb, rules.edi).pool.name).not.toBe('8baochi');
  });

  it("EDI's order-dependent address learning is off by default and reproducible with ediLearnAddresses", () => {
    const tagged: CoinbaseInfo = { height: 10, scriptSigHex: '03' + ascii('/AntPool/'), payoutAddresses: ['1LearnedAddr'] };
    const untagged: CoinbaseInfo = { height: 11, scriptSigHex: '0302', payoutAddresses: ['1LearnedAddr'] };
    expect(attributeBlocks([tagged, untagged], rules.edi).map((a) => a.pool.name)).toEqual(['AntPool', '1LearnedAddr']);
    expect(attributeBlocks([tagged, untagged], rules.edi, { ediLearnAddresses: true }).map((a) => `${a.pool.name}:${a.method}`)).toEqual(['AntPool:tag', 'AntPool:address']);
    // Order dependence: the same blocks in the other order give a different answer.
    expect(attributeBlocks([untagged, tagged], rules.edi, { ediLearnAddresses: true }).map((a) => a.pool.name)).toEqual(['1LearnedAddr', 'AntPool']);
    // The rule set itself is not mutated by learning.
    if (rules.edi.kind === 'edi') expect(rules.edi.knownAddresses.has('1LearnedAddr')).toBe(false);
  });

  it('invalid scriptSig hex is a DecodeError naming the block', () => {
    expect(() => attributeBlock({ height: 7, scriptSigHex: '0g', payoutAddresses: [] }, rules.mempool)).toThrow(DecodeError);
    expect(() => attributeBlock({ height: 7, scriptSigHex: 'abc', payoutAddresses: [] }, rules.edi)).toThrow('block 7 [scriptSigHex]: invalid hex: odd length 3');
  });
});

describe('properties (fast-check)', () => {
  const hexBytes = fc.uint8Array({ minLength: 2, maxLength: 60 }).map((b) => Buffer.from(b).toString('hex'));
  /** Random scriptSigs, sometimes with a real tag of the rule set spliced in. */
  const scriptSig = (rs: RuleSet) =>
    fc.tuple(hexBytes, fc.option(fc.constantFrom(...rs.pools.flatMap((p) => p.tags)), { nil: undefined }), hexBytes).map(
      ([a, tag, b]) => a + (tag === undefined ? '' : Buffer.from(tag, 'latin1').toString('hex')) + b,
    );
  const someAddresses = (rs: RuleSet) => fc.array(fc.oneof(fc.constantFrom(...rs.pools.flatMap((p) => p.addresses)), fc.constantFrom('1Other', 'bc1qother')), { maxLength: 3 });

  for (const kind of ['mempool', 'bitcoin-data', 'edi'] as const) {
    it(`${kind}: deterministic, and independent of payout-address order`, () => {
      const rs = rules[kind];
      fc.assert(
        fc.property(scriptSig(rs), someAddresses(rs), fc.option(fc.integer({ min: 1.2e9, max: 1.8e9 }), { nil: undefined }), (hex, addrs, timeSec) => {
          const cb: CoinbaseInfo = { height: 1, ...(timeSec === undefined ? {} : { timeSec }), scriptSigHex: hex, payoutAddresses: addrs };
          const a = attributeBlock(cb, rs, { ownership: links });
          expect(attributeBlock(cb, rs, { ownership: links })).toEqual(a);
          expect(attributeBlock({ ...cb, payoutAddresses: [...addrs].reverse() }, rs, { ownership: links }).pool).toEqual(a.pool);
          // The winner is always among the recorded matches (or nothing matched).
          if (a.method === 'tag' || a.method === 'address') expect(a.matches.some((m) => m.method === a.method)).toBe(true);
          else expect(a.matches.filter((m) => m.method === 'tag')).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }

  for (const kind of ['mempool', 'bitcoin-data'] as const) {
    it(`${kind}: a pool's own address attributes to that pool or an earlier pool in the list`, () => {
      const rs = rules[kind];
      const withAddress = rs.pools.map((p, i) => ({ p, i })).filter(({ p }) => p.addresses.length > 0);
      fc.assert(
        fc.property(fc.constantFrom(...withAddress), fc.nat(), scriptSig(rs), someAddresses(rs), ({ p, i }, k, hex, others) => {
          const own = p.addresses[k % p.addresses.length]!;
          const a = attributeBlock({ height: 1, scriptSigHex: hex, payoutAddresses: [...others, own] }, rs);
          const winner = rs.pools.findIndex((q) => q.id === a.pool.id);
          expect(winner).toBeGreaterThanOrEqual(0);
          expect(winner).toBeLessThanOrEqual(i);
          expect(a.pool.id!).toBeLessThanOrEqual(p.id!); // ids ascend in both files
          expect(a.matches.some((m) => m.pool.id === p.id && m.method === 'address')).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('edi: a known address gives that entity (alone or joined) unless an identifier matched first', () => {
    const rs = rules.edi;
    if (rs.kind !== 'edi') throw new Error('expected edi');
    fc.assert(
      fc.property(fc.constantFrom(...rs.knownAddresses), hexBytes, ([address, entity], hex) => {
        const a = attributeBlock({ height: 1, scriptSigHex: hex, payoutAddresses: [address] }, rs);
        if (a.method === 'tag') return;
        expect(a.method).toBe('address');
        expect(a.pool.name.split('/')).toContain(entity);
      }),
    );
  });
});
