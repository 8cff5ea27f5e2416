/**
 * /api/economics through app.inject(): the same rows as the query behind the CLI, 400 naming the
 * parameter for bad input.
 */
import { describe, expect, it } from 'vitest';
import { queryEconomics } from '../../../pipeline/queries/economics-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { createApp } from '../app.js';
import { syncChain } from '../../../pipeline/sync-chain.js';
import { loadRuleSet } from '../../../sources/attribution-rules/load.js';
import { CoreRpcSource } from '../../../sources/bitcoin/core-rpc.js';
import { openDuckDbStore } from '../../../store/duckdb/duckdb-store.js';
import { realSparseChain } from '../../../../test/helpers/fake-chain.js';
import { startFakeCoreRpc } from '../../../../test/helpers/fake-core-rpc.js';
import { blockchairRow } from '../../../../test/support/bitcoin-blocks.js';
import { embeddedApp } from '../../../../test/support/embedded-app.js';

const { get } = embeddedApp();

describe('GET /api/economics', () => {
  it('May 2024: hash value and hash price with their interval, price basis stated; same rows as the CLI query', async () => {
    const r = await get('/api/economics?window=1m&at=2024-05-31');
    expect(r.status).toBe(200);
    const row = r.json.rows[0];
    expect(row.window_start).toBe('2024-05-01');
    expect(row.hash_value_lo_sats).toBeLessThan(row.hash_value_sats);
    expect(row.hash_value_hi_sats).toBeGreaterThan(row.hash_value_sats);
    expect(r.json.price).toMatch(/USD figures use Blockchair's daily BTC\/USD/);
    const q = await queryEconomics({ window: '1m', at: '2024-05-31' }, { store: null, datasetsRoot: datasetsRoot() });
    expect(r.json.rows).toEqual(q.rows);
  });
  it('byPool for 2024: empty blocks per pool', async () => {
    const r = await get('/api/economics?window=1y&at=2024-12-31&byPool=true');
    expect(r.status).toBe(200);
    expect(r.json.rows.find((x: { pool: string }) => x.pool === 'AntPool').empty_blocks).toBe(57);
  });
  it('byPool with level=template: family rows, level stated; the same rows as the query', async () => {
    const r = await get('/api/economics?window=1m&at=2024-05-31&byPool=true&level=template');
    expect(r.status).toBe(200);
    expect(r.json.level).toBe('template');
    expect(r.json.rows.every((x: { pool: string }) => x.pool.endsWith(' family') || x.pool === 'unknown')).toBe(true);
    const q = await queryEconomics({ window: '1m', at: '2024-05-31', byPool: true, level: 'template' }, { store: null, datasetsRoot: datasetsRoot() });
    expect(r.json.rows).toEqual(q.rows);
  });
  it('400 naming the parameter', async () => {
    const level = await get('/api/economics?byPool=true&level=family');
    expect(level.status).toBe(400);
    expect(level.json.error.message).toMatch(/level/);
    const noPool = await get('/api/economics?level=owner');
    expect(noPool.status).toBe(400);
    expect(noPool.json.error.message).toMatch(/invalid level/);
    const bad = await get('/api/economics?price=spot');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/price/);
    const blocks = await get('/api/economics?window=144b');
    expect(blocks.status).toBe(400);
    expect(blocks.json.error.message).toMatch(/invalid window/);
  });
});

describe('GET /api/economics?source=chain', () => {
  it('per-block figures from the server store\'s synced chain (real blocks over a loopback node) agree with Blockchair; 400 without a store', async () => {
    const noStore = await get('/api/economics?source=chain&perBlock=true');
    expect(noStore.status).toBe(400);
    expect(noStore.json.error.message).toMatch(/source: chain needs a store/);
    const store = await openDuckDbStore(':memory:');
    const server = await startFakeCoreRpc(realSparseChain(), { style: '2.0' });
    const chainApp = await createApp({ store, datasetsRoot: datasetsRoot() });
    try {
      const source = new CoreRpcSource({ url: server.url, auth: { user: 'alice', password: 'secret' } });
      await syncChain(store, source, { ruleSet: await loadRuleSet('mempool'), fromHeight: 702_861, toHeight: 702_861 });
      const r = await chainApp.inject({ method: 'GET', url: '/api/economics?source=chain&perBlock=true' });
      expect(r.statusCode).toBe(200);
      const body = JSON.parse(r.body) as { rows: Record<string, unknown>[]; provenance: { source: string } };
      const bc = await blockchairRow(702_861);
      expect(body.provenance.source).toBe('chain');
      expect(body.rows).toEqual([expect.objectContaining({ height: 702_861, fees_sat: bc.feeSat, reward_sat: bc.rewardSat, tx_count: bc.txCount, weight: bc.weight, fees_from: 'coinbase − schedule' })]);
    } finally {
      await chainApp.close();
      await server.close();
      await store.close();
    }
  });
});
