/**
 * @module The embedded DuckDB store: opening (read-only for readers, with lock waits and a one-time
 * schema upgrade) and every write and read. Writes go through TEMP staging tables and are then
 * merged into the real tables inside one transaction together with the `ingests` row, so a killed
 * process leaves the store exactly as before the batch; block labels in block-label-merge.ts.
 */
import { checkSnapshotBatch } from '../snapshot-batch.js';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { StoreBusyError, StoreError } from '../../domain/errors.js';
import type { BlockLabelBatch, DailyCountBatch } from '../../domain/batches.js';
import { COUNT_FACTS_SQL, factNumbers, factRows, INSERT_FACTS_SQL, READ_FACTS_SQL, UPDATE_FACTS_SQL } from '../block-facts-sql.js';
import { FACTS_GRANULARITY } from '../store.js';
import type {
  BlockFactsBatch,
  StoredBlockFacts,
  IngestMeta,
  IngestRecord,
  SnapshotBatch,
  SourceSummary,
  Store,
  StoredSnapshot,
  StoredBlockLabels,
  StoredDailyCounts,
  WriteSummary,
} from '../store.js';
import { ChainRepo } from './chain-repo.js';
import { migrate, pendingMigrations } from './migrate.js';
import { ingestRecord, sourceSummary, storedSnapshot, num } from '../row-mappers.js';
import { inTransaction } from './transaction.js';
import { mergeBlockLabels } from './block-label-merge.js';
import { insertIngest, nextIngestId } from './ingests-table.js';
import { ChainDelegatingStore } from '../chain-delegate.js';

export interface OpenOptions {
  /** Open for reading only: many processes may read at once (no migrations are run, unless the file needs them). */
  readonly readOnly?: boolean;
  /**
   * How long to keep retrying while another process holds a conflicting lock on the file (DuckDB
   * allows one writer or any number of readers per file); default 15 s. 0 = fail at once.
   */
  readonly lockWaitMs?: number;
}

/**
 * Open an existing store for reading only (DuckDB READ_ONLY: works on a file the user may not write,
 * e.g. mode 444, and changes nothing). Null when the file is empty or has no nakamoto schema (it is
 * not a store yet); StoreError when its schema is older than this program's (a write command upgrades it).
 */
export async function openDuckDbStoreReadOnly(path: string, lockWaitMs = 15_000): Promise<Store | null> {
  if (statSync(path).size === 0) return null;
  for (let attempt = 0; ; attempt++) {
    const instance = await createInstance(path, true, lockWaitMs);
    const conn = await instance.connect();
    let pending: string[] | null;
    try {
      pending = await pendingMigrations(conn);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    if (pending !== null && pending.length === 0) return new DuckDbStore(path, instance, conn);
    conn.closeSync();
    instance.closeSync();
    if (pending === null) return null;
    // A store written by an older version: bring its schema up to date once (a short write), then read.
    if (attempt > 0) throw new StoreError(`store ${path} still has an older schema after upgrading (missing ${pending.join(', ')})`);
    await upgradeSchema(path, pending, lockWaitMs);
  }
}

/** Apply pending migrations to an older store; a file the user may not write gets a clear error instead. */
async function upgradeSchema(path: string, pending: readonly string[], lockWaitMs: number): Promise<void> {
  let writer: DuckDBInstance;
  try {
    writer = await createInstance(path, false, lockWaitMs);
  } catch (err) {
    if (err instanceof StoreBusyError) throw err;
    throw new StoreError(`store ${path} has an older schema (missing ${pending.join(', ')}) and cannot be upgraded here (${(err as Error).message}): run a writing command (\`nakamoto ingest …\`) on it once where it is writable`, { cause: err });
  }
  const wconn = await writer.connect();
  try {
    await migrate(wconn);
  } finally {
    wconn.closeSync();
    writer.closeSync();
  }
}

/** A lock conflict with another process (not any message containing "lock", e.g. "block" in a checksum error). */
const isLockError = (err: unknown) => /conflicting lock|could not set lock/i.test((err as Error).message ?? '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Open a DuckDB file, retrying (with backoff) while another process holds a conflicting lock. */
async function createInstance(path: string, readOnly: boolean, lockWaitMs: number): Promise<DuckDBInstance> {
  const deadline = performance.now() + lockWaitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    try {
      return await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (err) {
      const msg = (err as Error).message;
      if (isLockError(err) && performance.now() + delay < deadline) {
        await sleep(delay);
        continue;
      }
      if (isLockError(err)) {
        throw new StoreBusyError(`cannot open store ${path}: another process kept it locked for ${(lockWaitMs / 1000).toFixed(1)} s (${msg.split('\n')[0]}) (is another nakamoto process using it?)`, { cause: err });
      }
      throw new StoreError(`cannot open store ${path}: ${msg.split('\n')[0]}`, { cause: err });
    }
  }
}

export async function openDuckDbStore(path: string, o: OpenOptions = {}): Promise<Store> {
  const readOnly = Boolean(o.readOnly) && path !== ':memory:';
  const lockWaitMs = o.lockWaitMs ?? 15_000;
  if (path !== ':memory:' && !readOnly) mkdirSync(dirname(path), { recursive: true });
  let instance = await createInstance(path, readOnly, lockWaitMs);
  let conn = await instance.connect();
  if (!readOnly) {
    await migrate(conn);
    await conn.run(NO_VACUUM);
  } else {
    const pending = await pendingMigrations(conn);
    if (pending?.length === 0) return new DuckDbStore(path, instance, conn);
    // A store written by an older version (or no store yet): bring its schema up to date once, then read.
    conn.closeSync();
    instance.closeSync();
    await upgradeSchema(path, pending ?? ['every migration'], lockWaitMs);
    instance = await createInstance(path, true, lockWaitMs);
    conn = await instance.connect();
  }
  return new DuckDbStore(path, instance, conn);
}

/**
 * Checkpoints of a writer do not "vacuum" (merge partly filled row groups). A bulk insert on several
 * threads leaves one partly filled row group per thread, and the vacuum then rewrote them all at the
 * checkpoint when the store closed: ~0.2 s of CPU for the per-block file, for a layout that reads no
 * faster. The store deletes rows only when a chain reorg is rolled back (a few blocks), so there is
 * little else for a vacuum to reclaim. docs/storage.md.
 */
const NO_VACUUM = 'SET max_vacuum_tasks = 0';

/** Column values → typed array (a plain loop: TypedArray.from with a map function is slow in V8). */
function typed<T extends Int32Array | Float64Array>(make: new (n: number) => T, values: readonly unknown[]): T {
  const out = new make(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : num(v);
  }
  return out;
}


class DuckDbStore extends ChainDelegatingStore implements Store {
  readonly location: string;
  private readonly instance: DuckDBInstance;
  private readonly conn: DuckDBConnection;
  protected readonly chain: ChainRepo;

  constructor(location: string, instance: DuckDBInstance, conn: DuckDBConnection) {
    super();
    this.location = location;
    this.instance = instance;
    this.conn = conn;
    this.chain = new ChainRepo(conn);
  }

  async findIngest(source: string, sha256: string): Promise<IngestRecord | null> {
    const rows = await this.ingestRows('WHERE source = $1 AND sha256 = $2 ORDER BY id DESC LIMIT 1', [source, sha256]);
    return rows[0] ?? null;
  }

  async listIngests(): Promise<IngestRecord[]> {
    return this.ingestRows('ORDER BY id', []);
  }

  private async ingestRows(where: string, params: string[]): Promise<IngestRecord[]> {
    const r = await this.conn.runAndReadAll(
      `SELECT id, source, kind, input, sha256, rules_version, rows, skipped, inserted, updated, unchanged, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') FROM ingests ${where}`,
      params,
    );
    return r.getRowsJS().map((x) => ingestRecord(x));
  }

  writeBlockLabels(batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary> {
    return mergeBlockLabels(this.conn, batch, meta);
  }

  async writeBlockFacts(batch: BlockFactsBatch, meta: IngestMeta): Promise<WriteSummary> {
    const c = this.conn;
    await c.run('CREATE OR REPLACE TEMP TABLE staging_facts (height INTEGER, version BIGINT, scriptsig_hex VARCHAR, tx_count INTEGER, weight INTEGER, fee_sat BIGINT, reward_sat BIGINT)');
    const app = await c.createAppender('staging_facts', 'main', 'temp');
    const cols = { version: factNumbers(batch, 'version'), txCount: factNumbers(batch, 'txCount'), weight: factNumbers(batch, 'weight'), fee: factNumbers(batch, 'feeSat'), reward: factNumbers(batch, 'rewardSat') };
    const big = (v: number) => (Number.isNaN(v) ? app.appendNull() : app.appendBigInt(BigInt(v)));
    const int = (v: number) => (Number.isNaN(v) ? app.appendNull() : app.appendInteger(v));
    for (let i = 0; i < batch.heights.length; i++) {
      app.appendInteger(batch.heights[i]!);
      big(cols.version[i]!);
      const sig = batch.scriptSigHex?.[i] ?? null;
      if (sig === null) app.appendNull();
      else app.appendVarchar(sig);
      int(cols.txCount[i]!);
      int(cols.weight[i]!);
      big(cols.fee[i]!);
      big(cols.reward[i]!);
      app.endRow();
    }
    app.closeSync();
    return inTransaction(this.conn, async () => {
      const [inserted, updated, unchanged] = ((await c.runAndReadAll(COUNT_FACTS_SQL.replaceAll('staging_facts', 'temp.main.staging_facts'))).getRowsJS()[0] ?? []).map(num) as [number, number, number];
      const id = await nextIngestId(c);
      if (updated > 0) await c.run(UPDATE_FACTS_SQL.replaceAll('staging_facts', 'temp.main.staging_facts'), [id]);
      if (inserted > 0) await c.run(INSERT_FACTS_SQL.replaceAll('staging_facts', 'temp.main.staging_facts'), [id]);
      await insertIngest(c, id, batch.source, batch.input, batch.description, FACTS_GRANULARITY, meta, { inserted, updated, unchanged });
      return { ingestId: id, inserted, updated, unchanged };
    }, 'staging_facts');
  }

  async readBlockFacts(fromHeight = 0, toHeight = 0x7fffffff): Promise<StoredBlockFacts> {
    const r = await this.conn.runAndReadAll(READ_FACTS_SQL, [fromHeight, toHeight]);
    return factRows(r.getRowsJS());
  }

  async writeDailyCounts(batch: DailyCountBatch, meta: IngestMeta): Promise<WriteSummary> {
    const c = this.conn;
    await c.run('CREATE OR REPLACE TEMP TABLE staging_daily (day_sec BIGINT, entity VARCHAR, blocks INTEGER)');
    const app = await c.createAppender('staging_daily', 'main', 'temp');
    for (let i = 0; i < batch.counts.length; i++) {
      app.appendBigInt(BigInt(batch.daySec[i]!));
      app.appendVarchar(batch.entities[i]!);
      app.appendInteger(batch.counts[i]!);
      app.endRow();
    }
    app.closeSync();
    return inTransaction(this.conn, async () => {
      const counts = await c.runAndReadAll(
        `SELECT count(*) FILTER (WHERE d.blocks IS NULL), count(*) FILTER (WHERE d.blocks <> s.blocks), count(*) FILTER (WHERE d.blocks = s.blocks)
         FROM staging_daily s LEFT JOIN daily_counts d ON d.source = $1 AND d.day_sec = s.day_sec AND d.entity = s.entity`,
        [batch.source],
      );
      const [inserted, updated, unchanged] = (counts.getRowsJS()[0] ?? []).map(num) as [number, number, number];
      const id = await nextIngestId(c);
      await c.run(
        `INSERT INTO daily_counts SELECT $1, day_sec, entity, blocks, $2, $3 FROM staging_daily
         ON CONFLICT (source, day_sec, entity) DO UPDATE SET blocks = excluded.blocks, rules_version = excluded.rules_version, ingest_id = excluded.ingest_id
         WHERE daily_counts.blocks <> excluded.blocks`,
        [batch.source, meta.rulesVersion, id],
      );
      await insertIngest(c, id, batch.source, batch.input, batch.description, 'day', meta, { inserted, updated, unchanged });
      return { ingestId: id, inserted, updated, unchanged };
    }, 'staging_daily');
  }

  async writeSnapshots(batch: SnapshotBatch, meta: IngestMeta): Promise<WriteSummary> {
    checkSnapshotBatch(batch);
    const c = this.conn;
    await c.run(
      'CREATE OR REPLACE TEMP TABLE staging_snapshots (dataset VARCHAR, subject VARCHAR, time_sec BIGINT, block BIGINT, format VARCHAR, sha256 VARCHAR, body VARCHAR)',
    );
    const app = await c.createAppender('staging_snapshots', 'main', 'temp');
    for (const x of batch.snapshots) {
      app.appendVarchar(x.dataset);
      app.appendVarchar(x.subject);
      app.appendBigInt(BigInt(x.timeSec));
      if (x.block === null) app.appendNull();
      else app.appendBigInt(BigInt(x.block));
      app.appendVarchar(x.format);
      app.appendVarchar(x.sha256);
      app.appendVarchar(x.body);
      app.endRow();
    }
    app.closeSync();
    return inTransaction(this.conn, async () => {
      const counts = await c.runAndReadAll(
        `SELECT count(*) FILTER (WHERE d.sha256 IS NULL), count(*) FILTER (WHERE d.sha256 <> s.sha256), count(*) FILTER (WHERE d.sha256 = s.sha256)
         FROM temp.main.staging_snapshots s LEFT JOIN snapshots d USING (dataset, subject, time_sec)`,
      );
      const [inserted, updated, unchanged] = (counts.getRowsJS()[0] ?? []).map(num) as [number, number, number];
      const id = await nextIngestId(c);
      await c.run(
        `INSERT INTO snapshots SELECT dataset, subject, time_sec, block, format, sha256, body, $1, $2 FROM temp.main.staging_snapshots
         ON CONFLICT (dataset, subject, time_sec) DO UPDATE SET block = excluded.block, format = excluded.format, sha256 = excluded.sha256,
           body = excluded.body, source = excluded.source, ingest_id = excluded.ingest_id
         WHERE snapshots.sha256 <> excluded.sha256`,
        [batch.source, id],
      );
      await insertIngest(c, id, batch.source, batch.input, batch.description, 'snapshot', meta, { inserted, updated, unchanged });
      return { ingestId: id, inserted, updated, unchanged };
    }, 'staging_snapshots');
  }

  async readSnapshots(dataset: string, subject?: string): Promise<StoredSnapshot[]> {
    const r = await this.conn.runAndReadAll(
      `SELECT dataset, subject, CAST(time_sec AS DOUBLE), CAST(block AS DOUBLE), format, sha256, body, source, ingest_id FROM snapshots
       WHERE dataset = $1 ${subject === undefined ? '' : 'AND subject = $2'} ORDER BY time_sec, subject`,
      subject === undefined ? [dataset] : [dataset, subject],
    );
    return r.getRowsJS().map((x) => storedSnapshot(x));
  }

  async listSources(): Promise<SourceSummary[]> {
    const r = await this.conn.runAndReadAll(`
      WITH latest AS (SELECT source, arg_max(description, id) AS description, arg_max(granularity, id) AS granularity FROM ingests WHERE granularity <> '${FACTS_GRANULARITY}' GROUP BY source),
      blk AS (SELECT l.source, count(*) AS n, min(l.height) AS h0, max(l.height) AS h1, min(b.time_sec) AS t0, max(b.time_sec) AS t1,
                     list(DISTINCT l.rules_version ORDER BY l.rules_version) AS rv
              FROM block_labels l LEFT JOIN blocks b USING (height) GROUP BY l.source),
      day AS (SELECT source, sum(blocks) AS n, min(day_sec) AS t0, max(day_sec) AS t1, list(DISTINCT rules_version ORDER BY rules_version) AS rv
              FROM daily_counts GROUP BY source),
      snap AS (SELECT source, count(*) AS n, min(block) AS h0, max(block) AS h1, min(time_sec) AS t0, max(time_sec) AS t1,
                      list(DISTINCT format ORDER BY format) AS rv
               FROM snapshots GROUP BY source)
      SELECT latest.source, latest.granularity, latest.description,
             coalesce(blk.n, day.n, snap.n, 0), coalesce(blk.h0, snap.h0), coalesce(blk.h1, snap.h1), coalesce(blk.t0, day.t0, snap.t0),
             coalesce(blk.t1, day.t1, snap.t1), coalesce(blk.rv, day.rv, snap.rv, [])
      FROM latest LEFT JOIN blk USING (source) LEFT JOIN day USING (source) LEFT JOIN snap USING (source) ORDER BY latest.source`);
    return r.getRowsJS().map((x) => sourceSummary(x));
  }

  async readBlockLabels(source: string): Promise<StoredBlockLabels> {
    const names = await this.conn.runAndReadAll('SELECT DISTINCT label FROM block_labels WHERE source = $1 ORDER BY label', [source]);
    const labels = (names.getColumnsJS()[0] ?? []).map(String);
    // Label ids from a dictionary over the distinct labels (not a window over every row), times as
    // DOUBLE (no BigInt per row): this read is on the path of every metrics query.
    const r = await this.conn.runAndReadAll(
      `WITH d AS (SELECT label, (row_number() OVER (ORDER BY label) - 1)::INTEGER AS id FROM (SELECT DISTINCT label FROM block_labels WHERE source = $1))
       SELECT l.height, CAST(b.time_sec AS DOUBLE), d.id FROM block_labels l JOIN d USING (label) LEFT JOIN blocks b USING (height)
       WHERE l.source = $1 ORDER BY l.height`,
      [source],
    );
    const [h = [], t = [], k = []] = r.getColumnsJS();
    return { heights: typed(Int32Array, h), timeSec: typed(Float64Array, t), label: typed(Int32Array, k), labels };
  }

  async readDailyCounts(source: string): Promise<StoredDailyCounts> {
    const names = await this.conn.runAndReadAll('SELECT DISTINCT entity FROM daily_counts WHERE source = $1 ORDER BY entity', [source]);
    const entities = (names.getColumnsJS()[0] ?? []).map(String);
    const r = await this.conn.runAndReadAll(
      `SELECT day_sec, dense_rank() OVER (ORDER BY entity) - 1, blocks FROM daily_counts WHERE source = $1 ORDER BY day_sec, entity`,
      [source],
    );
    const [d = [], e = [], b = []] = r.getColumnsJS();
    return { daySec: typed(Float64Array, d), entity: typed(Int32Array, e), counts: typed(Int32Array, b), entities };
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
