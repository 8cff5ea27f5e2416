/**
 * @module The embedded DuckDB store. Writes go through a TEMP staging table (appender, fast) and
 * are then merged into the real tables inside one transaction together with the `ingests` row, so
 * a killed process leaves the store exactly as before the batch.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DecodeError, StoreError } from '../../domain/errors.js';
import type { BlockLabelBatch } from '../../domain/batches.js';
import type { DailyCountBatch } from '../../domain/batches.js';
import type {
  IngestMeta,
  IngestRecord,
  SourceSummary,
  Store,
  StoredBlockLabels,
  StoredDailyCounts,
  WriteSummary,
} from '../store.js';
import { ChainRepo } from './chain-repo.js';
import { migrate, pendingMigrations } from './migrate.js';
import { ingestRecord, sourceSummary, num } from '../row-mappers.js';
import { inTransaction } from './transaction.js';
import { ChainDelegatingStore } from '../chain-delegate.js';

/** DuckDB's open error as a StoreError; the "another process" hint only for a lock conflict. */
function openError(path: string, err: unknown): StoreError {
  const msg = (err as Error).message;
  const hint = /conflicting lock/i.test(msg) ? ' (is another nakamoto process using it?)' : '';
  return new StoreError(`cannot open store ${path}: ${msg.split('\n')[0]}${hint}`, { cause: err });
}

/** Open (creating if needed) a store for writing; pending migrations are applied. */
export async function openDuckDbStore(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (err) {
    throw openError(path, err);
  }
  const conn = await instance.connect();
  await migrate(conn);
  return new DuckDbStore(path, instance, conn);
}

/**
 * Open an existing store for reading only (DuckDB READ_ONLY: works on a file the user may not write,
 * e.g. mode 444, and changes nothing). Null when the file is empty or has no nakamoto schema (it is
 * not a store yet); StoreError when its schema is older than this program's (a write command upgrades it).
 */
export async function openDuckDbStoreReadOnly(path: string): Promise<Store | null> {
  if (statSync(path).size === 0) return null;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (err) {
    throw openError(path, err);
  }
  const conn = await instance.connect();
  try {
    const pending = await pendingMigrations(conn);
    if (pending === null) {
      conn.closeSync();
      instance.closeSync();
      return null;
    }
    if (pending.length > 0) throw new StoreError(`store ${path} has an older schema (missing ${pending.join(', ')}): run a writing command (\`nakamoto ingest …\`) on it once to upgrade it`);
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    throw err;
  }
  return new DuckDbStore(path, instance, conn);
}

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

  private async nextIngestId(): Promise<number> {
    const r = await this.conn.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM ingests');
    return num(r.getRowsJS()[0]?.[0]);
  }

  async writeBlockLabels(batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary> {
    const c = this.conn;
    // Staging: labels interned to integer ids (a label dictionary table beside it), times as DOUBLE:
    // integer and double appends are far cheaper than a string or a BigInt per row.
    await c.run('CREATE OR REPLACE TEMP TABLE staging_dict (id INTEGER, label VARCHAR)');
    await c.run('CREATE OR REPLACE TEMP TABLE staging_labels (height INTEGER, time_sec DOUBLE, label_id INTEGER, hash VARCHAR)');
    const { heights, timeSec, labels, hashes } = batch;
    const ids = new Map<string, number>();
    const dict = await c.createAppender('staging_dict', 'main', 'temp');
    const app = await c.createAppender('staging_labels', 'main', 'temp');
    for (let i = 0; i < heights.length; i++) {
      const label = labels[i]!;
      let id = ids.get(label);
      if (id === undefined) {
        id = ids.size;
        ids.set(label, id);
        dict.appendInteger(id);
        dict.appendVarchar(label);
        dict.endRow();
      }
      app.appendInteger(heights[i]!);
      const t = timeSec[i]!;
      if (Number.isNaN(t)) app.appendNull();
      else app.appendDouble(t);
      app.appendInteger(id);
      const h = hashes?.[i];
      if (h === undefined) app.appendNull();
      else app.appendVarchar(h);
      app.endRow();
    }
    dict.closeSync();
    app.closeSync();
    const staged = `(SELECT s.height, CAST(s.time_sec AS BIGINT) AS time_sec, d.label, s.hash FROM temp.main.staging_labels s JOIN temp.main.staging_dict d ON d.id = s.label_id)`;
    return inTransaction(this.conn, async () => {
      // Fast path for a fresh store or source: skip the joins whose answer is known.
      const sizes = await c.runAndReadAll('SELECT (SELECT count(*) FROM blocks), (SELECT count(*) FROM block_labels WHERE source = $1)', [batch.source]);
      const [blockRows, sourceRows] = (sizes.getRowsJS()[0] ?? []).map(num) as [number, number];
      const conflict =
        blockRows === 0
          ? null
          : await c.runAndReadAll(
              `SELECT s.height, s.time_sec, b.time_sec, b.time_from FROM ${staged} s JOIN blocks b USING (height)
               WHERE (s.time_sec IS NOT NULL AND b.time_sec IS NOT NULL AND s.time_sec <> b.time_sec)
                  OR (s.hash IS NOT NULL AND b.hash IS NOT NULL AND s.hash <> b.hash) LIMIT 1`,
            );
      const bad = conflict?.getRowsJS()[0];
      if (bad) {
        throw new DecodeError(
          { input: batch.input, field: 'height' },
          `block ${String(bad[0])} disagrees with the store (time ${String(bad[1])} vs ${String(bad[2])} from ${String(bad[3])}): wrong heights or a reorg; nothing was written`,
        );
      }
      let [inserted, updated, unchanged] = [heights.length, 0, 0];
      if (sourceRows > 0) {
        const counts = await c.runAndReadAll(
          `SELECT count(*) FILTER (WHERE b.label IS NULL), count(*) FILTER (WHERE b.label <> s.label), count(*) FILTER (WHERE b.label = s.label)
           FROM ${staged} s LEFT JOIN block_labels b ON b.source = $1 AND b.height = s.height`,
          [batch.source],
        );
        [inserted, updated, unchanged] = (counts.getRowsJS()[0] ?? []).map(num) as [number, number, number];
      }
      const id = await this.nextIngestId();
      // Blocks: add the heights the store does not have; fill in a missing hash or time where this source has one.
      await c.run(
        `INSERT INTO blocks SELECT s.height, s.hash, s.time_sec, CASE WHEN s.time_sec IS NULL THEN NULL ELSE $1 END
         FROM ${staged} s ${blockRows === 0 ? '' : 'ANTI JOIN blocks b ON b.height = s.height'}`,
        [batch.source],
      );
      if (blockRows > 0) {
        await c.run(
          `UPDATE blocks SET hash = coalesce(blocks.hash, s.hash), time_sec = coalesce(blocks.time_sec, s.time_sec),
             time_from = CASE WHEN blocks.time_sec IS NULL AND s.time_sec IS NOT NULL THEN $1 ELSE blocks.time_from END
           FROM ${staged} s WHERE blocks.height = s.height
             AND ((blocks.hash IS NULL AND s.hash IS NOT NULL) OR (blocks.time_sec IS NULL AND s.time_sec IS NOT NULL))`,
          [batch.source],
        );
      }
      if (sourceRows === 0) {
        await c.run(`INSERT INTO block_labels SELECT $1, height, label, $2, $3 FROM ${staged}`, [batch.source, meta.rulesVersion, id]);
      } else {
        // No key index on block_labels (bulk speed): update changed labels, insert new heights.
        await c.run(
          `UPDATE block_labels SET label = s.label, rules_version = $2, ingest_id = $3 FROM ${staged} s
           WHERE block_labels.source = $1 AND block_labels.height = s.height AND block_labels.label <> s.label`,
          [batch.source, meta.rulesVersion, id],
        );
        await c.run(
          `INSERT INTO block_labels SELECT $1, s.height, s.label, $2, $3 FROM ${staged} s
           ANTI JOIN (SELECT height FROM block_labels WHERE source = $1) b ON b.height = s.height`,
          [batch.source, meta.rulesVersion, id],
        );
      }
      await this.insertIngest(id, batch.source, batch.input, batch.description, 'block', meta, { inserted, updated, unchanged });
      return { ingestId: id, inserted, updated, unchanged };
    }, ['staging_labels', 'staging_dict']);
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
      const id = await this.nextIngestId();
      await c.run(
        `INSERT INTO daily_counts SELECT $1, day_sec, entity, blocks, $2, $3 FROM staging_daily
         ON CONFLICT (source, day_sec, entity) DO UPDATE SET blocks = excluded.blocks, rules_version = excluded.rules_version, ingest_id = excluded.ingest_id
         WHERE daily_counts.blocks <> excluded.blocks`,
        [batch.source, meta.rulesVersion, id],
      );
      await this.insertIngest(id, batch.source, batch.input, batch.description, 'day', meta, { inserted, updated, unchanged });
      return { ingestId: id, inserted, updated, unchanged };
    }, 'staging_daily');
  }

  private async insertIngest(
    id: number,
    source: string,
    input: string,
    description: string,
    granularity: string,
    meta: IngestMeta,
    s: { inserted: number; updated: number; unchanged: number },
  ): Promise<void> {
    await this.conn.run(
      `INSERT INTO ingests VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now()::TIMESTAMP)`,
      [id, source, meta.kind, input, meta.sha256, meta.rulesVersion, description, granularity, meta.rows, meta.skipped, s.inserted, s.updated, s.unchanged],
    );
  }

  async listSources(): Promise<SourceSummary[]> {
    const r = await this.conn.runAndReadAll(`
      WITH latest AS (SELECT source, arg_max(description, id) AS description, arg_max(granularity, id) AS granularity FROM ingests GROUP BY source),
      blk AS (SELECT l.source, count(*) AS n, min(l.height) AS h0, max(l.height) AS h1, min(b.time_sec) AS t0, max(b.time_sec) AS t1,
                     list(DISTINCT l.rules_version ORDER BY l.rules_version) AS rv
              FROM block_labels l LEFT JOIN blocks b USING (height) GROUP BY l.source),
      day AS (SELECT source, sum(blocks) AS n, min(day_sec) AS t0, max(day_sec) AS t1, list(DISTINCT rules_version ORDER BY rules_version) AS rv
              FROM daily_counts GROUP BY source)
      SELECT latest.source, latest.granularity, latest.description,
             coalesce(blk.n, day.n, 0), blk.h0, blk.h1, coalesce(blk.t0, day.t0), coalesce(blk.t1, day.t1), coalesce(blk.rv, day.rv, [])
      FROM latest LEFT JOIN blk USING (source) LEFT JOIN day USING (source) ORDER BY latest.source`);
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
