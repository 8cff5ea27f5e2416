/**
 * `--db` / $NAKAMOTO_DB / $DATABASE_URL: which backend a command uses, and the CLI end to end on
 * PostgreSQL — a database without the schema is "no store" (readers fall back to the embedded
 * default, `sources` says so), `ingest` creates it, and commands print the same numbers as on DuckDB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { usePostgres } from '../../../test/helpers/postgres-server.js';
import { UsageError } from '../../domain/errors.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { captureIo } from './io.js';
import { DEFAULT_DB, resolveStore } from './store-options.js';

const server = usePostgres();
const dir = mkdtempSync(join(tmpdir(), 'nk-store-options-'));

describe('resolveStore', () => {
  const io = (env: Record<string, string>) => captureIo(env, '/work');
  it('picks --db, then $NAKAMOTO_DB, then $DATABASE_URL, then the default file; URLs select PostgreSQL', () => {
    const pgUrl = 'postgres://u:p@h:5432/d';
    expect(resolveStore(undefined, io({}))).toEqual({ kind: 'duckdb', path: `/work/${DEFAULT_DB}` });
    expect(resolveStore('x.duckdb', io({ NAKAMOTO_DB: pgUrl, DATABASE_URL: pgUrl }))).toEqual({ kind: 'duckdb', path: '/work/x.duckdb' });
    expect(resolveStore('postgresql://h/d', io({ NAKAMOTO_DB: '/abs/y.duckdb' }))).toEqual({ kind: 'postgres', url: 'postgresql://h/d' });
    expect(resolveStore(undefined, io({ NAKAMOTO_DB: '/abs/y.duckdb', DATABASE_URL: pgUrl }))).toEqual({ kind: 'duckdb', path: '/abs/y.duckdb' });
    expect(resolveStore(undefined, io({ DATABASE_URL: pgUrl }))).toEqual({ kind: 'postgres', url: pgUrl });
    expect(resolveStore(undefined, io({ DATABASE_URL: '' }))).toEqual({ kind: 'duckdb', path: `/work/${DEFAULT_DB}` });
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL, without echoing it', () => {
    expect(() => resolveStore(undefined, io({ DATABASE_URL: 'mysql://u:secret@h/d' }))).toThrow(UsageError);
    expect(() => resolveStore(undefined, io({ DATABASE_URL: 'mysql://u:secret@h/d' }))).not.toThrow(/secret/);
  });
});

describe('the CLI on PostgreSQL', () => {
  it('an empty database is no store: sources says so, report falls back to the embedded default', async () => {
    const url = new URL(await server.freshDatabase());
    url.password = 'hunter2';
    const sources = await runCli(['sources', '--db', url.toString()]);
    expect(sources.code).toBe(2);
    expect(sources.err).toMatch(/no store in postgres:\/\/postgres@127\.0\.0\.1:\d+\/test_\w+ \(the database has no nakamoto schema yet\)/);
    expect(sources.err).not.toContain('hunter2');
    const report = await runCli(['report', '--format', 'json'], { DATABASE_URL: url.toString() }, dir);
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain('embedded default');
    // An unreachable server is an error, never a silent fallback.
    const down = await runCli(['report'], { DATABASE_URL: 'postgres://nobody:hunter2@127.0.0.1:1/x' }, dir);
    expect([down.code, down.err]).toEqual([1, expect.stringMatching(/^nakamoto: cannot open store postgres:\/\/nobody@127\.0\.0\.1:1\/x: /)]);
    expect(down.err).not.toContain('hunter2');
  });

  it('ingest creates the schema; metrics from PostgreSQL and DuckDB are the same', async () => {
    // The first 3,000 blocks of the real per-block file (heights 610,683–613,682, early 2020).
    const file = join(dir, 'first-blocks.csv');
    writeFileSync(file, execFileSync('sh', ['-c', `gzip -dc '${datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz')}' | head -n 3001`]));
    const url = await server.freshDatabase();
    const duck = join(dir, 'same.duckdb');
    const ingested = await runCli(['ingest', file, '--format', 'csv'], { DATABASE_URL: url }, dir);
    expect(ingested.code, ingested.err).toBe(0);
    expect(ingested.out).toContain('perblock-v1,3000,3000,0,0,ingest #1');
    expect((await runCli(['ingest', file, '--db', duck])).code).toBe(0);
    const listed = await runCli(['sources', '--format', 'csv'], { DATABASE_URL: url }, dir);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain('perblock-v1,block,3000,610683–613682,');
    const args = ['metrics', 'bitcoin/pools', '--source', 'perblock-v1', '--window', '7d', '--format', 'csv'];
    const [onPg, onDuck] = [await runCli([...args, '--db', url]), await runCli([...args, '--db', duck])];
    expect(onPg.code, onPg.err).toBe(0);
    expect(onPg.out.split('\n').length).toBeGreaterThan(2);
    expect(onPg.out).toBe(onDuck.out);
    expect(onPg.err).toContain(url.replace(/^postgres:\/\//, '')); // provenance names the PostgreSQL store
  });
});
