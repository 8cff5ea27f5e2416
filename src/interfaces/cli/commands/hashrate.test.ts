/**
 * `nakamoto hashrate` in-process (commander + captureIo): on the embedded default, and on a store
 * synced from a fake Esplora node, with figures computed by hand.
 */
import { poolName } from '../../../pipeline/pool-names.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../sources/attribution-rules/load.js';
import { syncChain } from '../../../pipeline/sync-chain.js';
import { EsploraSource } from '../../../sources/bitcoin/esplora.js';
import { openDuckDbStore } from '../../../store/duckdb/duckdb-store.js';
import { FakeChain, GENESIS_TIME, linkedChain } from '../../../../test/helpers/fake-chain.js';
import { startFakeEsplora } from '../../../../test/helpers/fake-esplora.js';
import { captureIo } from '../io.js';
import { register } from './hashrate.js';

async function run(args: string[], env: Record<string, string | undefined>) {
  const io = captureIo(env);
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  await program.parseAsync(['node', 'nakamoto', 'hashrate', ...args]);
  return io;
}

type Json = { rows: Record<string, number | string | null>[]; difficulty: string };

describe('nakamoto hashrate on the embedded default', () => {
  const env = { NAKAMOTO_DB: join(mkdtempSync(join(tmpdir(), 'nk-hr-')), 'absent.duckdb') };

  it('one week: blocks, mean difficulty and EH/s with lo < estimate < hi', async () => {
    const io = await run(['--window', '7d', '--anchor', '2024-01-01', '--from', '2024-01-01', '--to', '2024-01-15', '--format', 'json'], env);
    const j = JSON.parse(io.out()) as Json;
    expect(j.rows.map((r) => r.window_start)).toEqual(['2024-01-01', '2024-01-08']);
    for (const r of j.rows) {
      // ≈ blocks × difficulty × 2³² / 604,800 s: the columns must agree with each other.
      expect((r.hashrate_ehs as number) / (((r.blocks as number) * (r.difficulty as number) * 2 ** 32) / 604_800 / 1e18)).toBeCloseTo(1, 5);
      expect(r.lo_ehs as number).toBeLessThan(r.hashrate_ehs as number);
      expect(r.hi_ehs as number).toBeGreaterThan(r.hashrate_ehs as number);
    }
    expect(j.difficulty).toMatch(/difficulty_by_block\.csv \+ retargets derived from block times/);
  });

  it('--by-pool: pool rates are shares of the network rate and add up to it', async () => {
    const io = await run(['--window', '7d', '--anchor', '2024-01-01', '--from', '2024-01-01', '--to', '2024-01-08', '--by-pool', '--format', 'json'], env);
    const pools = (JSON.parse(io.out()) as Json).rows;
    const net = (JSON.parse((await run(['--window', '7d', '--anchor', '2024-01-01', '--from', '2024-01-01', '--to', '2024-01-08', '--format', 'json'], env)).out()) as Json).rows[0]!;
    expect(pools.reduce((s, p) => s + (p.blocks as number), 0)).toBe(net.blocks);
    expect(pools.reduce((s, p) => s + (p.hashrate_ehs as number), 0)).toBeCloseTo(net.hashrate_ehs as number, 1);
    expect(pools[0]!.pool).toBe('Foundry USA');
  });

  it('bad options are usage errors', async () => {
    await expect(run(['--confidence', '95'], env)).rejects.toThrow(/invalid --confidence: 95/);
    await expect(run(['--interval', 'normal'], env)).rejects.toThrow(/invalid --interval: normal/);
  });
});

describe('nakamoto hashrate on a synced chain (difficulty from header bits)', () => {
  // 24 blocks a day (one an hour) at regtest bits 0x207fffff, whose difficulty is
  // 0xffff·2^208 / (0x7fffff·2^232) = 65535 / (8388607 · 2^24).
  const D = 65535 / (8388607 * 2 ** 24);
  const blocks = linkedChain(24 * 4 + 1, { spacingSec: 3600 });
  const env: Record<string, string> = {};
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = await startFakeEsplora(new FakeChain(blocks));
    const db = join(mkdtempSync(join(tmpdir(), 'nk-hr-')), 's.duckdb');
    const store = await openDuckDbStore(db);
    await syncChain(store, new EsploraSource({ url: server.api }), { ruleSet: await loadRuleSet('mempool') });
    await store.close();
    env.NAKAMOTO_DB = db;
    close = () => server.close();
  });
  afterAll(async () => close());

  it('a full day of 24 blocks gives D·2³²/3600 H/s', async () => {
    const io = await run(['--window', '1d', '--format', 'json'], env);
    const j = JSON.parse(io.out()) as Json;
    expect(j.difficulty).toBe('header bits of the synced chain');
    // Blocks run from 2009-01-03 19:15 to 2009-01-07 18:15: complete days are 01-04, 01-05, 01-06.
    expect(GENESIS_TIME).toBe(Date.parse('2009-01-03T18:15:05Z') / 1000);
    expect(j.rows.map((r) => [r.window_start, r.blocks])).toEqual([['2009-01-04', 24], ['2009-01-05', 24], ['2009-01-06', 24]]);
    for (const r of j.rows) expect((r.hashrate_ehs as number) / ((D * 2 ** 32) / 3600 / 1e18)).toBeCloseTo(1, 5);
  });

  it('--by-pool: four pools (the real coinbases cycle), each a quarter of the network rate', async () => {
    const j = JSON.parse((await run(['--window', '1d', '--by-pool', '--format', 'json'], env)).out()) as Json;
    const day = j.rows.filter((r) => r.window_start === '2009-01-05');
    // Pools by display name (issue 14: not by slug).
    expect(day.map((r) => [r.pool, r.blocks, r.share]).sort()).toEqual(['antpool', 'binancepool', 'btcguild', 'f2pool'].map((slug) => [poolName(slug), 6, 0.25]).sort());
    expect(day.map((r) => r.pool)).toContain('Binance Pool');
    for (const r of day) expect((r.hashrate_ehs as number) / ((0.25 * D * 2 ** 32) / 3600 / 1e18)).toBeCloseTo(1, 5);
  });

  it('block windows (--window 24b): 24 arrivals in 24 h, gamma interval', async () => {
    const io = await run(['--window', '24b', '--anchor', '1', '--format', 'csv'], env);
    const lines = io.out().trim().split('\n');
    expect(lines[0]).toBe('window_start,window_end,blocks,difficulty,hashrate_ehs,lo_ehs,hi_ehs');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['1,25,24', '25,49,24', '49,73,24', '73,97,24']);
    expect(io.err()).toMatch(/gamma on the time to a fixed number of blocks/);
  });
});
