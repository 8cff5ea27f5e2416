/**
 * @module The chain part of the DuckDB store (tables of migration 0002): synced blocks with their
 * coinbases, attributions per label source, rule-set snapshots, and reorg rollback. Every write
 * stages rows through an appender into TEMP tables, then merges them inside one transaction
 * together with the run's `ingests` record, so a killed process leaves whole batches or nothing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ChainAttributionRecord,
  ChainBlockRecord,
  ChainWriteMeta,
  ChainWriteSummary,
  StoredChainBlocks,
  StoredChainLabel,
} from '../store.js';
import { inTransaction } from './transaction.js';
import { chainLabel, num } from '../row-mappers.js';


export class ChainRepo {
  constructor(private readonly conn: DuckDBConnection) {}

  async tip(): Promise<{ height: number; hash: string } | null> {
    const r = await this.conn.runAndReadAll('SELECT height, hash FROM chain_blocks ORDER BY height DESC LIMIT 1');
    const row = r.getRowsJS()[0];
    return row ? { height: num(row[0]), hash: String(row[1]) } : null;
  }

  async hashesBelow(atOrBelow: number, limit: number): Promise<{ height: number; hash: string }[]> {
    const r = await this.conn.runAndReadAll('SELECT height, hash FROM chain_blocks WHERE height <= $1 ORDER BY height DESC LIMIT $2', [atOrBelow, limit]);
    return r.getRowsJS().map((x) => ({ height: num(x[0]), hash: String(x[1]) }));
  }

  async hashes(from: number, to: number): Promise<{ height: number; hash: string }[]> {
    const r = await this.conn.runAndReadAll('SELECT height, hash FROM chain_blocks WHERE height BETWEEN $1 AND $2 ORDER BY height', [from, to]);
    return r.getRowsJS().map((x) => ({ height: num(x[0]), hash: String(x[1]) }));
  }

  async lackingEconomics(from: number, to: number): Promise<number[]> {
    const r = await this.conn.runAndReadAll(
      'SELECT height FROM chain_blocks WHERE height BETWEEN $1 AND $2 AND (coinbase_value_sat IS NULL OR weight IS NULL) ORDER BY height',
      [from, to],
    );
    return r.getRowsJS().map((x) => num(x[0]));
  }

  private async stageBlocks(blocks: readonly ChainBlockRecord[]): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE staging_chain (height INTEGER, hash VARCHAR, prev_hash VARCHAR, time_sec BIGINT, bits BIGINT,
      version BIGINT, tx_count INTEGER, scriptsig VARCHAR, payout VARCHAR, txid VARCHAR, coinbase_value_sat BIGINT, weight INTEGER)`);
    const app = await this.conn.createAppender('staging_chain', 'main', 'temp');
    for (const b of blocks) {
      app.appendInteger(b.height);
      app.appendVarchar(b.hash);
      app.appendVarchar(b.prevHash);
      app.appendBigInt(BigInt(b.timeSec));
      app.appendBigInt(BigInt(b.bits));
      app.appendBigInt(BigInt(b.version));
      app.appendInteger(b.txCount);
      app.appendVarchar(b.scriptSigHex);
      app.appendVarchar(b.payoutAddresses.join(';'));
      if (b.coinbaseTxid === null) app.appendNull();
      else app.appendVarchar(b.coinbaseTxid);
      if (b.coinbaseValueSat === null) app.appendNull();
      else app.appendBigInt(BigInt(b.coinbaseValueSat));
      if (b.weight === null) app.appendNull();
      else app.appendInteger(b.weight);
      app.endRow();
    }
    app.closeSync();
  }

  private async stageAttributions(attributions: readonly ChainAttributionRecord[]): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE staging_attr (height INTEGER, label VARCHAR, pool_id INTEGER, pool_name VARCHAR, pool_slug VARCHAR,
      method VARCHAR, matched_rule VARCHAR, matches VARCHAR)`);
    const app = await this.conn.createAppender('staging_attr', 'main', 'temp');
    for (const a of attributions) {
      app.appendInteger(a.height);
      app.appendVarchar(a.label);
      if (a.poolId === null) app.appendNull();
      else app.appendInteger(a.poolId);
      app.appendVarchar(a.poolName);
      app.appendVarchar(a.poolSlug);
      app.appendVarchar(a.method);
      if (a.matchedRule === null) app.appendNull();
      else app.appendVarchar(a.matchedRule);
      app.appendVarchar(JSON.stringify(a.matches));
      app.endRow();
    }
    app.closeSync();
  }

  /** Merge staged attributions into chain_attributions and block_labels; returns label counts. */
  private async mergeAttributions(meta: ChainWriteMeta, ingestId: number): Promise<{ inserted: number; updated: number; unchanged: number }> {
    const c = this.conn;
    const counts = await c.runAndReadAll(
      `SELECT count(*) FILTER (WHERE b.label IS NULL), count(*) FILTER (WHERE b.label <> s.label), count(*) FILTER (WHERE b.label = s.label)
       FROM staging_attr s LEFT JOIN block_labels b ON b.source = $1 AND b.height = s.height`,
      [meta.source],
    );
    const [inserted, updated, unchanged] = (counts.getRowsJS()[0] ?? []).map(num) as [number, number, number];
    await c.run(
      `INSERT INTO chain_attributions (source, height, pool_id, pool_name, pool_slug, method, matched_rule, matches, rules_version)
       SELECT $1, height, pool_id, pool_name, pool_slug, method, matched_rule, matches, $2 FROM staging_attr
       ON CONFLICT (source, height) DO UPDATE SET pool_id = excluded.pool_id, pool_name = excluded.pool_name, pool_slug = excluded.pool_slug,
         method = excluded.method, matched_rule = excluded.matched_rule, matches = excluded.matches, rules_version = excluded.rules_version`,
      [meta.source, meta.rulesVersion],
    );
    // block_labels has no key index (bulk speed): update the heights it has, insert the others.
    await c.run(
      `UPDATE block_labels SET label = s.label, rules_version = $2, ingest_id = $3 FROM staging_attr s
       WHERE block_labels.source = $1 AND block_labels.height = s.height`,
      [meta.source, meta.rulesVersion, ingestId],
    );
    await c.run(
      `INSERT INTO block_labels (source, height, label, rules_version, ingest_id)
       SELECT $1, s.height, s.label, $2, $3 FROM staging_attr s ANTI JOIN (SELECT height FROM block_labels WHERE source = $1) b ON b.height = s.height`,
      [meta.source, meta.rulesVersion, ingestId],
    );
    return { inserted, updated, unchanged };
  }

  private async nextIngestId(): Promise<number> {
    return num((await this.conn.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM ingests')).getRowsJS()[0]?.[0]);
  }

  /** Start the run's ingest record (`id` new), or add to it (`id` = meta.ingestId). */
  private async recordIngest(meta: ChainWriteMeta, id: number, tipHash: string, rows: number, s: { inserted: number; updated: number; unchanged: number }): Promise<void> {
    if (meta.ingestId !== undefined) {
      await this.conn.run(
        `UPDATE ingests SET sha256 = $2, rows = rows + $3, inserted = inserted + $4, updated = updated + $5, unchanged = unchanged + $6,
           finished_at = now()::TIMESTAMP WHERE id = $1`,
        [id, tipHash, rows, s.inserted, s.updated, s.unchanged],
      );
      return;
    }
    await this.conn.run(
      `INSERT INTO ingests (id, source, kind, input, sha256, rules_version, description, granularity, rows, skipped, inserted, updated, unchanged, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'block', $8, 0, $9, $10, $11, now()::TIMESTAMP)`,
      [id, meta.source, meta.kind, meta.input, tipHash, meta.rulesVersion, meta.description, rows, s.inserted, s.updated, s.unchanged],
    );
  }

  async writeBatch(blocks: readonly ChainBlockRecord[], attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary> {
    await this.stageBlocks(blocks);
    await this.stageAttributions(attributions);
    const top = blocks.reduce<ChainBlockRecord | null>((a, b) => (a === null || b.height > a.height ? b : a), null);
    return inTransaction(this.conn, async () => {
      const c = this.conn;
      const id = meta.ingestId ?? (await this.nextIngestId());
      await c.run(
        `INSERT INTO chain_blocks (height, hash, prev_hash, time_sec, bits, version, tx_count, coinbase_scriptsig_hex, payout_addresses, coinbase_txid, ingest_id,
           coinbase_value_sat, weight)
         SELECT height, hash, prev_hash, time_sec, bits, version, tx_count, scriptsig, payout, txid, $1, coinbase_value_sat, weight FROM staging_chain
         ON CONFLICT (height) DO UPDATE SET hash = excluded.hash, prev_hash = excluded.prev_hash, time_sec = excluded.time_sec, bits = excluded.bits,
           version = excluded.version, tx_count = excluded.tx_count, coinbase_scriptsig_hex = excluded.coinbase_scriptsig_hex,
           payout_addresses = excluded.payout_addresses, coinbase_txid = excluded.coinbase_txid, ingest_id = excluded.ingest_id,
           coinbase_value_sat = excluded.coinbase_value_sat, weight = excluded.weight`,
        [id],
      );
      // The synced chain is authoritative for block hashes and times.
      await c.run(`UPDATE blocks SET hash = s.hash, time_sec = s.time_sec, time_from = 'chain' FROM staging_chain s WHERE blocks.height = s.height`);
      await c.run(`INSERT INTO blocks (height, hash, time_sec, time_from) SELECT s.height, s.hash, s.time_sec, 'chain' FROM staging_chain s ANTI JOIN blocks b ON b.height = s.height`);
      const counts = await this.mergeAttributions(meta, id);
      await this.recordIngest(meta, id, top?.hash ?? '', blocks.length, counts);
      return { ingestId: id, blocks: blocks.length, ...counts };
    }, ['staging_chain', 'staging_attr']);
  }

  async writeAttributions(attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary> {
    await this.stageAttributions(attributions);
    const tip = (await this.tip())?.hash ?? '';
    return inTransaction(this.conn, async () => {
      const id = meta.ingestId ?? (await this.nextIngestId());
      const counts = await this.mergeAttributions(meta, id);
      await this.recordIngest(meta, id, tip, attributions.length, counts);
      return { ingestId: id, blocks: 0, ...counts };
    }, ['staging_attr']);
  }

  async rollback(aboveHeight: number): Promise<{ blocks: number; labels: number }> {
    return inTransaction(this.conn, async () => {
      const c = this.conn;
      const n = await c.runAndReadAll(
        `SELECT (SELECT count(*) FROM chain_blocks WHERE height > $1),
                (SELECT count(*) FROM block_labels l JOIN chain_attributions a ON a.source = l.source AND a.height = l.height WHERE a.height > $1)`,
        [aboveHeight],
      );
      const [blocks, labels] = (n.getRowsJS()[0] ?? []).map(num) as [number, number];
      await c.run('DELETE FROM block_labels USING chain_attributions a WHERE block_labels.source = a.source AND block_labels.height = a.height AND a.height > $1', [aboveHeight]);
      await c.run('DELETE FROM chain_attributions WHERE height > $1', [aboveHeight]);
      await c.run('DELETE FROM blocks USING chain_blocks c WHERE blocks.height = c.height AND c.height > $1', [aboveHeight]);
      await c.run('DELETE FROM chain_blocks WHERE height > $1', [aboveHeight]);
      return { blocks, labels };
    }, []);
  }

  async readLabels(source: string, exceptVersion?: string): Promise<StoredChainLabel[]> {
    const r = await this.conn.runAndReadAll(
      `SELECT c.height, c.time_sec, c.coinbase_scriptsig_hex, c.payout_addresses, a.rules_version, a.pool_id, a.pool_name, a.pool_slug, a.method,
              a.matched_rule, a.matches, l.label
       FROM chain_blocks c LEFT JOIN chain_attributions a ON a.source = $1 AND a.height = c.height
       LEFT JOIN block_labels l ON l.source = $1 AND l.height = c.height
       WHERE $2::VARCHAR IS NULL OR a.rules_version IS DISTINCT FROM $2 OR l.label IS NULL ORDER BY c.height`,
      [source, exceptVersion ?? null],
    );
    return r.getRowsJS().map((x) => chainLabel(x));
  }

  async readBlocks(): Promise<StoredChainBlocks> {
    const r = await this.conn.runAndReadAll('SELECT height, time_sec, bits, tx_count, coinbase_value_sat, weight FROM chain_blocks ORDER BY height');
    const [h = [], t = [], b = [], n = [], v = [], w = []] = r.getColumnsJS();
    return {
      heights: Int32Array.from(h, num),
      timeSec: Float64Array.from(t, num),
      bits: Float64Array.from(b, num),
      txCount: Float64Array.from(n, num),
      coinbaseValueSat: Float64Array.from(v, num),
      weight: Float64Array.from(w, num),
    };
  }

  async saveRuleSnapshot(version: string, kind: string, snapshot: string): Promise<void> {
    await this.conn.run('INSERT INTO rule_sets VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING', [version, kind, snapshot]);
  }

  async readRuleSnapshot(version: string): Promise<{ kind: string; snapshot: string } | null> {
    const r = await this.conn.runAndReadAll('SELECT kind, snapshot FROM rule_sets WHERE version = $1', [version]);
    const row = r.getRowsJS()[0];
    return row ? { kind: String(row[0]), snapshot: String(row[1]) } : null;
  }
}
