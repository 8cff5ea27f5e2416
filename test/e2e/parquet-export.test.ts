/**
 * Parquet out, end to end on real data: `--format parquet --output` of metrics, pools, hashrate, economics,
 * compare and simulate sweep gives the same values as `--format json` of the same command (read back with DuckDB and
 * with hyparquet); `nakamoto export --format parquet DIR` of a store built from the shared datasets
 * round-trips every table (same rows as the store, by DuckDB and by hyparquet), and its manifest's
 * row counts, hashes and schemas match independent computation.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportManifest } from '../../src/store/parquet-export.js';
import { datasetPath } from '../../src/sources/files/datasets-path.js';
import pg from 'pg';
import { usePostgres } from '../helpers/postgres-server.js';
import { runCli } from '../helpers/run-cli.js';
import { groupsCsvRows } from '../../src/interfaces/cli/commands/groups.js';
import type { GroupsResult } from '../../src/pipeline/queries/groups-query.js';

const dir = mkdtempSync(join(tmpdir(), 'nakamoto-parquet-'));
const noStore = { NAKAMOTO_DB: join(dir, 'absent.duckdb') };

function arrayBuffer(file: string): ArrayBuffer {
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Reader values → JSON-like values (bigint → number, Date → YYYY-MM-DD or ISO time, NaN → null). */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().endsWith('T00:00:00.000Z') ? v.toISOString().slice(0, 10) : v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  return v ?? null;
}
const plainRow = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)]));

let inst: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  inst = await DuckDBInstance.create(':memory:');
  conn = await inst.connect();
});
afterAll(() => {
  conn.closeSync();
  inst.closeSync();
});

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS().map(plainRow);
}
async function hyp(file: string): Promise<Record<string, unknown>[]> {
  return ((await parquetReadObjects({ file: arrayBuffer(file) })) as Record<string, unknown>[]).map(plainRow);
}

describe('--format parquet --output', () => {
  const cases: { name: string; args: string[]; rows: (json: Record<string, unknown>) => unknown[] }[] = [
    { name: 'metrics', args: ['metrics', 'bitcoin/pools', '--window', '30d', '--anchor', '2018-01-01', '--from', '2025-06-01'], rows: (j) => j.rows as unknown[] },
    { name: 'pools', args: ['pools', '--window', '30d'], rows: (j) => j.pools as unknown[] },
    { name: 'hashrate', args: ['hashrate', '--window', '30d', '--from', '2025-10-01'], rows: (j) => j.rows as unknown[] },
    { name: 'groups', args: ['groups', '--window', '66d', '--at', '2025-03-07', '--stratum', 'none'], rows: (j) => groupsCsvRows(j as unknown as GroupsResult) },
    { name: 'economics', args: ['economics', '--window', '1y', '--from', '2023-01-01', '--to', '2025-01-01'], rows: (j) => j.rows as unknown[] },
    { name: 'simulate-sweep', args: ['simulate', 'sweep', 'selfish-mining', '--param', 'gamma01=0,1', '--param', 'blocks=20000', '--runs', '3', '--threads', '0'], rows: (j) => j as unknown as unknown[] },
    {
      name: 'compare',
      args: ['compare', 'bitcoin/pools', 'ai/compute-owners', '--window', '1y'],
      rows: (j) => (j.cells as Record<string, unknown>[]).map((c) => ({ window_start: c.windowStart, window_end: c.windowEnd, distribution: c.distribution, metric: c.metric, value: c.value, lo: c.lo, hi: c.hi, total: c.total })),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: same values as --format json, by DuckDB and by hyparquet, provenance in the metadata`, async () => {
      const file = join(dir, `${c.name}.parquet`);
      const pq = await runCli([...c.args, '--format', 'parquet', '--output', file], noStore);
      expect(pq.code, pq.err).toBe(0);
      expect(pq.out).toBe('');
      expect(pq.err).toMatch(new RegExp(`^nakamoto: wrote \\d+ rows × \\d+ columns to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Parquet`));
      const js = await runCli([...c.args, '--format', 'json'], noStore);
      expect(js.code, js.err).toBe(0);
      const json = JSON.parse(js.out) as Record<string, unknown>; // an array for simulate sweep
      const want = c.rows(json).map((r) => plainRow(r as Record<string, unknown>));
      expect(want.length).toBeGreaterThan(0);
      expect(await duck(`SELECT * FROM read_parquet('${file}')`)).toEqual(want);
      expect(await hyp(file)).toEqual(want);
      const kv = (await parquetMetadataAsync(arrayBuffer(file))).key_value_metadata ?? [];
      const prov = JSON.parse(kv.find((e) => e.key === 'nakamoto.provenance')!.value!) as Record<string, unknown>;
      if (c.name === 'compare') expect(prov.sources).toEqual(json.provenance);
      else if (c.name === 'groups') expect(prov).toMatchObject({ summary: (json as { summary: string }).summary, method: 'docs/control.md', window: '66d', at: '2025-03-07' });
      else if (c.name === 'simulate-sweep') expect(prov).toMatchObject({ scenario: 'selfish-mining', parameters: ['gamma01', 'blocks'], runs: 3, seed: 1 });
      else expect(prov).toMatchObject(json.provenance as object);
    });
  }

  it('bad combinations are one-line usage errors (exit 2)', async () => {
    const a = await runCli(['pools', '--format', 'parquet'], noStore);
    expect([a.code, a.err.trim()]).toEqual([2, 'nakamoto: --format parquet needs --output FILE (Parquet is binary; it is not written to the terminal)']);
    const b = await runCli(['pools', '--format', 'csv', '--output', 'x.parquet'], noStore);
    expect([b.code, b.err.trim()]).toEqual([2, 'nakamoto: --output is for --format parquet (got --format csv); redirect stdout for text formats']);
    const c = await runCli(['metrics', 'bitcoin/pools', '--format', 'xml'], noStore);
    expect(c.code).toBe(2);
  });
});

const db = join(dir, 'store', 's.duckdb');
const INGESTED = ['bitcoin/btccom-pool-labels-2016-2018/miningpool.csv', 'bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv'];
let building: Promise<void> | undefined;
/** The DuckDB store of both datasets, built once for the tests that need it. */
function duckStore(): Promise<void> {
  building ??= (async () => {
    for (const f of INGESTED) {
      const r = await runCli(['ingest', datasetPath(f), '--db', db]);
      expect(r.code, r.err).toBe(0);
    }
  })();
  return building;
}

describe('nakamoto export --format parquet', () => {
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

  beforeAll(duckStore);

  it('writes every table with a manifest whose rows, hashes and schemas match, and leaves the store unchanged', async () => {
    const before = sha(db);
    const out = join(dir, 'export');
    const r = await runCli(['export', '--format', 'parquet', out, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(sha(db)).toBe(before);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest;
    await conn.run(`ATTACH '${db}' AS store (READ_ONLY)`);
    try {
      const tables = (await duck(`SELECT table_name FROM information_schema.tables WHERE table_catalog = 'store' AND table_schema = 'main' ORDER BY table_name`)).map((t) => t.table_name);
      expect(m.tables.map((t) => t.name)).toEqual(tables);
      expect(tables).toEqual(expect.arrayContaining(['block_labels', 'blocks', 'daily_counts', 'ingests']));
      for (const t of m.tables) {
        const file = join(out, t.file);
        expect(t.sha256).toBe(sha(file));
        const [{ n }] = (await duck(`SELECT count(*) AS n FROM store.main."${t.name}"`)) as [{ n: number }];
        expect(t.rows).toBe(n);
        const schema = await duck(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_catalog = 'store' AND table_name = '${t.name}' ORDER BY ordinal_position`);
        expect(t.columns.map(({ name, type }) => ({ name, type }))).toEqual(schema);
        // DuckDB: the file holds exactly the store's rows (EXCEPT ALL both ways is empty).
        const diff = await duck(`SELECT count(*) AS n FROM ((SELECT * FROM store.main."${t.name}" EXCEPT ALL SELECT * FROM read_parquet('${file}')) UNION ALL (SELECT * FROM read_parquet('${file}') EXCEPT ALL SELECT * FROM store.main."${t.name}"))`);
        expect(diff, t.name).toEqual([{ n: 0 }]);
      }
      // hyparquet: the same values as DuckDB reads from the store, in the file's order (ORDER BY ALL);
      // the two 146k-row block tables on their first 3,000 rows (to keep the test fast).
      for (const name of ['daily_counts', 'ingests', 'schema_migrations', 'block_labels', 'blocks']) {
        const limit = name.startsWith('block') ? 3000 : undefined;
        const want = await duck(`SELECT * FROM store.main."${name}" ORDER BY ALL${limit ? ` LIMIT ${limit}` : ''}`);
        const got = ((await parquetReadObjects({ file: arrayBuffer(join(out, `${name}.parquet`)), rowEnd: limit })) as Record<string, unknown>[]).map(plainRow);
        expect(got, name).toEqual(want);
      }
    } finally {
      await conn.run('DETACH store');
    }
    expect(m.tables.find((t) => t.name === 'daily_counts')!.rows).toBe(31808);
    expect(m.tables.find((t) => t.name === 'block_labels')!.rows).toBe(146148);
  });

  it('refuses a non-empty folder, a PostgreSQL URL and a missing store (exit 2, nothing written)', async () => {
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'x');
    const a = await runCli(['export', '--format', 'parquet', full, '--db', db]);
    expect([a.code, a.err.trim()]).toEqual([2, `nakamoto: export: ${full} exists and is not an empty folder (choose a new folder)`]);
    const b = await runCli(['export', '--format', 'parquet', join(dir, 'pg'), '--db', 'postgres://u:secret@127.0.0.1:1/x']);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/^nakamoto: cannot open store postgres:\/\/u@127\.0\.0\.1:1\/x: /);
    expect(existsSync(join(dir, 'pg'))).toBe(false);
    const c = await runCli(['export', '--format', 'parquet', join(dir, 'none'), '--db', join(dir, 'nope.duckdb')]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/no store at/);
    const d = await runCli(['export', '--format', 'csv', join(dir, 'none'), '--db', db]);
    expect(d.code).toBe(2);
  });
});

describe('nakamoto export --format parquet of a PostgreSQL store', () => {
  const server = usePostgres();

  it('exports the same data rows as the DuckDB store holds, with counts from PostgreSQL and typed columns', async () => {
    const url = await server.freshDatabase();
    // Both files: EDI entity names up to 6,812 characters are keyed by hash (migration 0006).
    for (const f of INGESTED) {
      const r = await runCli(['ingest', datasetPath(f), '--db', url]);
      expect(r.code, r.err).toBe(0);
    }
    const out = join(dir, 'export-pg');
    const r = await runCli(['export', '--format', 'parquet', out, '--db', url]);
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(m.backend).toBe('postgres');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const t of m.tables) {
        const n = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.name}"`)).rows[0]!.n);
        expect(t.rows, t.name).toBe(n);
        expect(t.sha256).toBe(createHash('sha256').update(readFileSync(join(out, t.file))).digest('hex'));
      }
      // ingests: every column as PostgreSQL has it, read back by hyparquet (timestamps to the microsecond via text).
      const pgIngests = (await c.query<Record<string, unknown>>(`SELECT id, source, rows, inserted, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS finished_at FROM ingests ORDER BY id`)).rows;
      const fileIngests = (await hyp(join(out, 'ingests.parquet'))).map((x) => ({ id: x.id, source: x.source, rows: x.rows, inserted: x.inserted, finished_at: x.finished_at }));
      expect(fileIngests).toEqual(pgIngests);
    } finally {
      await c.end();
    }
    expect(m.tables.find((t) => t.name === 'ingests')!.columns.find((col) => col.name === 'finished_at')).toMatchObject({ type: 'TIMESTAMP WITH TIME ZONE', storeType: 'timestamp with time zone' });
    // The block and daily tables hold exactly what the DuckDB store holds from the same files (same
    // rows and columns, same order: the generated key column of migration 0006 is not exported).
    await duckStore();
    await conn.run(`ATTACH '${db}' AS store (READ_ONLY)`);
    try {
      for (const [name, rows] of [['block_labels', 146148], ['blocks', 146148], ['daily_counts', 31808]] as const) {
        const a = await duck(`SELECT * FROM read_parquet('${join(out, `${name}.parquet`)}')`);
        const b = await duck(`SELECT * FROM store.main."${name}" ORDER BY ALL`);
        expect(a.length, name).toBe(rows);
        expect(a, name).toEqual(b);
      }
    } finally {
      await conn.run('DETACH store');
    }
  }, 120_000);
});
