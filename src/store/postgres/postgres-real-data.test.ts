/**
 * The PostgreSQL store on the real per-block attribution file (335,554 heights; v1 331,777 and v2
 * 282,174 labelled blocks, PROVENANCE.md): an ingest process (`--db postgres://…`) killed
 * mid-write leaves the sources it committed and nothing of the one it was writing, the rerun
 * completes it, and the stored data give the same yearly metrics as the DuckDB store.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../../test/helpers/postgres-server.js';
import { parseDuration } from '../../aggregate/duration.js';
import { computeWindowMetrics, resolveRange } from '../../analysis/window-metrics.js';
import { DEFAULT_METRIC_IDS, getMetric } from '../../metrics/index.js';
import { ingestDataset } from '../../pipeline/ingest-dataset.js';
import { loadFromStore } from '../../pipeline/load-bitcoin.js';
import { datasetPath, PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import type { Store } from '../store.js';
import { sourceLock } from './pg-db.js';
import { openPostgresStore } from './postgres-store.js';

const server = usePostgres();
const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
const BLOCKS = { 'perblock-v1': 331_777, 'perblock-v2': 282_174 } as const;

/** True while the session holding `source`'s write lock runs a statement that starts with `prefix`. */
async function running(c: pg.Client, source: string, prefix: string): Promise<boolean> {
  const r = await c.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
       WHERE a.datname = current_database() AND a.state = 'active' AND a.query LIKE $2 || '%' AND l.locktype = 'advisory' AND l.granted
         AND l.classid = ((hashtextextended($1, 0) >> 32) & 4294967295)::oid AND l.objid = (hashtextextended($1, 0) & 4294967295)::oid) AS busy`,
    [sourceLock(source), prefix],
  );
  return r.rows[0]!.busy;
}

/**
 * A child process doing what `nakamoto ingest PERBLOCK --db url` does (the CLI's store opening and
 * ingest pipeline, without loading every command), SIGKILLed while, writing `source`, it runs a
 * statement starting with `prefix`.
 */
async function ingestAndKill(url: string, source: string, prefix: string): Promise<string> {
  const mod = (rel: string) => JSON.stringify(pathToFileURL(join(PROJECT_ROOT, rel)).href);
  const script = `import { ingestDataset } from ${mod('src/pipeline/ingest-dataset.ts')};
    import { captureIo } from ${mod('src/interfaces/cli/io.ts')};
    import { openStoreForWrite } from ${mod('src/interfaces/cli/store-options.ts')};
    const store = await openStoreForWrite(process.env.INGEST_DB, captureIo());
    await ingestDataset(store, process.env.INGEST_FILE);
    await store.close();`;
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, INGEST_DB: url, INGEST_FILE: PERBLOCK },
    });
    const exited = new Promise<string>((resolve, reject) => {
      p.on('error', reject);
      p.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`));
    });
    let alive = true;
    void exited.then(() => (alive = false));
    while (alive && !(await running(watcher, source, prefix))) await new Promise((r) => setTimeout(r, 10));
    p.kill('SIGKILL');
    return await exited;
  } finally {
    await watcher.end();
  }
}

function yearly(store: Store) {
  return loadFromStore(store, 'perblock').then((s) => {
    const spec = { size: parseDuration('1y'), step: parseDuration('1y'), anchor: Date.UTC(2020, 0, 1) / 1000 };
    return computeWindowMetrics({ time: s.series, height: s.heightSeries }, spec, resolveRange(s.coverage, 'time'), DEFAULT_METRIC_IDS.map(getMetric)).map((w) => ({
      start: new Date(w.window.start * 1000).toISOString().slice(0, 10),
      total: w.total,
      values: w.values,
    }));
  });
}

describe('PostgreSQL store on the real per-block dataset', () => {
  // The second test reads the store the first one completed (one full ingest instead of two).
  let completed: string | null = null;

  it('an ingest process killed mid-write leaves the committed sources and nothing of the batch it was writing; the rerun completes it', async () => {
    const url = await server.freshDatabase();
    // Killed in perblock-v2's last merge statement: v1 is committed, v2's new `blocks` rows are
    // already written (uncommitted) and its labels half-way.
    expect(await ingestAndKill(url, 'perblock-v2', 'INSERT INTO block_labels')).toBe('SIGKILL');
    const store = await openPostgresStore(url);
    try {
      expect((await store.listSources()).map((s) => [s.source, s.blocks])).toEqual([['perblock-v1', BLOCKS['perblock-v1']]]);
      expect((await store.listIngests()).map((i) => [i.source, i.inserted])).toEqual([['perblock-v1', BLOCKS['perblock-v1']]]);
      // v1 labels heights 610,683–942,459 (PROVENANCE.md): v2's blocks above them were rolled back with its labels.
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const blocks = await c.query<{ n: string; top: number }>('SELECT count(*) AS n, max(height) AS top FROM blocks').finally(() => c.end());
      expect([Number(blocks.rows[0]!.n), blocks.rows[0]!.top]).toEqual([BLOCKS['perblock-v1'], 942_459]);
      expect(await store.readBlockLabels('perblock-v2')).toMatchObject({ labels: [] });
      const rerun = await ingestDataset(store, PERBLOCK);
      expect(rerun.sources.map((s) => [s.source, s.write?.inserted ?? 'skipped'])).toEqual([['perblock-v1', 'skipped'], ['perblock-v2', BLOCKS['perblock-v2']]]);
      expect((await store.listSources()).map((s) => [s.source, s.blocks, s.lastHeight])).toEqual([['perblock-v1', BLOCKS['perblock-v1'], 942_459], ['perblock-v2', BLOCKS['perblock-v2'], 946_236]]);
    } finally {
      await store.close();
    }
    completed = url;
  }, 60_000);

  it('gives the same yearly metrics as DuckDB, with the yearly block counts of PROVENANCE.md', async () => {
    if (completed === null) throw new Error('needs the store completed by the previous test');
    const [post, duck] = [await openPostgresStore(completed), await openDuckDbStore(':memory:')];
    try {
      await ingestDataset(duck, PERBLOCK);
      const norm = (xs: Awaited<ReturnType<Store['listSources']>>) => xs.map((s) => ({ ...s, rulesVersions: [...s.rulesVersions] }));
      expect(norm(await post.listSources())).toEqual(norm(await duck.listSources()));
      const [py, dy] = [await yearly(post), await yearly(duck)];
      expect(py).toEqual(dy);
      // Independent: blocks per UTC year as counted in the dataset's PROVENANCE.md (2020–2025, complete years).
      expect(py.map((y) => [y.start, y.total])).toEqual([
        ['2020-01-01', 53_222], ['2021-01-01', 52_686], ['2022-01-01', 53_188], ['2023-01-01', 53_999], ['2024-01-01', 53_473], ['2025-01-01', 53_082],
      ]);
    } finally {
      await post.close();
      await duck.close();
    }
  }, 60_000);
});
