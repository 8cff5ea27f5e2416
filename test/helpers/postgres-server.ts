/**
 * Throwaway PostgreSQL for tests. With DATABASE_URL set, that server is used (its user must be
 * allowed to CREATE DATABASE); otherwise a private server is started with initdb in a temp dir on a
 * free port bound to 127.0.0.1 (as root, initdb/pg_ctl run as `postgres` via su) and stopped after
 * the tests. Each `freshDatabase()` is a new empty `test_<random>` database, dropped at stop. If
 * neither DATABASE_URL nor server binaries exist, starting FAILS with a message naming the install
 * step: the PostgreSQL tests are never skipped silently.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './free-port.js';

export interface PgTestServer {
  /** URL of the server's maintenance database (`postgres`), or DATABASE_URL. */
  readonly adminUrl: string;
  /** Create a new empty database and return its URL (dropped again by stop). */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export const INSTALL_HINT =
  'install the PostgreSQL server binaries with `apt-get update && apt-get install -y postgresql` (the install step of .ci/run), ' +
  'or set DATABASE_URL=postgres://user@host:port/db to a server where that user may CREATE DATABASE';

/** Directory holding initdb/pg_ctl: version 15 if present, else the newest under /usr/lib/postgresql. */
export function findPgBin(root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  const pick = versions.includes('15') ? '15' : versions[0];
  return pick === undefined ? null : join(root, pick, 'bin');
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run a server binary; as root, as the `postgres` user (initdb refuses root). */
function runPg(bin: string, args: string[]): void {
  const cmd = [bin, ...args].map(q).join(' ');
  try {
    if (userInfo().uid === 0) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe' });
    else execFileSync(bin, args, { stdio: 'pipe' });
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`${cmd} failed: ${e.stderr?.toString() || e.stdout?.toString() || e.message}`);
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function startOwnServer(pgRoot?: string): Promise<{ adminUrl: string; stop: () => void }> {
  const bin = findPgBin(pgRoot);
  if (bin === null) throw new Error(`PostgreSQL tests need a server, but DATABASE_URL is not set and no initdb was found under /usr/lib/postgresql/*/bin: ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'nakamoto-pg-'));
  const data = join(dir, 'data');
  if (userInfo().uid === 0) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const port = await freePort();
  runPg(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  // fsync off: a throwaway test server; crash tests kill clients, never this server.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  runPg(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', opts, 'start']);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      runPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop); // a crashed test worker must not leave the server running
  return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** `pgRoot`: where to look for server binaries (default /usr/lib/postgresql). */
export async function startPostgres(env: Readonly<Record<string, string | undefined>> = process.env, pgRoot?: string): Promise<PgTestServer> {
  const external = env.DATABASE_URL;
  const own = external ? null : await startOwnServer(pgRoot);
  const adminUrl = external ?? own!.adminUrl;
  const created: string[] = [];
  return {
    adminUrl,
    async freshDatabase() {
      const name = `test_${randomBytes(6).toString('hex')}`;
      await admin(adminUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      return withDatabase(adminUrl, name);
    },
    async stop() {
      try {
        if (external) for (const name of created) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        own?.stop();
      }
    },
  };
}

/** Start a server for this test file (beforeAll) and stop it after (afterAll). */
export function usePostgres(): { readonly server: () => PgTestServer; readonly freshDatabase: () => Promise<string> } {
  let server: PgTestServer | null = null;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  const get = (): PgTestServer => {
    if (server === null) throw new Error('PostgreSQL test server did not start (see the beforeAll error above)');
    return server;
  };
  return { server: get, freshDatabase: () => get().freshDatabase() };
}
