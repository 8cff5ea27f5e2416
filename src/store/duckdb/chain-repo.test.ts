/**
 * The chain tables of the DuckDB store: the shared chain contract (test/contracts/chain-store.contract.ts),
 * which the PostgreSQL store runs too; and the upgrade of a store whose chain rows predate migration
 * 0007. (Atomicity under SIGKILL: pipeline/sync-chain-crash.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { chainAttr, chainBlock, runChainStoreContract } from '../../../test/contracts/chain-store.contract.js';
import { openDuckDbStore } from './duckdb-store.js';
import { loadMigrations } from './migrate.js';

runChainStoreContract('DuckDB (memory)', () => openDuckDbStore(':memory:'));

describe('migration 0007 on a store synced before it', () => {
  it('keeps the old chain rows (coinbase total and weight NaN) and a re-sync fills them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nk-0007-'));
    const path = join(dir, 'old.duckdb');
    try {
      const db = await DuckDBInstance.create(path);
      const c = await db.connect();
      await c.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
      for (const m of loadMigrations().filter((x) => x.version < 7)) {
        await c.run(m.sql);
        await c.run('INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)', [m.version, m.name]);
      }
      await c.run(`INSERT INTO chain_blocks VALUES (5, '${'a'.repeat(64)}', '${'0'.repeat(64)}', 1700003000, 545259519, 536870912, 7, '00', 'bc1qa', NULL, 1)`);
      c.closeSync();
      db.closeSync();
      const store = await openDuckDbStore(path);
      try {
        const before = await store.readChainBlocks();
        expect([[...before.heights], [...before.txCount], [...before.coinbaseValueSat], [...before.weight]]).toEqual([[5], [7], [Number.NaN], [Number.NaN]]);
        await store.writeChainBatch([{ ...chainBlock(5), coinbaseValueSat: 625_000_000, weight: 1_200 }], [chainAttr(5, 'p')], { source: 'chain:mempool', description: 'test', input: 'rpc://test', kind: 'chain', rulesVersion: 'v1' });
        const after = await store.readChainBlocks();
        expect([[...after.coinbaseValueSat], [...after.weight]]).toEqual([[625_000_000], [1_200]]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
