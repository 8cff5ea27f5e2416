import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DecodeError, UsageError } from '../../../domain/errors.js';
import { datasetPath } from '../../../sources/files/datasets-path.js';
import { captureIo } from '../io.js';
import { register } from './attribute.js';

const dir = mkdtempSync(join(tmpdir(), 'nakamoto-attribute-'));
const coinbasesDir = datasetPath('bitcoin/coinbases');
/** 2014–2017 rows (CRLF files) then the first 20 rows of 2009, as one CSV with the dataset's columns. */
const csvText = (() => {
  const read = (f: string) => readFileSync(join(coinbasesDir, f), 'utf8').trim().split(/\r?\n/);
  const a = read('mainnet_coinbase_h307602_2014.csv');
  const b = read('mainnet_coinbases_bitcoinj_2015-2017.csv');
  const c = read('mainnet_coinbases_h0-599_2009.csv');
  return [a[0], ...a.slice(1), ...b.slice(1), ...c.slice(1, 21)].join('\r\n') + '\r\n';
})();
const csvPath = join(dir, 'coinbases.csv');
writeFileSync(csvPath, csvText);
const header = csvText.split('\r\n')[0]!.split(',');

/** The same blocks as JSONL with payout_addresses arrays and a numeric timestamp. */
const jsonlPath = join(dir, 'coinbases.jsonl');
writeFileSync(
  jsonlPath,
  (parse(csvText, { columns: true }) as Record<string, string>[])
    .map((r) =>
      JSON.stringify({
        height: Number(r.height),
        timestamp: Date.parse(r.time_utc!) / 1000,
        coinbase_scriptsig_hex: r.coinbase_scriptsig_hex,
        payout_addresses: r.coinbase_outputs!.split(';').map((o) => o.split(':').slice(2).join(':')).filter((x) => x !== '' && !x.startsWith('P2PK:')),
      }),
    )
    .join('\n') + '\n',
);

async function run(...args: string[]) {
  const io = captureIo({}, dir);
  const program = new Command('nakamoto').exitOverride();
  register(program, io);
  await program.parseAsync(['node', 'nakamoto', ...args]);
  return io;
}

const GHASH = '1CjPR7Z5ZSyWk6WtXvSFgkptmpoi4UM9BC';

describe('nakamoto attribute', () => {
  it('CSV in, CSV out: every original column kept, pool/pool_slug/entity/method added (mempool rules by default)', async () => {
    const io = await run('attribute', 'coinbases.csv');
    const rows = parse(io.out(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...header, 'pool', 'pool_slug', 'entity', 'method']);
    expect(rows).toHaveLength(25);
    expect(rows.slice(0, 5).map((r) => [r.height, r.pool, r.pool_slug, r.method])).toEqual([
      ['307602', 'GHash.IO', 'ghashio', 'address'],
      ['363703', 'AntPool', 'antpool', 'tag'],
      ['383616', 'GHash.IO', 'ghashio', 'address'],
      ['481815', 'BitClub', 'bitclub', 'address'],
      ['481829', 'Bixin', 'bixin', 'address'],
    ]);
    expect(rows.slice(5).every((r) => r.pool === 'Unknown' && r.method === 'unknown')).toBe(true);
    // Original cells are written back unchanged.
    expect(rows[1]!.coinbase_txid).toBe('beb5e45eadcd4acff887a0e3628ad91bd9470b41179a10c0b6d98d0e4c2a38ad');
    expect(io.err()).toContain('attributed 25 block(s) with mempool rules e121f60fbd35');
  });

  it('JSONL in, JSON out, EDI rules at entity level: AntPool → Bitmain by ownership link; GHash.IO address → fallback', async () => {
    const io = await run('attribute', jsonlPath, '--rules', 'edi', '--level', 'entity', '--format', 'json');
    const rows = JSON.parse(io.out()) as Record<string, unknown>[];
    expect(rows.slice(0, 5).map((r) => [r.height, r.pool, r.entity, r.method])).toEqual([
      [307602, GHASH, GHASH, 'fallback'],
      [363703, 'AntPool', 'Bitmain', 'ownership-link'],
      [383616, GHASH, GHASH, 'fallback'],
      [481815, 'BitClub', 'BitClub', 'tag'],
      [481829, 'Bixin', 'Bixin', 'tag'],
    ]);
    expect(rows[0]!.payout_addresses).toBe(GHASH);
  });

  it('mempool rules at entity level use the EDI legal links; pool level leaves entity = pool', async () => {
    const entity = JSON.parse((await run('attribute', 'coinbases.csv', '--level', 'entity', '--format', 'json')).out()) as Record<string, string>[];
    const pool = JSON.parse((await run('attribute', 'coinbases.csv', '--format', 'json')).out()) as Record<string, string>[];
    expect([entity[1]!.entity, entity[1]!.method]).toEqual(['Bitmain', 'ownership-link']);
    expect([pool[1]!.entity, pool[1]!.method]).toEqual(['AntPool', 'tag']);
  });

  it('--rules PATH and --format table', async () => {
    const rules = join(dir, 'pool-list.json');
    writeFileSync(rules, readFileSync(datasetPath('bitcoin/pool-definitions-bitcoin-data/pool-list.json')));
    const io = await run('attribute', 'coinbases.csv', '--rules', rules, '--format', 'table');
    const lines = io.out().split('\n');
    expect(lines[0]).toMatch(/^height\s+block_hash\s+.*pool\s+pool_slug\s+entity\s+method$/);
    expect(lines[2]).toMatch(/^307602 .* GHash\.IO\s+ghashio\s+GHash\.IO\s+address$/);
    expect(io.err()).toContain('bitcoin-data rules 50bca9f7391e');
  });

  it('bad rows and options are typed errors naming file, line and field', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = csvText.split('\r\n');
    lines[3] = lines[3]!.replace(/,0380da05/, ',0380zz05');
    writeFileSync(bad, lines.join('\n'));
    await expect(run('attribute', 'bad.csv')).rejects.toThrow(DecodeError);
    await expect(run('attribute', 'bad.csv')).rejects.toThrow(`${bad}:4 [coinbase_scriptsig_hex]: invalid hex`);
    const noCol = join(dir, 'nocol.csv');
    writeFileSync(noCol, 'height,scriptsig\n1,00\n');
    await expect(run('attribute', noCol)).rejects.toThrow(`${noCol}:1 [coinbase_scriptsig_hex]: missing column`);
    const badJsonl = join(dir, 'bad.jsonl');
    writeFileSync(badJsonl, '{"coinbase_scriptsig_hex":"0102"}\n{"coinbase_scriptsig_hex":"0102","time":"later"}\n');
    await expect(run('attribute', badJsonl)).rejects.toThrow(`${badJsonl}:2 [time]: invalid time`);
    await expect(run('attribute', 'coinbases.csv', '--level', 'planet')).rejects.toThrow(UsageError);
    await expect(run('attribute', 'coinbases.csv', '--rules', 'nonsense')).rejects.toThrow(UsageError);
    await expect(run('attribute', 'missing.csv')).rejects.toThrow(/cannot read .*missing\.csv: no such file/);
  });
});

describe('nakamoto attribution diff', () => {
  it('mempool vs EDI: the two GHash.IO-address blocks differ (EDI has no GHash.IO address); tags agree', async () => {
    const io = await run('attribution', 'diff', '--rules', 'mempool', '--rules', 'edi', 'coinbases.csv', '--format', 'csv');
    expect(parse(io.out(), { columns: true })).toEqual([{ pool_a: 'GHash.IO', pool_b: GHASH, blocks: '2' }]);
    expect(io.err()).toContain('2 of 25 block(s) attributed differently (A = mempool e121f60fbd35, B = edi bb50dab6e8b3)');
  });

  it('mempool vs bitcoin-data on these blocks: no difference; table output has the headers', async () => {
    const io = await run('attribution', 'diff', '--rules', 'mempool', '--rules', 'bitcoin-data', jsonlPath);
    expect(io.out().split('\n')[0]).toMatch(/^pool \(mempool\)\s+pool \(bitcoin-data\)\s+blocks$/);
    expect(io.out().trim().split('\n')).toHaveLength(2);
    expect(io.err()).toContain('0 of 25 block(s)');
  });

  it('entity level: EDI vs mempool-with-links agree on AntPool → Bitmain', async () => {
    const io = await run('attribution', 'diff', '--rules', 'edi', '--rules', 'mempool', '--level', 'entity', 'coinbases.csv', '--format', 'json');
    expect(JSON.parse(io.out())).toEqual([{ entity_a: GHASH, entity_b: 'GHash.IO', blocks: 2 }]);
  });

  it('--rules must be given exactly twice', async () => {
    await expect(run('attribution', 'diff', '--rules', 'mempool', 'coinbases.csv')).rejects.toThrow('give --rules exactly twice (got 1)');
  });
});
