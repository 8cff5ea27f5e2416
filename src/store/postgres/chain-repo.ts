/**
 * @module The chain part of the PostgreSQL store (tables of migration 0002): synced blocks with
 * their coinbases, attributions per label source, rule-set snapshots, and reorg rollback. Like the
 * DuckDB repo, every write stages rows into TEMP tables and merges them in one transaction with
 * the run's `ingests` record. Chain writes and rollbacks take the `nakamoto:chain` advisory lock
 * (one best chain per store), then the label source's lock.
 */
import type { Pool, PoolClient } from 'pg';
import type {
  ChainAttributionRecord,
  ChainBlockRecord,
  ChainWriteMeta,
  ChainWriteSummary,
  IngestMeta,
  StoredChainBlocks,
  StoredChainLabel,
} from '../store.js';
import { insertIngest, nextIngestId, type Counts } from './dataset-repo.js';
import { bulkInsert, CHAIN_LOCK, inTransaction, lock, num, query, rowsOf, sourceLock } from './pg-db.js';
import { chainLabel } from '../row-mappers.js';

const heightHash = (rows: unknown[][]): { height: number; hash: string }[] => rows.map((x) => ({ height: num(x[0]), hash: String(x[1]) }));

export class PgChainRepo {
  constructor(private readonly pool: Pool, private readonly location: string) {}

  async tip(): Promise<{ height: number; hash: string } | null> {
    return heightHash(await query(this.pool, this.location, 'reading the chain tip', 'SELECT height, hash FROM chain_blocks ORDER BY height DESC LIMIT 1'))[0] ?? null;
  }

  async hashesBelow(atOrBelow: number, limit: number): Promise<{ height: number; hash: string }[]> {
    return heightHash(await query(this.pool, this.location, 'reading chain hashes', 'SELECT height, hash FROM chain_blocks WHERE height <= $1 ORDER BY height DESC LIMIT $2', [atOrBelow, limit]));
  }

  async hashes(from: number, to: number): Promise<{ height: number; hash: string }[]> {
    return heightHash(await query(this.pool, this.location, 'reading chain hashes', 'SELECT height, hash FROM chain_blocks WHERE height BETWEEN $1 AND $2 ORDER BY height', [from, to]));
  }

  async lackingEconomics(from: number, to: number): Promise<number[]> {
    const rows = await query(
      this.pool,
      this.location,
      'reading chain heights without economics',
      'SELECT height FROM chain_blocks WHERE height BETWEEN $1 AND $2 AND (coinbase_value_sat IS NULL OR weight IS NULL) ORDER BY height',
      [from, to],
    );
    return rows.map((x) => num(x[0]));
  }

  private async stageBlocks(c: PoolClient, blocks: readonly ChainBlockRecord[]): Promise<void> {
    await c.query(`CREATE TEMP TABLE staging_chain (height INTEGER, hash TEXT COLLATE "C", prev_hash TEXT COLLATE "C", time_sec BIGINT, bits BIGINT,
      version BIGINT, tx_count INTEGER, scriptsig TEXT COLLATE "C", payout TEXT COLLATE "C", txid TEXT COLLATE "C", coinbase_value_sat BIGINT, weight INTEGER) ON COMMIT DROP`);
    const nums = (f: (b: ChainBlockRecord) => number) => Float64Array.from(blocks, f);
    const text = (f: (b: ChainBlockRecord) => string | null) => blocks.map(f);
    await bulkInsert(c, 'staging_chain', [
      { type: 'int', values: nums((b) => b.height) },
      { type: 'text', values: text((b) => b.hash) },
      { type: 'text', values: text((b) => b.prevHash) },
      { type: 'bigint', values: nums((b) => b.timeSec) },
      { type: 'bigint', values: nums((b) => b.bits) },
      { type: 'bigint', values: nums((b) => b.version) },
      { type: 'int', values: nums((b) => b.txCount) },
      { type: 'text', values: text((b) => b.scriptSigHex) },
      { type: 'text', values: text((b) => b.payoutAddresses.join(';')) },
      { type: 'text', values: text((b) => b.coinbaseTxid) },
      { type: 'bigint', values: nums((b) => b.coinbaseValueSat ?? Number.NaN) },
      { type: 'int', values: nums((b) => b.weight ?? Number.NaN) },
    ], blocks.length);
  }

  private async stageAttributions(c: PoolClient, attributions: readonly ChainAttributionRecord[]): Promise<void> {
    await c.query(`CREATE TEMP TABLE staging_attr (height INTEGER, label TEXT COLLATE "C", pool_id INTEGER, pool_name TEXT COLLATE "C", pool_slug TEXT COLLATE "C",
      method TEXT COLLATE "C", matched_rule TEXT COLLATE "C", matches TEXT) ON COMMIT DROP`);
    const text = (f: (a: ChainAttributionRecord) => string | null) => attributions.map(f);
    await bulkInsert(c, 'staging_attr', [
      { type: 'int', values: Float64Array.from(attributions, (a) => a.height) },
      { type: 'interned', values: attributions.map((a) => a.label) },
      { type: 'int', values: Float64Array.from(attributions, (a) => a.poolId ?? Number.NaN) },
      { type: 'text', values: text((a) => a.poolName) },
      { type: 'text', values: text((a) => a.poolSlug) },
      { type: 'text', values: text((a) => a.method) },
      { type: 'text', values: text((a) => a.matchedRule) },
      { type: 'text', values: text((a) => JSON.stringify(a.matches)) },
    ], attributions.length);
  }

  /** Merge staged attributions into chain_attributions and block_labels; returns label counts. */
  private async mergeAttributions(c: PoolClient, meta: ChainWriteMeta, ingestId: number): Promise<Counts> {
    const [row] = await rowsOf(
      c,
      `SELECT count(*) FILTER (WHERE b.label IS NULL), count(*) FILTER (WHERE b.label <> s.label), count(*) FILTER (WHERE b.label = s.label)
       FROM staging_attr s LEFT JOIN block_labels b ON b.source = $1 AND b.height = s.height`,
      [meta.source],
    );
    const [inserted, updated, unchanged] = (row ?? []).map(num) as [number, number, number];
    await c.query(
      `INSERT INTO chain_attributions (source, height, pool_id, pool_name, pool_slug, method, matched_rule, matches, rules_version)
       SELECT $1, height, pool_id, pool_name, pool_slug, method, matched_rule, matches, $2 FROM staging_attr ORDER BY height
       ON CONFLICT (source, height) DO UPDATE SET pool_id = excluded.pool_id, pool_name = excluded.pool_name, pool_slug = excluded.pool_slug,
         method = excluded.method, matched_rule = excluded.matched_rule, matches = excluded.matches, rules_version = excluded.rules_version`,
      [meta.source, meta.rulesVersion],
    );
    await c.query(
      `INSERT INTO block_labels (source, height, label, rules_version, ingest_id) SELECT $1, height, label, $2, $3 FROM staging_attr ORDER BY height
       ON CONFLICT (source, height) DO UPDATE SET label = excluded.label, rules_version = excluded.rules_version, ingest_id = excluded.ingest_id`,
      [meta.source, meta.rulesVersion, ingestId],
    );
    return { inserted, updated, unchanged };
  }

  /** Start the run's ingest record (`id` new), or add to it (`id` = meta.ingestId). */
  private async recordIngest(c: PoolClient, meta: ChainWriteMeta, id: number, tipHash: string, rows: number, s: Counts): Promise<void> {
    if (meta.ingestId !== undefined) {
      await c.query(
        `UPDATE ingests SET sha256 = $2, rows = rows + $3, inserted = inserted + $4, updated = updated + $5, unchanged = unchanged + $6,
           finished_at = now() WHERE id = $1`,
        [id, tipHash, rows, s.inserted, s.updated, s.unchanged],
      );
      return;
    }
    const meta2: IngestMeta = { kind: meta.kind, sha256: tipHash, rulesVersion: meta.rulesVersion, rows, skipped: 0 };
    await insertIngest(c, { id, source: meta.source, input: meta.input, description: meta.description, granularity: 'block', meta: meta2, counts: s });
  }

  private write<T>(what: string, source: string | null, fn: (c: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, this.location, what, async (c) => {
      await lock(c, CHAIN_LOCK);
      if (source !== null) await lock(c, sourceLock(source));
      return fn(c);
    });
  }

  writeBatch(blocks: readonly ChainBlockRecord[], attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary> {
    const top = blocks.reduce<ChainBlockRecord | null>((a, b) => (a === null || b.height > a.height ? b : a), null);
    return this.write(`writing chain blocks (${meta.source})`, meta.source, async (c) => {
      await this.stageBlocks(c, blocks);
      await this.stageAttributions(c, attributions);
      const id = meta.ingestId ?? (await nextIngestId(c));
      await c.query(
        `INSERT INTO chain_blocks (height, hash, prev_hash, time_sec, bits, version, tx_count, coinbase_scriptsig_hex, payout_addresses, coinbase_txid, ingest_id,
           coinbase_value_sat, weight)
         SELECT height, hash, prev_hash, time_sec, bits, version, tx_count, scriptsig, payout, txid, $1, coinbase_value_sat, weight FROM staging_chain ORDER BY height
         ON CONFLICT (height) DO UPDATE SET hash = excluded.hash, prev_hash = excluded.prev_hash, time_sec = excluded.time_sec, bits = excluded.bits,
           version = excluded.version, tx_count = excluded.tx_count, coinbase_scriptsig_hex = excluded.coinbase_scriptsig_hex,
           payout_addresses = excluded.payout_addresses, coinbase_txid = excluded.coinbase_txid, ingest_id = excluded.ingest_id,
           coinbase_value_sat = excluded.coinbase_value_sat, weight = excluded.weight`,
        [id],
      );
      // The synced chain is authoritative for block hashes and times.
      await c.query(
        `INSERT INTO blocks (height, hash, time_sec, time_from) SELECT height, hash, time_sec, 'chain' FROM staging_chain ORDER BY height
         ON CONFLICT (height) DO UPDATE SET hash = excluded.hash, time_sec = excluded.time_sec, time_from = excluded.time_from`,
      );
      const counts = await this.mergeAttributions(c, meta, id);
      await this.recordIngest(c, meta, id, top?.hash ?? '', blocks.length, counts);
      return { ingestId: id, blocks: blocks.length, ...counts };
    });
  }

  writeAttributions(attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary> {
    return this.write(`writing chain attributions (${meta.source})`, meta.source, async (c) => {
      await this.stageAttributions(c, attributions);
      const [tipRow] = await rowsOf(c, 'SELECT hash FROM chain_blocks ORDER BY height DESC LIMIT 1');
      const id = meta.ingestId ?? (await nextIngestId(c));
      const counts = await this.mergeAttributions(c, meta, id);
      await this.recordIngest(c, meta, id, tipRow ? String(tipRow[0]) : '', attributions.length, counts);
      return { ingestId: id, blocks: 0, ...counts };
    });
  }

  rollback(aboveHeight: number): Promise<{ blocks: number; labels: number }> {
    return this.write(`rolling back the chain above ${aboveHeight}`, null, async (c) => {
      const [row] = await rowsOf(
        c,
        `SELECT (SELECT count(*) FROM chain_blocks WHERE height > $1),
                (SELECT count(*) FROM block_labels l JOIN chain_attributions a ON a.source = l.source AND a.height = l.height WHERE a.height > $1)`,
        [aboveHeight],
      );
      const [blocks, labels] = (row ?? []).map(num) as [number, number];
      await c.query('DELETE FROM block_labels USING chain_attributions a WHERE block_labels.source = a.source AND block_labels.height = a.height AND a.height > $1', [aboveHeight]);
      await c.query('DELETE FROM chain_attributions WHERE height > $1', [aboveHeight]);
      await c.query('DELETE FROM blocks USING chain_blocks c WHERE blocks.height = c.height AND c.height > $1', [aboveHeight]);
      await c.query('DELETE FROM chain_blocks WHERE height > $1', [aboveHeight]);
      return { blocks, labels };
    });
  }

  async readLabels(source: string, exceptVersion?: string): Promise<StoredChainLabel[]> {
    const rows = await query(
      this.pool,
      this.location,
      `reading chain labels (${source})`,
      `SELECT c.height, c.time_sec::float8, c.coinbase_scriptsig_hex, c.payout_addresses, a.rules_version, a.pool_id, a.pool_name, a.pool_slug, a.method,
              a.matched_rule, a.matches, l.label
       FROM chain_blocks c LEFT JOIN chain_attributions a ON a.source = $1 AND a.height = c.height
       LEFT JOIN block_labels l ON l.source = $1 AND l.height = c.height
       WHERE $2::text IS NULL OR a.rules_version IS DISTINCT FROM $2::text OR l.label IS NULL ORDER BY c.height`,
      [source, exceptVersion ?? null],
    );
    return rows.map((x) => chainLabel(x));
  }

  async readBlocks(): Promise<StoredChainBlocks> {
    const rows = await query(
      this.pool,
      this.location,
      'reading chain blocks',
      'SELECT height, time_sec::float8, bits::float8, tx_count, coinbase_value_sat::float8, weight FROM chain_blocks ORDER BY height',
    );
    return {
      heights: Int32Array.from(rows, (r) => num(r[0])),
      timeSec: Float64Array.from(rows, (r) => num(r[1])),
      bits: Float64Array.from(rows, (r) => num(r[2])),
      txCount: Float64Array.from(rows, (r) => num(r[3])),
      coinbaseValueSat: Float64Array.from(rows, (r) => num(r[4])),
      weight: Float64Array.from(rows, (r) => num(r[5])),
    };
  }

  async saveRuleSnapshot(version: string, kind: string, snapshot: string): Promise<void> {
    await query(this.pool, this.location, 'saving a rule snapshot', 'INSERT INTO rule_sets VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING', [version, kind, snapshot]);
  }

  async readRuleSnapshot(version: string): Promise<{ kind: string; snapshot: string } | null> {
    const [row] = await query(this.pool, this.location, 'reading a rule snapshot', 'SELECT kind, snapshot FROM rule_sets WHERE version = $1', [version]);
    return row ? { kind: String(row[0]), snapshot: String(row[1]) } : null;
  }
}
