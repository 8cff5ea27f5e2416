/**
 * The PostgreSQL store on the real EDI daily file (236 entities; unattributed blocks are named by
 * their reward addresses joined by `/`, up to 6,812 characters: longer than a B-tree index entry
 * may be): ingested through the CLI (`--db postgres://…`) it gives the same sources, entities and
 * metrics as DuckDB, and re-ingesting changes nothing. A store written before migration 0006 (text
 * keys) keeps its rows and keys them by hash after it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { usePostgres } from '../../../test/helpers/postgres-server.js';
import { DEFAULT_DAILY_FILE, DEFAULT_DATA_DIR } from '../../pipeline/load-bitcoin.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { loadMigrations } from '../duckdb/migrate.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import { openPostgresStore } from './postgres-store.js';

const server = usePostgres();
const EDI = datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv');

const QUERIES = [
  ['sources', '--format', 'csv'],
  ['metrics', 'bitcoin/pools', '--source', 'edi', '--window', '1y', '--format', 'csv'],
  ['metrics', 'bitcoin/pools', '--source', 'edi', '--window', '7d', '--from', '2018-01-01', '--to', '2018-03-01', '--format', 'csv'],
];

describe('PostgreSQL store with entity names longer than an index entry (real EDI file)', () => {
  it('ingests the EDI file; same sources, entities and metrics as DuckDB; re-ingest is unchanged', async () => {
    // Independent of both stores: the entity names as written in the file's first column.
    const lines = readFileSync(EDI, 'utf8').trimEnd().split('\n').slice(1);
    const names = lines.map((l) => l.slice(0, l.indexOf(',')));
    const cells = lines.reduce((n, l) => n + l.split(',').slice(1).filter((c) => c.trim() !== '' && Number(c) > 0).length, 0);
    const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
    expect([names.length, longest.length]).toEqual([236, 6812]);
    expect(names.filter((n) => n.length > 2704).length).toBe(5);

    const pgUrl = await server.freshDatabase();
    const duck = join(mkdtempSync(join(tmpdir(), 'nk-pg-edi-')), 's.duckdb');
    for (const db of [pgUrl, duck]) {
      const r = await runCli(['ingest', EDI, '--db', db, '--format', 'json']);
      expect(r.code, r.err).toBe(0);
    }
    for (const q of QUERIES) {
      const [a, b] = [await runCli([...q, '--db', pgUrl]), await runCli([...q, '--db', duck])];
      expect(a.code, a.err).toBe(0);
      expect(a.out, q.join(' ')).toBe(b.out);
    }
    expect((await runCli(['sources', '--db', pgUrl, '--format', 'csv'])).out).toMatch(/^edi,day,321825,/m);

    const again = await runCli(['ingest', EDI, '--db', pgUrl, '--force', '--format', 'json']);
    expect(again.code, again.err).toBe(0);
    const [src] = (JSON.parse(again.out) as { sources: Record<string, unknown>[] }).sources;
    expect(src).toMatchObject({ source: 'edi', inserted: 0, updated: 0, unchanged: cells });

    const [p, d] = [await openPostgresStore(pgUrl), await openDuckDbStore(duck)];
    try {
      const [pr, dr] = [await p.readDailyCounts('edi'), await d.readDailyCounts('edi')];
      expect(pr).toEqual(dr);
      // Every entity of the file is stored whole and distinct (none truncated or merged).
      expect([...pr.entities].sort()).toEqual([...new Set(names)].sort());
      expect(pr.entities).toContain(longest);
    } finally {
      await p.close();
      await d.close();
    }
  }, 60_000);

  it('a store written before migration 0006 keeps its rows; they are keyed by hash after it', async () => {
    const url = await server.freshDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // The schema as migrations 0001–0005 left it, with rows, as an older nakamoto wrote them.
      await c.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
      for (const m of loadMigrations(join(import.meta.dirname, 'migrations')).filter((x) => x.version < 6)) {
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.version, m.name]);
      }
      await c.query(`INSERT INTO ingests (source, kind, input, sha256, rules_version, description, granularity, rows, skipped, inserted, updated, unchanged, finished_at)
        VALUES ('daily', 'daily-long', 'd.csv', 'aa', 'r1', 'daily test', 'day', 2, 0, 2, 0, 0, now())`);
      await c.query("INSERT INTO daily_counts VALUES ('daily', 0, 'B', 3, 'r1', 1), ('daily', 0, 'Ä', 2, 'r1', 1)");
      await c.query("INSERT INTO snapshots VALUES ('test-data', 'sn1', 1000, NULL, 'text', 'h', 'a', 'snap', 1)");
    } finally {
      await c.end();
    }
    const store = await openPostgresStore(url);
    try {
      const r = await store.readDailyCounts('daily');
      expect([r.entities, [...r.counts]]).toEqual([['B', 'Ä'], [3, 2]]);
      const batch = { source: 'daily', description: 'daily test', input: 'd.csv', daySec: Float64Array.from([0, 0]), entities: ['Ä', 'B'], counts: Int32Array.from([2, 4]) };
      const meta = { kind: 'daily-long', sha256: 'bb', rulesVersion: 'r1', rows: 2, skipped: 0 };
      expect(await store.writeDailyCounts(batch, meta)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
      expect((await store.readSnapshots('test-data')).map((x) => [x.subject, x.body])).toEqual([['sn1', 'a']]);
      expect(await store.findIngest('daily', 'aa')).toMatchObject({ id: 1, inserted: 2 });
    } finally {
      await store.close();
    }
    const k = new pg.Client({ connectionString: url });
    await k.connect();
    try {
      // The key is SHA-256 of the UTF-8 bytes, as Node computes it (Ä is two bytes).
      const rows = (await k.query<{ entity: string; key: Buffer }>('SELECT entity, entity_key AS key FROM daily_counts ORDER BY entity')).rows;
      expect(rows.map((x) => [x.entity, x.key.toString('hex')])).toEqual(['B', 'Ä'].map((e) => [e, createHash('sha256').update(e, 'utf8').digest('hex')]));
    } finally {
      await k.end();
    }
  });

  it('a --source id of up to 200 characters (any script) is stored; a longer one is a usage error that writes nothing', async () => {
    const url = await server.freshDatabase();
    const file = join(DEFAULT_DATA_DIR, DEFAULT_DAILY_FILE);
    const ok = '€'.repeat(200); // 600 UTF-8 bytes
    const a = await runCli(['ingest', file, '--db', url, '--source', ok, '--format', 'json']);
    expect(a.code, a.err).toBe(0);
    const before = (await runCli(['sources', '--db', url, '--ingests', '--format', 'csv'])).out;
    expect(before).toContain(`${ok},`);
    const b = await runCli(['ingest', file, '--db', url, '--source', `${ok}x`]);
    expect([b.code, b.err.trim()]).toEqual([2, `nakamoto: invalid --source: "${'€'.repeat(40)}"… (201 characters) (expected 1–200 characters, no control characters)`]);
    expect((await runCli(['sources', '--db', url, '--ingests', '--format', 'csv'])).out).toBe(before);
  });
});
