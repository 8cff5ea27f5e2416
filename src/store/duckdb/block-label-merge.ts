/**
 * @module The DuckDB store's block-label write: labels staged into TEMP tables a data chunk at a time
 * (interned to integer ids), then merged into `blocks` and `block_labels` with the `ingests` row in
 * one transaction, so a killed process leaves the store as before the batch. docs/storage.md
 * "DuckDB write path".
 */
import { availableParallelism, loadavg } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DecodeError, StoreError } from '../../domain/errors.js';
import type { BlockLabelBatch } from '../../domain/batches.js';
import type { IngestMeta, WriteSummary } from '../store.js';
import { num } from '../row-mappers.js';
import { appendColumns } from './append-columns.js';
import { insertIngest, nextIngestId } from './ingests-table.js';
import { inTransaction } from './transaction.js';

/** Write one batch of block labels (see the module comment). */
export function mergeBlockLabels(c: DuckDBConnection, batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary> {
  return threadsForLoad(c, () => mergeOnce(c, batch, meta));
}

/**
 * Run a block-label merge on DuckDB's threads while the machine has a core to spare (1-minute load
 * average below the number of cores), else on one thread (its thread count restored after). Measured
 * on the per-block file, whole `ingest` process, 2 cores, runs interleaved: at load average ~1.4, two
 * threads 0.66–0.73 s wall vs one 0.84–0.91 s (CPU about equal, ~0.95 s); at ~2.7 (other processes
 * busy), one thread 0.93 s vs two 1.15 s median, and 0.89 vs 1.0 s CPU. The rows stored are the same.
 */
async function threadsForLoad<T>(c: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  // Decided once per process, so that every merge of one ingest runs alike.
  busyMachine ??= loadavg()[0]! >= availableParallelism();
  if (!busyMachine) return fn();
  const threads = num((await c.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0]?.[0]);
  if (threads <= 1) return fn();
  await c.run('SET threads = 1');
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    // Restore the setting, but never let a failure to do so hide the merge's own error.
    await c.run(`SET threads = ${threads}`).catch(() => undefined);
    throw err;
  }
  await c.run(`SET threads = ${threads}`);
  return result;
}
let busyMachine: boolean | undefined;

async function mergeOnce(c: DuckDBConnection, batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary> {
  // Staging: labels interned to integer ids (a label dictionary table beside it), times as DOUBLE
  // (NaN = no time), loaded a data chunk at a time: no appender call, string or BigInt per row.
  await c.run('CREATE OR REPLACE TEMP TABLE staging_dict (id INTEGER, label VARCHAR)');
  await c.run(`CREATE OR REPLACE TEMP TABLE staging_labels (height INTEGER, time_sec DOUBLE, label_id INTEGER${batch.hashes ? ', hash VARCHAR' : ''})`);
  const { heights, timeSec, labels, hashes } = batch;
  if (timeSec.length !== heights.length || labels.length !== heights.length || (hashes && hashes.length !== heights.length)) {
    throw new StoreError(`block labels of ${batch.source}: columns of different lengths (heights ${heights.length}, times ${timeSec.length}, labels ${labels.length}${hashes ? `, hashes ${hashes.length}` : ''})`);
  }
  const ids = new Map<string, number>();
  const labelIds = new Int32Array(heights.length);
  for (let i = 0; i < heights.length; i++) {
    const label = labels[i]!;
    let id = ids.get(label);
    if (id === undefined) {
      id = ids.size;
      ids.set(label, id);
    }
    labelIds[i] = id;
  }
  const names = [...ids.keys()];
  await appendColumns(c, 'staging_dict', [{ type: 'int32', values: Int32Array.from(names, (_, i) => i) }, { type: 'varchar', values: names }], names.length, 'temp');
  await appendColumns(
    c,
    'staging_labels',
    [{ type: 'int32', values: heights }, { type: 'double', values: timeSec }, { type: 'int32', values: labelIds }, ...(hashes ? [{ type: 'varchar' as const, values: hashes }] : [])],
    heights.length,
    'temp',
  );
  // The staged rows: with their labels (for block_labels), and without (for blocks: no dictionary join).
  const stagedBlocks = `(SELECT s.height, CASE WHEN isnan(s.time_sec) THEN NULL ELSE CAST(s.time_sec AS BIGINT) END AS time_sec, ${hashes ? 's.hash' : 'CAST(NULL AS VARCHAR) AS hash'} FROM temp.main.staging_labels s)`;
  const staged = `(SELECT s.height, d.label FROM temp.main.staging_labels s JOIN temp.main.staging_dict d ON d.id = s.label_id)`;
  return inTransaction(c, async () => {
    // Fast path for a fresh store or source: skip the joins whose answer is known.
    const sizes = await c.runAndReadAll(
      'SELECT (SELECT count(*) FROM blocks), (SELECT count(*) FROM block_labels WHERE source = $1), (SELECT count(*) FROM blocks WHERE time_sec IS NULL), (SELECT count(*) FROM blocks WHERE hash IS NULL)',
      [batch.source],
    );
    const [blockRows, sourceRows, timeless, hashless] = (sizes.getRowsJS()[0] ?? []).map(num) as [number, number, number, number];
    const conflict =
      blockRows === 0
        ? null
        : await c.runAndReadAll(
            `SELECT s.height, s.time_sec, b.time_sec, b.time_from FROM ${stagedBlocks} s JOIN blocks b USING (height)
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
    const id = await nextIngestId(c);
    // Blocks: add the heights the store does not have; fill in a missing hash or time where this source has one.
    await c.run(
      `INSERT INTO blocks SELECT s.height, s.hash, s.time_sec, CASE WHEN s.time_sec IS NULL THEN NULL ELSE $1 END
       FROM ${stagedBlocks} s ${blockRows === 0 ? '' : 'ANTI JOIN blocks b ON b.height = s.height'}`,
      [batch.source],
    );
    // Only when this batch can fill something in: it has times and some stored block has none, or hashes likewise.
    if (blockRows > 0 && ((timeless > 0 && timeSec.some((t) => !Number.isNaN(t))) || (hashless > 0 && hashes !== undefined))) {
      await c.run(
        `UPDATE blocks SET hash = coalesce(blocks.hash, s.hash), time_sec = coalesce(blocks.time_sec, s.time_sec),
           time_from = CASE WHEN blocks.time_sec IS NULL AND s.time_sec IS NOT NULL THEN $1 ELSE blocks.time_from END
         FROM ${stagedBlocks} s WHERE blocks.height = s.height
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
    await insertIngest(c, id, batch.source, batch.input, batch.description, 'block', meta, { inserted, updated, unchanged });
    return { ingestId: id, inserted, updated, unchanged };
  }, ['staging_labels', 'staging_dict']);
}
