/**
 * `nakamoto economics --source chain --db FILE`: the real raw blocks (datasets/bitcoin/raw-blocks)
 * synced into a DuckDB file from a fake Core node on 127.0.0.1, then read back per block and per
 * window through the CLI. Expected figures come from expected.json, the subsidy schedule by hand and
 * Blockchair's row for block 702,861, not from this code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncChain } from '../../../pipeline/sync-chain.js';
import { loadRuleSet } from '../../../sources/attribution-rules/load.js';
import { CoreRpcSource } from '../../../sources/bitcoin/core-rpc.js';
import { openDuckDbStore } from '../../../store/duckdb/duckdb-store.js';
import { linkedChain, realSparseChain, expectedAt, FakeChain } from '../../../../test/helpers/fake-chain.js';
import { startFakeCoreRpc } from '../../../../test/helpers/fake-core-rpc.js';
import { blockchairRow, loadRealBlocks } from '../../../../test/support/bitcoin-blocks.js';
import { captureIo } from '../io.js';
import { register } from './economics.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-econ-chain-'));
const realDb = join(dir, 'real.duckdb');
const linkedDb = join(dir, 'linked.duckdb');
const env = { NAKAMOTO_DB: join(dir, 'absent.duckdb') };

async function syncInto(path: string, chain: FakeChain, heights?: readonly number[]): Promise<void> {
  const server = await startFakeCoreRpc(chain, { style: '2.0' });
  const store = await openDuckDbStore(path);
  try {
    const source = new CoreRpcSource({ url: server.url, auth: { user: 'alice', password: 'secret' } });
    const ruleSet = await loadRuleSet('mempool');
    if (heights) for (const h of heights) await syncChain(store, source, { ruleSet, fromHeight: h, toHeight: h });
    else await syncChain(store, source, { ruleSet });
  } finally {
    await store.close();
    await server.close();
  }
}

beforeAll(async () => {
  await syncInto(realDb, realSparseChain(), [0, 277_647, 413_567, 542_213, 702_861]);
  // Genesis then 29 blocks 6 h apart carrying the real coinbases of 277,647 … 702,861 (cycled).
  await syncInto(linkedDb, new FakeChain(linkedChain(30, { spacingSec: 21_600 })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIo(env);
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  await program.parseAsync(['node', 'nakamoto', ...args]);
  return io;
}

type JsonRow = Record<string, string | number | null>;
const jsonOut = (text: string) => JSON.parse(text) as { method: string; price: string; rows: JsonRow[] };

describe('nakamoto economics --source chain', () => {
  it('--per-block: subsidy (schedule and claimed), derived fees, reward, transactions and weight of the synced real blocks', async () => {
    const io = await run(['economics', '--source', 'chain', '--db', realDb, '--per-block', '--format', 'json']);
    const out = jsonOut(io.out());
    const rows = out.rows;
    const scheduled = [5_000_000_000, 2_500_000_000, 2_500_000_000, 1_250_000_000, 625_000_000]; // sat: 50 BTC halved per 210,000 blocks, by hand
    const real = loadRealBlocks();
    expect(rows.map((r) => Number(r.height))).toEqual(real.map((b) => b.expected.height));
    real.forEach(({ expected: e }, i) => {
      const total = e.coinbase_outputs.reduce((s, o) => s + Number(o.sats), 0);
      const r = rows[i]!;
      expect([r.tx_count, r.scheduled_subsidy_sat, r.claimed_subsidy_sat, r.fees_sat, r.reward_sat, r.fees_from, r.time]).toEqual([
        e.tx_count, scheduled[i], scheduled[i], total - scheduled[i]!, total, 'coinbase − schedule', e.time_utc.replace('.000Z', 'Z'),
      ]);
    });
    const bc = await blockchairRow(702_861);
    expect([rows[4]!.fees_sat, rows[4]!.reward_sat, rows[4]!.weight, rows[4]!.tx_count, rows[4]!.pool]).toEqual([
      bc.feeSat, bc.rewardSat, bc.weight, bc.txCount, 'Binance Pool',
    ]);
    expect(out.method).toContain('fees: derived: Σ coinbase outputs − scheduled subsidy');
  });

  it('--per-block --from/--to limit by UTC date; the table names the source and the store', async () => {
    const io = await run(['economics', '--source', 'chain', '--db', realDb, '--per-block', '--from', '2016-01-01', '--to', '2019-01-01']);
    const out = io.out();
    expect(out).toContain('# source: chain — blocks synced into the store');
    expect(out).toContain(`# from: ${realDb}`);
    expect(out).toMatch(/413567 .*F2Pool/);
    expect(out).toMatch(/542213 .*AntPool/);
    expect(out.split('\n').filter((l) => /^\s*\d{6} /.test(l)).map((l) => l.trim().split(/\s+/)[0])).toEqual(['413567', '542213']);
  });

  it('daily windows over a contiguous synced chain: reward = Σ coinbase totals, fees 0 where coinbases under-claim 50 BTC', async () => {
    const io = await run(['economics', '--source', 'chain', '--db', linkedDb, '--window', '1d', '--format', 'json']);
    const out = jsonOut(io.out());
    const rows = out.rows;
    expect(out.price).toContain('USD figures use data/hardware/btc-usd-monthly.csv');
    // Blocks 1…29 at genesis + 6 h · h; the windows are the whole UTC days between the first and last block.
    const genesis = 1231006505;
    for (const r of rows) {
      const start = Date.parse(`${String(r.window_start)}T00:00:00Z`) / 1000;
      const inDay = Array.from({ length: 30 }, (_, h) => h).filter((h) => genesis + h * 21_600 >= start && genesis + h * 21_600 < start + 86_400);
      const reward = inDay.reduce((s, h) => s + expectedAt(h).coinbase_outputs.reduce((t, o) => t + Number(o.sats), 0), 0);
      expect([r.window_start, Number(r.blocks), Number(r.reward_btc), Number(r.fees_btc)]).toEqual([r.window_start, inDay.length, reward / 1e8, 0]);
    }
    // First block 2009-01-03 18:15, last (29) 2009-01-11 00:15: the whole days are 01-04 … 01-10.
    expect(rows.map((r) => r.window_start)).toEqual(['2009-01-04', '2009-01-05', '2009-01-06', '2009-01-07', '2009-01-08', '2009-01-09', '2009-01-10']);
  });

  it('one-line errors: chain without a store, the Blockchair price with the chain', async () => {
    await expect(run(['economics', '--source', 'chain', '--db', join(dir, 'nope.duckdb')])).rejects.toThrow(/no store at .*nope\.duckdb \(--db\)/);
    await expect(run(['economics', '--source', 'chain', '--db', realDb, '--price', 'blockchair'])).rejects.toThrow('invalid --price: blockchair');
  });
});
