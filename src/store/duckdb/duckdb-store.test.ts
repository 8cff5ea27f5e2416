import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { blockBatch, runStoreContract } from '../../../test/contracts/store.contract.js';
import { runSnapshotStoreContract } from '../../../test/contracts/snapshot-store.contract.js';
import { ingestDataset } from '../../pipeline/ingest-dataset.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { openDuckDbStore } from './duckdb-store.js';
import { loadMigrations } from './migrate.js';
import { ingestKilledAfterParse } from '../../../test/helpers/kill-ingest.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'nakamoto-duck-'));

runStoreContract('DuckDB (file)', () => openDuckDbStore(join(tmp(), 'store.duckdb')));
runSnapshotStoreContract('DuckDB (file)', () => openDuckDbStore(join(tmp(), 'store.duckdb')));

const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');

describe('DuckDB migrations', () => {
  it('a store created before migration 0003 keeps its rows when the key indexes are dropped', async () => {
    const path = join(tmp(), 'old.duckdb');
    const inst = await DuckDBInstance.create(path);
    const conn = await inst.connect();
    await conn.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
    for (const m of loadMigrations().filter((x) => x.version < 3)) {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)', [m.version, m.name]);
    }
    await conn.run("INSERT INTO blocks VALUES (5, NULL, 500, 'a')");
    await conn.run("INSERT INTO block_labels VALUES ('a', 5, 'pool-x', 'r1', 1)");
    await conn.run("INSERT INTO ingests VALUES (1, 'a', 'k', 'in', 's', 'r1', 'd', 'block', 1, 0, 1, 0, 0, now()::TIMESTAMP)");
    conn.closeSync();
    inst.closeSync();
    const store = await openDuckDbStore(path);
    try {
      const r = await store.readBlockLabels('a');
      expect([[...r.heights], [...r.timeSec], r.labels]).toEqual([[5], [500], ['pool-x']]);
      // Writing the same height again updates in place: still one row.
      await store.writeBlockLabels(blockBatch('a', [[5, 500, 'pool-y']]), { kind: 'k', sha256: 'b'.repeat(64), rulesVersion: 'r2', rows: 1, skipped: 0 });
      const after = await store.readBlockLabels('a');
      expect([[...after.heights], after.labels]).toEqual([[5], ['pool-y']]);
    } finally {
      await store.close();
    }
  });
});

describe('DuckDB store on real data', () => {
  it('ingesting the same file twice changes nothing; --force re-merges with every row unchanged', async () => {
    const store = await openDuckDbStore(join(tmp(), 's.duckdb'));
    try {
      const first = await ingestDataset(store, datasetPath('bitcoin/btccom-pool-labels-2016-2018/miningpool.csv'));
      expect(first.sources[0]!.write).toMatchObject({ inserted: 146_148, updated: 0 });
      const second = await ingestDataset(store, datasetPath('bitcoin/btccom-pool-labels-2016-2018/miningpool.csv'));
      expect(second.sources[0]!.write).toBeNull();
      expect(second.sources[0]!.alreadyIngestedAs).toBe(first.sources[0]!.write!.ingestId);
      const forced = await ingestDataset(store, datasetPath('bitcoin/btccom-pool-labels-2016-2018/miningpool.csv'), { force: true });
      expect(forced.sources[0]!.write).toMatchObject({ inserted: 0, updated: 0, unchanged: 146_148 });
      expect((await store.listIngests()).length).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('a process killed mid-ingest leaves the store as before the batch, and a rerun completes it', async () => {
    const dir = tmp();
    const db = join(dir, 'crash.duckdb');
    const outcomes: string[] = [];
    const states: number[] = [];
    // After the parse the two sources' writes take ~0.3–0.6 s (tsx child, 2 cores): kills spread over them.
    for (const delayMs of [0, 100, 200, 350]) {
      outcomes.push(await ingestKilledAfterParse(db, PERBLOCK, delayMs));
      // After each kill: each source is either absent or complete, and matches the ingest log.
      const store = await openDuckDbStore(db);
      try {
        const sources = await store.listSources();
        const ingests = await store.listIngests();
        for (const s of sources) {
          expect(s.blocks).toBe(s.source === 'perblock-v1' ? 331_777 : 282_174);
          expect(ingests.some((i) => i.source === s.source)).toBe(true);
        }
        expect(ingests.length).toBe(sources.length);
        states.push(sources.length);
      } finally {
        await store.close();
      }
    }
    // The kills must really have interrupted work (not arrived after a clean exit).
    expect(outcomes.filter((o) => o === 'SIGKILL').length).toBeGreaterThanOrEqual(2);
    console.log(`crash test: outcomes ${outcomes.join(', ')}; committed sources after each kill: ${states.join(', ')}`);
    const store = await openDuckDbStore(db);
    try {
      await ingestDataset(store, PERBLOCK);
      const sources = await store.listSources();
      expect(sources.map((s) => [s.source, s.blocks])).toEqual([
        ['perblock-v1', 331_777],
        ['perblock-v2', 282_174],
      ]);
    } finally {
      await store.close();
    }
  }, 180_000);
});
