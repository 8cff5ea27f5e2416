/**
 * `ingest` of the per-block attribution file through its fast path (one streaming pass that reads,
 * checks and hashes the file; DuckDB staging by data chunks) against independent expectations:
 * - on a real slice (rows with v1 only, both versions, v2 only), every table of the store equals
 *   what DuckDB's own CSV reader and plain SQL make of the same file, and a copy of the slice that
 *   the fast path refuses (a byte-order mark: the general validating reader takes it) stores the
 *   same blocks and labels;
 * - bad files fail with exactly the validating reader's message (file, line, field, reason) and
 *   leave the store unchanged, through `ingestDataset` and through the command (exit 2, one line).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../domain/errors.js';
import { readDataset } from '../sources/datasets/detect.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import { ingestDataset } from './ingest-dataset.js';
import { runCli } from '../../test/helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-perblock-'));
const all = gunzipSync(readFileSync(datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz'))).toString('utf8').trimEnd().split('\n');
// 610,683… (v1 only), around 664,063 (where v2 starts: both), and the last rows (v2 only, after 942,459).
const slice = [all[0]!, ...all.slice(1, 1501), ...all.slice(52_800, 54_300), ...all.slice(-1500)].join('\n') + '\n';

async function storeWith(file: string): Promise<string> {
  const db = join(dir, `${Math.random().toString(36).slice(2)}.duckdb`);
  const store = await openDuckDbStore(db);
  try {
    await ingestDataset(store, file);
  } finally {
    await store.close();
  }
  return db;
}

/** Rows of `sql` in `db` (read-only), as JSON strings, sorted. */
async function rowsOf(db: string, sql: string): Promise<string[]> {
  const inst = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const conn = await inst.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowsJS().map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).sort();
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

describe('ingest of the per-block file (fast path)', () => {
  it('stores exactly what an independent SQL reading of the same real slice gives, in every table', async () => {
    const file = join(dir, 'slice.csv.gz');
    const bytes = gzipSync(slice);
    writeFileSync(file, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const rules = `labels:${sha.slice(0, 12)}`;
    const db = await storeWith(file);
    const csv = `read_csv('${file}', header = true, auto_detect = false, delim = ',', quote = '"', columns = {'height': 'INTEGER', 'ts': 'VARCHAR', 'unix_time': 'BIGINT', 'v1': 'VARCHAR', 'v2': 'VARCHAR'})`;
    // What the file says, by DuckDB's reader: v1 is written first, so it supplies the time of every block it labels.
    const expected = {
      blocks: `SELECT height, NULL, unix_time, CASE WHEN v1 IS NOT NULL THEN 'perblock-v1' ELSE 'perblock-v2' END FROM ${csv}`,
      block_labels: `SELECT 'perblock-v1', height, v1, '${rules}', 1 FROM ${csv} WHERE v1 IS NOT NULL UNION ALL SELECT 'perblock-v2', height, v2, '${rules}', 2 FROM ${csv} WHERE v2 IS NOT NULL`,
      ingests: `SELECT id, source, 'perblock', '${file}', '${sha}', '${rules}', description, 'block', n, 0, n, 0, 0 FROM (SELECT 1 AS id, 'perblock-v1' AS source, count(v1) AS n FROM ${csv} UNION ALL SELECT 2, 'perblock-v2', count(v2) FROM ${csv}) JOIN (SELECT source, description FROM ingests) USING (source)`,
    };
    const stored = {
      blocks: 'SELECT height, hash, time_sec, time_from FROM blocks',
      block_labels: 'SELECT source, height, label, rules_version, ingest_id FROM block_labels',
      ingests: 'SELECT id, source, kind, input, sha256, rules_version, description, granularity, rows, skipped, inserted, updated, unchanged FROM ingests',
    };
    for (const t of ['blocks', 'block_labels', 'ingests'] as const) {
      const got = await rowsOf(db, stored[t]);
      expect(got.length, t).toBeGreaterThan(t === 'ingests' ? 1 : 4000);
      expect(got, t).toEqual(await rowsOf(db, expected[t]));
    }
    // Every other table stays empty.
    const others = await rowsOf(db, `SELECT table_name, estimated_size FROM duckdb_tables() WHERE table_name NOT IN ('blocks', 'block_labels', 'ingests', 'schema_migrations') AND estimated_size > 0`);
    expect(others).toEqual([]);

    // The same rows in a shape the fast path refuses (a byte-order mark): the general reader stores the same.
    const general = join(dir, 'slice-bom.csv');
    writeFileSync(general, '\ufeff' + slice);
    const db2 = await storeWith(general);
    for (const t of ['blocks', 'block_labels'] as const) {
      const sql = t === 'blocks' ? stored.blocks : 'SELECT source, height, label, ingest_id FROM block_labels';
      expect(await rowsOf(db2, sql), t).toEqual(await rowsOf(db, sql));
    }
  }, 60_000);

  const header = 'height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2\n';
  const good = all.slice(1, 4).join('\n') + '\n';
  it.each([
    ['bad height', header + good + 'x7,2021-09-11T00:00:00Z,1631318400,a,b\n'],
    ['bad time', header + good + '700001,2021-09-31T00:00:00Z,1631318400,a,b\n'],
    ['unix mismatch', header + good + '700001,2021-09-11T00:00:01Z,1631318400,a,b\n'],
    ['duplicate', header + good + all[3] + '\n'],
    ['short row', header + good + '700001,2021-09-11T00:00:01Z\n'],
    ['no labels', header + good + '700001,2021-09-11T00:00:01Z,1631318401,,\n'],
    ['control char', header + good + '700001,2021-09-11T00:00:01Z,1631318401,a\u0007b,\n'],
    // Shapes the byte reader reads but the validating reader refuses: the fast path must hand them over.
    ['height above the range', header + good + '150000000,2021-09-11T00:00:01Z,1631318401,a,b\n'],
    ['label too long', header + good + `700001,2021-09-11T00:00:01Z,1631318401,${'x'.repeat(20_001)},b\n`],
    ['truncated gzip', null],
  ])('%s: the validating reader’s one-line error, and the store is unchanged', async (name, text) => {
    const file = join(dir, `${name.replace(/ /g, '-')}.csv${text === null ? '.gz' : ''}`);
    if (text === null) {
      const gz = gzipSync(slice);
      writeFileSync(file, gz.subarray(0, gz.length - 20));
    } else writeFileSync(file, text);
    const reason = await readDataset(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(reason).toBeInstanceOf(DecodeError);
    const db = join(dir, `${name.replace(/ /g, '-')}.duckdb`);
    const store = await openDuckDbStore(db);
    try {
      const failure = await ingestDataset(store, file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(DecodeError);
      expect((failure as Error).message).toBe((reason as Error).message);
      expect((reason as Error).message).toContain(file);
      expect(await store.listIngests()).toEqual([]);
      expect(await store.listSources()).toEqual([]);
    } finally {
      await store.close();
    }
    // The command (whose read starts while the store opens): exit 2, that one line, nothing stored.
    const env = { NAKAMOTO_DB: join(dir, `${name.replace(/ /g, '-')}-cli.duckdb`) };
    const r = await runCli(['ingest', file], env);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`nakamoto: ${(reason as Error).message}\n`);
    expect(JSON.parse((await runCli(['sources', '--ingests', '--format', 'json'], env)).out)).toEqual([]);
  });
});
