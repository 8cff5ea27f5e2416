/**
 * @module The dataset part of the PostgreSQL store (tables of migration 0001): block labels and
 * daily counts per source, their ingest records, and the source summary. Free-text keys (daily
 * entity, snapshot subject) are keyed on their generated SHA-256 column (`entity_key`,
 * `subject_key`, migration 0006), so names of any length fit the index. Each write stages its
 * rows into a TEMP table, takes the source's advisory lock, counts against the stored rows and
 * merges, all in one transaction with its `ingests` row.
 */
import { checkSnapshotBatch } from '../snapshot-batch.js';
import type { Pool, PoolClient } from 'pg';
import { DecodeError } from '../../domain/errors.js';
import type { BlockLabelBatch, DailyCountBatch } from '../../domain/batches.js';
import type { BlockFactsBatch, IngestMeta, IngestRecord, SnapshotBatch, SourceSummary, StoredBlockFacts, StoredBlockLabels, StoredDailyCounts, StoredSnapshot, WriteSummary } from '../store.js';
import { FACTS_GRANULARITY } from '../store.js';
import { COUNT_FACTS_SQL, factNumbers, factRows, INSERT_FACTS_SQL, READ_FACTS_SQL, UPDATE_FACTS_SQL } from '../block-facts-sql.js';
import { bulkInsert, inSnapshot, inTransaction, lock, num, query, rowsOf, sourceLock } from './pg-db.js';
import { ingestRecord, sourceSummary, storedSnapshot } from '../row-mappers.js';

const INGEST_COLUMNS = `id, source, kind, input, sha256, rules_version, rows, skipped, inserted, updated, unchanged,
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface Counts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** A new ingest id from the identity sequence (never reused; a rolled-back batch leaves a gap). */
export async function nextIngestId(c: PoolClient): Promise<number> {
  const [row] = await rowsOf(c, "SELECT nextval(pg_get_serial_sequence('ingests', 'id'))::int");
  return num(row?.[0]);
}

export async function insertIngest(
  c: PoolClient,
  r: { id: number; source: string; input: string; description: string; granularity: string; meta: IngestMeta; counts: Counts },
): Promise<void> {
  await c.query(
    `INSERT INTO ingests (id, source, kind, input, sha256, rules_version, description, granularity, rows, skipped, inserted, updated, unchanged, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`,
    [r.id, r.source, r.meta.kind, r.input, r.meta.sha256, r.meta.rulesVersion, r.description, r.granularity, r.meta.rows, r.meta.skipped, r.counts.inserted, r.counts.updated, r.counts.unchanged],
  );
}

export class PgDatasetRepo {
  constructor(private readonly pool: Pool, private readonly location: string) {}

  async findIngest(source: string, sha256: string): Promise<IngestRecord | null> {
    const rows = await this.ingestRows('WHERE source = $1 AND sha256 = $2 ORDER BY id DESC LIMIT 1', [source, sha256]);
    return rows[0] ?? null;
  }

  listIngests(): Promise<IngestRecord[]> {
    return this.ingestRows('ORDER BY id', []);
  }

  private async ingestRows(where: string, params: string[]): Promise<IngestRecord[]> {
    const rows = await query(this.pool, this.location, 'reading ingests', `SELECT ${INGEST_COLUMNS} FROM ingests ${where}`, params);
    return rows.map((x) => ingestRecord(x));
  }

  /** Inserted / updated / unchanged against the source's current rows (caller holds the source lock). */
  private async countAgainst(c: PoolClient, sql: string, source: string): Promise<Counts> {
    const [row] = await rowsOf(c, sql, [source]);
    const [inserted, updated, unchanged] = (row ?? []).map(num) as [number, number, number];
    return { inserted, updated, unchanged };
  }

  async writeBlockLabels(batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary> {
    const n = batch.heights.length;
    const out = await inTransaction(this.pool, this.location, `writing ${batch.source}`, async (c) => {
      await c.query('CREATE TEMP TABLE staging_labels (height INTEGER, time_sec BIGINT, label TEXT COLLATE "C", hash TEXT COLLATE "C") ON COMMIT DROP');
      await bulkInsert(c, 'staging_labels', [
        { type: 'int', values: batch.heights },
        { type: 'bigint', values: batch.timeSec },
        { type: 'interned', values: batch.labels },
        { type: 'text', values: batch.hashes ?? null },
      ], n);
      await lock(c, sourceLock(batch.source));
      const [has] = await rowsOf(c, 'SELECT EXISTS (SELECT 1 FROM block_labels WHERE source = $1)', [batch.source]);
      const fresh = has?.[0] !== true;
      const counts = fresh
        ? { inserted: n, updated: 0, unchanged: 0 }
        : await this.countAgainst(c, `SELECT count(*) FILTER (WHERE b.label IS NULL), count(*) FILTER (WHERE b.label <> s.label), count(*) FILTER (WHERE b.label = s.label)
             FROM staging_labels s LEFT JOIN block_labels b ON b.source = $1 AND b.height = s.height`, batch.source);
      const id = await nextIngestId(c);
      // Only new blocks, or blocks gaining a hash or time, are written; in height order, so that
      // concurrent writers lock shared `blocks` rows in one order (no deadlock). The check below
      // runs after it and so also sees what a concurrent writer committed meanwhile.
      await c.query(
        `INSERT INTO blocks SELECT s.height, s.hash, s.time_sec, CASE WHEN s.time_sec IS NULL THEN NULL ELSE $1 END
         FROM staging_labels s LEFT JOIN blocks b USING (height)
         WHERE b.height IS NULL OR (b.hash IS NULL AND s.hash IS NOT NULL) OR (b.time_sec IS NULL AND s.time_sec IS NOT NULL) ORDER BY s.height
         ON CONFLICT (height) DO UPDATE SET hash = coalesce(blocks.hash, excluded.hash), time_sec = coalesce(blocks.time_sec, excluded.time_sec),
           time_from = coalesce(blocks.time_from, excluded.time_from)
         WHERE (blocks.hash IS NULL AND excluded.hash IS NOT NULL) OR (blocks.time_sec IS NULL AND excluded.time_sec IS NOT NULL)`,
        [batch.source],
      );
      const [bad] = await rowsOf(
        c,
        `SELECT s.height, s.time_sec, b.time_sec, b.time_from FROM staging_labels s JOIN blocks b USING (height)
         WHERE (s.time_sec IS NOT NULL AND s.time_sec <> b.time_sec) OR (s.hash IS NOT NULL AND b.hash IS NOT NULL AND s.hash <> b.hash) LIMIT 1`,
      );
      if (bad) {
        throw new DecodeError(
          { input: batch.input, field: 'height' },
          `block ${String(bad[0])} disagrees with the store (time ${String(bad[1])} vs ${String(bad[2])} from ${String(bad[3])}): wrong heights or a reorg; nothing was written`,
        );
      }
      // Under the source lock nobody else writes this source's rows: plain INSERT / UPDATE of
      // only what is new or changed (cheaper than ON CONFLICT over every row).
      if (!fresh && counts.updated > 0) {
        await c.query(
          `UPDATE block_labels b SET label = s.label, rules_version = $2, ingest_id = $3 FROM staging_labels s
           WHERE b.source = $1 AND b.height = s.height AND b.label <> s.label`,
          [batch.source, meta.rulesVersion, id],
        );
      }
      if (counts.inserted > 0) {
        await c.query(
          `INSERT INTO block_labels SELECT $1, s.height, s.label, $2, $3 FROM staging_labels s
           ${fresh ? '' : 'WHERE NOT EXISTS (SELECT 1 FROM block_labels b WHERE b.source = $1 AND b.height = s.height)'}`,
          [batch.source, meta.rulesVersion, id],
        );
      }
      await insertIngest(c, { id, source: batch.source, input: batch.input, description: batch.description, granularity: 'block', meta, counts });
      return { ingestId: id, ...counts };
    });
    await this.analyzeAfter(n, 'blocks, block_labels');
    return out;
  }

  /** Refresh planner statistics after a large merge (best effort; autovacuum would do it later). */
  private async analyzeAfter(rows: number, tables: string): Promise<void> {
    if (rows < 10_000) return;
    await this.pool.query(`ANALYZE ${tables}`).catch(() => {});
  }

  async writeDailyCounts(batch: DailyCountBatch, meta: IngestMeta): Promise<WriteSummary> {
    const n = batch.counts.length;
    const out = await inTransaction(this.pool, this.location, `writing ${batch.source}`, async (c) => {
      await c.query('CREATE TEMP TABLE staging_daily (day_sec BIGINT, entity TEXT COLLATE "C", blocks INTEGER) ON COMMIT DROP');
      await bulkInsert(c, 'staging_daily', [{ type: 'bigint', values: batch.daySec }, { type: 'interned', values: batch.entities }, { type: 'int', values: batch.counts }], n);
      await lock(c, sourceLock(batch.source));
      const counts = await this.countAgainst(
        c,
        `SELECT count(*) FILTER (WHERE d.blocks IS NULL), count(*) FILTER (WHERE d.blocks <> s.blocks), count(*) FILTER (WHERE d.blocks = s.blocks)
         FROM staging_daily s LEFT JOIN daily_counts d ON d.source = $1 AND d.day_sec = s.day_sec AND d.entity = s.entity`,
        batch.source,
      );
      const id = await nextIngestId(c);
      await c.query(
        `INSERT INTO daily_counts (source, day_sec, entity, blocks, rules_version, ingest_id) SELECT $1, day_sec, entity, blocks, $2, $3 FROM staging_daily ORDER BY day_sec, entity
         ON CONFLICT (source, day_sec, entity_key) DO UPDATE SET blocks = excluded.blocks, rules_version = excluded.rules_version, ingest_id = excluded.ingest_id
         WHERE daily_counts.blocks <> excluded.blocks`,
        [batch.source, meta.rulesVersion, id],
      );
      await insertIngest(c, { id, source: batch.source, input: batch.input, description: batch.description, granularity: 'day', meta, counts });
      return { ingestId: id, ...counts };
    });
    await this.analyzeAfter(n, 'daily_counts');
    return out;
  }

  async writeSnapshots(batch: SnapshotBatch, meta: IngestMeta): Promise<WriteSummary> {
    checkSnapshotBatch(batch);
    const xs = batch.snapshots;
    return inTransaction(this.pool, this.location, `writing ${batch.source}`, async (c) => {
      await c.query('CREATE TEMP TABLE staging_snapshots (dataset TEXT COLLATE "C", subject TEXT COLLATE "C", time_sec BIGINT, block BIGINT, format TEXT COLLATE "C", sha256 TEXT COLLATE "C", body TEXT) ON COMMIT DROP');
      // Bodies can be megabytes: one parameterised row each, not an array literal.
      for (const x of xs) {
        await c.query('INSERT INTO staging_snapshots VALUES ($1, $2, $3, $4, $5, $6, $7)', [x.dataset, x.subject, x.timeSec, x.block, x.format, x.sha256, x.body]);
      }
      await lock(c, sourceLock(batch.source));
      const counts = await this.countAgainst(
        c,
        `SELECT count(*) FILTER (WHERE d.sha256 IS NULL), count(*) FILTER (WHERE d.sha256 <> s.sha256), count(*) FILTER (WHERE d.sha256 = s.sha256)
         FROM staging_snapshots s LEFT JOIN snapshots d USING (dataset, subject, time_sec) WHERE $1::text IS NOT NULL`,
        batch.source,
      );
      const id = await nextIngestId(c);
      await c.query(
        `INSERT INTO snapshots (dataset, subject, time_sec, block, format, sha256, body, source, ingest_id)
         SELECT dataset, subject, time_sec, block, format, sha256, body, $1, $2 FROM staging_snapshots ORDER BY dataset, subject, time_sec
         ON CONFLICT (dataset, subject_key, time_sec) DO UPDATE SET block = excluded.block, format = excluded.format, sha256 = excluded.sha256,
           body = excluded.body, source = excluded.source, ingest_id = excluded.ingest_id
         WHERE snapshots.sha256 <> excluded.sha256`,
        [batch.source, id],
      );
      await insertIngest(c, { id, source: batch.source, input: batch.input, description: batch.description, granularity: 'snapshot', meta, counts });
      return { ingestId: id, ...counts };
    });
  }

  async writeBlockFacts(batch: BlockFactsBatch, meta: IngestMeta): Promise<WriteSummary> {
    const n = batch.heights.length;
    return inTransaction(this.pool, this.location, `writing ${batch.source}`, async (c) => {
      await c.query('CREATE TEMP TABLE staging_facts (height INTEGER, version BIGINT, scriptsig_hex TEXT COLLATE "C", tx_count INTEGER, weight INTEGER, fee_sat BIGINT, reward_sat BIGINT) ON COMMIT DROP');
      await bulkInsert(c, 'staging_facts', [
        { type: 'int', values: batch.heights },
        { type: 'bigint', values: factNumbers(batch, 'version') },
        { type: 'text', values: batch.scriptSigHex ?? null },
        { type: 'int', values: factNumbers(batch, 'txCount') },
        { type: 'int', values: factNumbers(batch, 'weight') },
        { type: 'bigint', values: factNumbers(batch, 'feeSat') },
        { type: 'bigint', values: factNumbers(batch, 'rewardSat') },
      ], n);
      await lock(c, sourceLock('block_facts'));
      const [row] = await rowsOf(c, COUNT_FACTS_SQL);
      const [inserted, updated, unchanged] = (row ?? []).map(num) as [number, number, number];
      const id = await nextIngestId(c);
      if (updated > 0) await c.query(UPDATE_FACTS_SQL, [id]);
      if (inserted > 0) await c.query(INSERT_FACTS_SQL, [id]);
      const counts = { inserted, updated, unchanged };
      await insertIngest(c, { id, source: batch.source, input: batch.input, description: batch.description, granularity: FACTS_GRANULARITY, meta, counts });
      return { ingestId: id, ...counts };
    });
  }

  async readSnapshots(dataset: string, subject?: string): Promise<StoredSnapshot[]> {
    const rows = await query(
      this.pool,
      this.location,
      `reading ${dataset} snapshots`,
      `SELECT dataset, subject, time_sec::float8, block::float8, format, sha256, body, source, ingest_id FROM snapshots
       WHERE dataset = $1 ${subject === undefined ? '' : 'AND subject = $2'} ORDER BY time_sec, subject`,
      subject === undefined ? [dataset] : [dataset, subject],
    );
    return rows.map((x) => storedSnapshot(x));
  }

  readBlockFacts(fromHeight = 0, toHeight = 0x7fffffff): Promise<StoredBlockFacts> {
    return inSnapshot(this.pool, this.location, 'reading block facts', async (c) => factRows(await rowsOf(c, READ_FACTS_SQL, [fromHeight, toHeight])));
  }

  async listSources(): Promise<SourceSummary[]> {
    const rows = await query(this.pool, this.location, 'listing sources', `
      WITH latest AS (SELECT DISTINCT ON (source) source, description, granularity FROM ingests WHERE granularity <> '${FACTS_GRANULARITY}' ORDER BY source, id DESC),
      blk AS (SELECT l.source, count(*) AS n, min(l.height) AS h0, max(l.height) AS h1, min(b.time_sec) AS t0, max(b.time_sec) AS t1
              FROM block_labels l LEFT JOIN blocks b USING (height) GROUP BY l.source),
      blk_rv AS (SELECT source, array_agg(rules_version ORDER BY rules_version) AS rv FROM (SELECT DISTINCT source, rules_version FROM block_labels) v GROUP BY source),
      day AS (SELECT source, sum(blocks) AS n, min(day_sec) AS t0, max(day_sec) AS t1, array_agg(DISTINCT rules_version ORDER BY rules_version) AS rv
              FROM daily_counts GROUP BY source),
      snap AS (SELECT source, count(*) AS n, min(block) AS h0, max(block) AS h1, min(time_sec) AS t0, max(time_sec) AS t1,
                      array_agg(DISTINCT format ORDER BY format) AS rv
               FROM snapshots GROUP BY source)
      SELECT latest.source, latest.granularity, latest.description, coalesce(blk.n, day.n, snap.n, 0)::float8, coalesce(blk.h0, snap.h0::int),
             coalesce(blk.h1, snap.h1::int), coalesce(blk.t0, day.t0, snap.t0)::float8, coalesce(blk.t1, day.t1, snap.t1)::float8,
             coalesce(blk_rv.rv, day.rv, snap.rv, '{}'::text[])
      FROM latest LEFT JOIN blk USING (source) LEFT JOIN blk_rv USING (source) LEFT JOIN day USING (source) LEFT JOIN snap USING (source)
      ORDER BY latest.source`);
    return rows.map((x) => sourceSummary(x));
  }

  /** Labels interned in code-point order (as DuckDB): the list, then each row's index, from one snapshot. */
  readBlockLabels(source: string): Promise<StoredBlockLabels> {
    return inSnapshot(this.pool, this.location, `reading ${source}`, async (c) => {
      const labels = (await rowsOf(c, 'SELECT DISTINCT label FROM block_labels WHERE source = $1 ORDER BY label', [source])).map((r) => String(r[0]));
      const rows = await rowsOf(
        c,
        `WITH names AS (SELECT label, (row_number() OVER (ORDER BY label) - 1)::int AS k FROM (SELECT DISTINCT label FROM block_labels WHERE source = $1) d)
         SELECT l.height, b.time_sec::float8, n.k FROM block_labels l JOIN names n USING (label) LEFT JOIN blocks b USING (height)
         WHERE l.source = $1 ORDER BY l.height`,
        [source],
      );
      const heights = new Int32Array(rows.length);
      const timeSec = new Float64Array(rows.length);
      const label = new Int32Array(rows.length);
      rows.forEach((r, i) => {
        heights[i] = r[0] as number;
        timeSec[i] = num(r[1]);
        label[i] = r[2] as number;
      });
      return { heights, timeSec, label, labels };
    });
  }

  readDailyCounts(source: string): Promise<StoredDailyCounts> {
    return inSnapshot(this.pool, this.location, `reading ${source}`, async (c) => {
      const entities = (await rowsOf(c, 'SELECT DISTINCT entity FROM daily_counts WHERE source = $1 ORDER BY entity', [source])).map((r) => String(r[0]));
      const rows = await rowsOf(
        c,
        `WITH names AS (SELECT entity, (row_number() OVER (ORDER BY entity) - 1)::int AS k FROM (SELECT DISTINCT entity FROM daily_counts WHERE source = $1) e)
         SELECT d.day_sec::float8, n.k, d.blocks FROM daily_counts d JOIN names n USING (entity) WHERE d.source = $1 ORDER BY d.day_sec, d.entity`,
        [source],
      );
      return {
        daySec: Float64Array.from(rows, (r) => num(r[0])),
        entity: Int32Array.from(rows, (r) => num(r[1])),
        counts: Int32Array.from(rows, (r) => num(r[2])),
        entities,
      };
    });
  }
}
