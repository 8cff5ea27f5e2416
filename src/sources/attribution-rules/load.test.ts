import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError, RuleError, UsageError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import { loadOwnershipLinks, loadRuleSet } from './load.js';
import { topLevelKeys } from '../../attribute/rules/json-keys.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'nakamoto-rules-'));
const write = (dir: string, name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const count = (pools: readonly { tags: readonly string[]; addresses: readonly string[] }[]) => ({
  pools: pools.length,
  tags: pools.reduce((s, p) => s + p.tags.length, 0),
  addresses: pools.reduce((s, p) => s + p.addresses.length, 0),
});

describe('loadRuleSet by name', () => {
  it('mempool: counts from PROVENANCE (168 pools, 197 tags, 217 addresses), version = sha256sum prefix', async () => {
    const rs = await loadRuleSet('mempool');
    expect(rs.kind).toBe('mempool');
    expect(count(rs.pools)).toEqual({ pools: 168, tags: 197, addresses: 217 });
    // `sha256sum pools-v2.json` = e121f60fbd357b389a0a4cb2ef8aa16bcabbb8a625b391c52c20b71b306d5f7e
    expect(rs.version).toBe('e121f60fbd35');
    expect(rs.pools[0]).toMatchObject({ id: 1, name: 'BlockFills', slug: 'blockfills' });
    expect(rs.warnings).toEqual([]);
  });

  it('bitcoin-data: 148 pools, 171 tags, 200 addresses', async () => {
    const rs = await loadRuleSet('bitcoin-data');
    expect(rs.kind).toBe('bitcoin-data');
    expect(count(rs.pools)).toEqual({ pools: 148, tags: 171, addresses: 200 });
    // `sha256sum pool-list.json` = 50bca9f7391ee6fc…
    expect(rs.version).toBe('50bca9f7391e');
  });

  it('edi: 182 identifiers → 122 entities, 3 known addresses, legal links; version over the three files', async () => {
    const rs = await loadRuleSet('edi');
    if (rs.kind !== 'edi') throw new Error('expected edi');
    expect(rs.identifiers).toHaveLength(182);
    expect(new Set(rs.identifiers.map((i) => i.name)).size).toBe(122);
    expect([...rs.knownAddresses.values()].sort()).toEqual(['F2Pool', 'F2Pool', 'Poolin']);
    // First identifiers in file order (identifiers_bitcoin.json opens with bitdeer, Bitdeer, btcpool).
    expect(rs.identifiers.slice(0, 3).map((i) => i.tag)).toEqual(['bitdeer', 'Bitdeer', 'btcpool']);
    // legal_links.json: Bitmain 3 links, Bitdeer 1, BIT Mining 2, Poolin 1.
    expect(rs.ownership?.links).toHaveLength(7);
    // printf 'identifiers:%s\naddresses:%s\nlinks:%s\n' <sha256sum of each file> | sha256sum
    expect(rs.version).toBe('bb50dab6e8b3');
    // The three non-ASCII identifiers can never match the ASCII Python repr: reported, not hidden.
    expect(rs.warnings.filter((w) => w.includes('non-ASCII'))).toHaveLength(3);
  });

  it('edi ownership links alone: version = sha256sum prefix of legal_links.json', async () => {
    const links = await loadOwnershipLinks();
    expect(links.version).toBe('0cd555c43c6e');
  });
});

describe('loadRuleSet by path (format detection)', () => {
  it('a pool-list.json path is bitcoin-data, another array file is mempool, and versions match the by-name load', async () => {
    const dir = tmp();
    copyFileSync(datasetPath('bitcoin/pool-definitions-bitcoin-data/pool-list.json'), join(dir, 'pool-list.json'));
    copyFileSync(datasetPath('bitcoin/pool-definitions-mempool/pools-v2.json'), join(dir, 'my-pools.json'));
    const a = await loadRuleSet('pool-list.json', { cwd: dir });
    const b = await loadRuleSet(join(dir, 'my-pools.json'));
    expect([a.kind, a.version]).toEqual(['bitcoin-data', '50bca9f7391e']);
    expect([b.kind, b.version]).toEqual(['mempool', 'e121f60fbd35']);
  });

  it('an EDI folder, or its identifiers file, loads identifiers + siblings', async () => {
    const byDir = await loadRuleSet(datasetPath('bitcoin/edi-mapping'));
    const byFile = await loadRuleSet(datasetPath('bitcoin/edi-mapping/identifiers_bitcoin.json'));
    expect(byDir.version).toBe('bb50dab6e8b3');
    expect(byFile.version).toBe('bb50dab6e8b3');
  });

  it('an identifiers file without siblings: no addresses, no links, a different version', async () => {
    const dir = tmp();
    const p = write(dir, 'ids.json', { '/Foo/': { name: 'Foo', link: '' } });
    const rs = await loadRuleSet(p);
    if (rs.kind !== 'edi') throw new Error('expected edi');
    expect(rs.knownAddresses.size).toBe(0);
    expect(rs.ownership).toBeNull();
    expect(rs.pools).toEqual([{ id: null, name: 'Foo', slug: 'foo', tags: ['/Foo/'], addresses: [] }]);
  });

  it('rejects unknown names, legacy pools.json, links files and other JSON with typed errors', async () => {
    await expect(loadRuleSet('no-such-rules')).rejects.toThrow(UsageError);
    await expect(loadRuleSet(datasetPath('bitcoin/pool-definitions-bitcoin-data/pools.json'))).rejects.toThrow(/legacy btc.com pools.json/);
    await expect(loadRuleSet(datasetPath('bitcoin/edi-mapping/legal_links.json'))).rejects.toThrow(/ownership-links file/);
    const dir = tmp();
    await expect(loadRuleSet(write(dir, 'n.json', '42'))).rejects.toThrow(DecodeError);
    await expect(loadRuleSet(dir)).rejects.toThrow(/has no identifiers_bitcoin.json/);
  });
});

describe('rule file validation errors name the file and JSON path', () => {
  it('wrong type deep in a pool list', async () => {
    const p = write(tmp(), 'pools.json', [{ id: 1, name: 'A', addresses: [], tags: ['/A/'] }, { id: 2, name: 'B', addresses: [], tags: ['/B/', 7] }]);
    const err = await loadRuleSet(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).position).toEqual({ input: p, field: '$[1].tags[1]' });
    expect((err as DecodeError).message).toContain('expected string');
  });

  it('missing name in an EDI identifier, and JSON syntax errors', async () => {
    const dir = tmp();
    const p = write(dir, 'identifiers_bitcoin.json', { '/ok/': { name: 'Ok' }, '/BTC.COM/': { link: 'x' } });
    await expect(loadRuleSet(p)).rejects.toThrow(`${p} [$["/BTC.COM/"].name]`);
    const q = write(dir, 'bad.json', '[{"id": 1,');
    await expect(loadRuleSet(q)).rejects.toThrow(new RegExp(`^${q.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid JSON`));
  });

  it('bad ownership-link dates', async () => {
    const dir = tmp();
    write(dir, 'identifiers_bitcoin.json', { '/A/': { name: 'A' } });
    const links = write(dir, 'legal_links.json', { P: [{ name: 'A', from: '2020-13', to: '' }] });
    await expect(loadRuleSet(dir)).rejects.toThrow(`${links} [$["P"][0].from]: invalid date: "2020-13"`);
    write(dir, 'legal_links.json', { P: [{ name: 'A', from: '2021', to: '2020-06' }] });
    await expect(loadRuleSet(dir)).rejects.toThrow(/empty period/);
  });

  it('invalid tag regex: RuleError naming pool and tag by default; literal with a warning on request', async () => {
    const p = write(tmp(), 'pools.json', [{ id: 1, name: 'Paren Pool', addresses: [], tags: ['/(unclosed/'] }]);
    const err = await loadRuleSet(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect((err as Error).message).toContain('pool Paren Pool (id 1): invalid tag regex "/(unclosed/"');
    const rs = await loadRuleSet(p, { onInvalidRegex: 'literal' });
    if (rs.kind === 'edi') throw new Error('expected pool list');
    expect(rs.patterns[0]).toEqual(['\\/\\(unclosed\\/']);
    expect(new RegExp(rs.patterns[0]![0]!, 'i').test('xx/(UNCLOSED/yy')).toBe(true);
    expect(rs.warnings[0]).toContain('matched as literal text');
  });

  it('warns about non-ascending ids, duplicate ids and tags matching every coinbase', async () => {
    const p = write(tmp(), 'pools.json', [
      { id: 5, name: 'A', addresses: [], tags: ['x*'] },
      { id: 5, name: 'B', addresses: [], tags: [] },
    ]);
    const rs = await loadRuleSet(p);
    expect(rs.warnings.join('\n')).toMatch(/matches every coinbase[\s\S]*also used by A[\s\S]*not ascending/);
  });
});

describe('topLevelKeys (file order, as Python json.load keeps it)', () => {
  it('keeps integer-like keys where they are (JSON.parse would move them first)', () => {
    const text = '{"b": {"name": "x"}, "7": {"name": "{\\"}"}, "a\\u0041": [1, {"k": "v"}], "b": 2}';
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['7', 'b', 'aA']);
    expect(topLevelKeys(text)).toEqual(['b', '7', 'aA']);
  });
});

describe('EDI folder layout', () => {
  it('a folder with only identifiers loads (addresses and links optional)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    write(join(dir, 'sub'), 'identifiers_bitcoin.json', { a: { name: 'A' } });
    const rs = await loadRuleSet('sub', { cwd: dir });
    expect(rs.kind).toBe('edi');
    expect(rs.files).toHaveLength(1);
  });
});
