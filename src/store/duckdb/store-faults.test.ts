/**
 * The DuckDB store under an unlucky operator (issue 16): a failed write reports its real cause (not
 * the ROLLBACK that failed after it); read commands open read-only, so a mode-444 store can be read
 * and an empty file is not turned into a store; the "another process" hint only for a lock conflict.
 * Permission checks run the CLI as an unprivileged user when the tests run as root (root ignores
 * file modes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { PROJECT_ROOT, datasetPath } from '../../sources/files/datasets-path.js';
import { openDuckDbStore } from './duckdb-store.js';
import { inTransaction } from './transaction.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-store-faults-'));
chmodSync(dir, 0o777);
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** Run the real CLI (bin/nakamoto.js) as an unprivileged user. */
function cliAsUser(args: readonly string[]): { code: number; err: string; out: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/nakamoto.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, NAKAMOTO_DATASETS: process.env.NAKAMOTO_DATASETS, TZ: 'UTC' },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    timeout: 60_000,
  });
  return { code: r.status ?? -1, err: r.stderr, out: r.stdout };
}

function ownByUser(path: string): void {
  if (asRoot) chownSync(path, NOBODY, NOBODY);
}

/** A small real store: the first 2,000 blocks of the per-block attribution file. */
async function smallStore(name: string): Promise<string> {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, execFileSync('sh', ['-c', `gzip -dc '${datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz')}' | head -n 2001`]));
  const db = join(dir, `${name}.duckdb`);
  const r = await runCli(['ingest', csv, '--db', db, '--format', 'csv']);
  expect(r.code, r.err).toBe(0);
  return db;
}

describe('a failed write transaction', () => {
  it('reports the failure itself when DuckDB has already ended the transaction (no "cannot rollback")', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    try {
      // As after a COMMIT that failed on a full disk: the transaction is gone when the error surfaces.
      const run = inTransaction(conn, async () => {
        await conn.run('COMMIT');
        throw new Error('IO Error: No space left on device');
      }, 'staging_x');
      await expect(run).rejects.toThrow(/^store write failed: IO Error: No space left on device$/);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });

  it('ingest into a store in a read-only folder names the permission problem, and the store is unchanged', async () => {
    const db = await smallStore('ro-folder');
    const folder = join(dir, 'ro');
    mkdirSync(folder);
    const inside = join(folder, 'store.duckdb');
    writeFileSync(inside, readFileSync(db));
    ownByUser(folder);
    ownByUser(inside);
    chmodSync(folder, 0o555);
    const before = readFileSync(inside);
    const csv = join(dir, 'more.csv');
    writeFileSync(csv, execFileSync('sh', ['-c', `gzip -dc '${datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz')}' | head -n 1 ; gzip -dc '${datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz')}' | sed -n 3000,3500p`]));
    chmodSync(csv, 0o644);
    const r = cliAsUser(['ingest', csv, '--db', inside, '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Permission denied/);
    expect(r.err).not.toMatch(/cannot rollback|no transaction is active/);
    expect(readFileSync(inside).equals(before)).toBe(true);
    chmodSync(folder, 0o755);
  });
});

describe('read commands open the store read-only', () => {
  it('a mode-444 store answers sources and metrics', async () => {
    const db = await smallStore('ro-file');
    ownByUser(db);
    chmodSync(db, 0o444);
    const sources = cliAsUser(['sources', '--db', db]);
    expect(sources.code, sources.err).toBe(0);
    expect(sources.out).toMatch(/2,?000/);
    const metrics = cliAsUser(['metrics', 'bitcoin/pools', '--db', db, '--source', 'perblock', '--window', '7d', '--format', 'csv']);
    expect(metrics.code, metrics.err).toBe(0);
    expect(metrics.out.split('\n').length).toBeGreaterThan(2);
  });

  it('sources on an empty file says there is no store and leaves the file empty; on a DuckDB file without our schema, creates nothing', async () => {
    const empty = join(dir, 'empty.duckdb');
    writeFileSync(empty, '');
    const r = await runCli(['sources', '--db', empty]);
    expect([r.code, r.err]).toEqual([2, `nakamoto: no store at ${empty} (the file is empty or has no nakamoto schema): run \`nakamoto ingest <file>\` with this --db first\n`]);
    expect(statSync(empty).size).toBe(0);

    const bare = join(dir, 'bare.duckdb');
    const inst = await DuckDBInstance.create(bare);
    inst.closeSync();
    const r2 = await runCli(['sources', '--db', bare]);
    expect(r2.code).toBe(2);
    const check = await DuckDBInstance.create(bare, { access_mode: 'READ_ONLY' });
    const conn = await check.connect();
    const tables = (await conn.runAndReadAll('SELECT count(*) FROM information_schema.tables')).getRowsJS()[0]![0];
    conn.closeSync();
    check.closeSync();
    expect(Number(tables)).toBe(0);
  });
});

/** Make a store look as an older version left it: migration 0007 (chain economics columns) not applied. */
async function asOlderStore(db: string): Promise<void> {
  const inst = await DuckDBInstance.create(db);
  const c = await inst.connect();
  await c.run('ALTER TABLE chain_blocks DROP COLUMN coinbase_value_sat');
  await c.run('ALTER TABLE chain_blocks DROP COLUMN weight');
  await c.run('DELETE FROM schema_migrations WHERE version = 7');
  c.closeSync();
  inst.closeSync();
}

describe('a store written by an older version', () => {
  it('read commands upgrade its schema once and answer (the upgrade is recorded)', async () => {
    const db = await smallStore('older');
    await asOlderStore(db);
    const r = await runCli(['sources', '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2,?000/);
    const inst = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    const c = await inst.connect();
    const versions = (await c.runAndReadAll('SELECT version FROM schema_migrations ORDER BY version')).getColumnsJS()[0]!.map(Number);
    c.closeSync();
    inst.closeSync();
    expect(versions).toContain(7);
  });

  it('one the user may not write gets a one-line error saying how to upgrade it, and stays unchanged', async () => {
    const db = await smallStore('older-ro');
    await asOlderStore(db);
    ownByUser(db);
    chmodSync(db, 0o444);
    const before = readFileSync(db);
    const r = cliAsUser(['sources', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/has an older schema \(missing 0007-chain-economics\.sql\) and cannot be upgraded here .*run a writing command/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

describe('open errors', () => {
  it('a checksum error does not suggest another process holds the store', async () => {
    const db = await smallStore('corrupt');
    const buf = readFileSync(db);
    for (let i = 12_288; i < Math.min(buf.length, 12_288 + 65_536); i++) buf[i] = buf[i]! ^ 0xff;
    const bad = join(dir, 'corrupt-copy.duckdb');
    writeFileSync(bad, buf);
    const r = await runCli(['sources', '--db', bad]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/checksum|Corrupt|not a valid/i);
    expect(r.err).not.toMatch(/another nakamoto process/);
  });

  it('a lock held by another process keeps the hint', async () => {
    const db = join(dir, 'locked.duckdb');
    const held = await openDuckDbStore(db);
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('${join(PROJECT_ROOT, 'src/store/duckdb/duckdb-store.ts')}').then((m) => m.openDuckDbStore('${db}')).catch((e) => { console.error(e.message); process.exit(3); })`], { encoding: 'utf8', cwd: PROJECT_ROOT });
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/\(is another nakamoto process using it\?\)/);
    } finally {
      await held.close();
    }
  });
});
