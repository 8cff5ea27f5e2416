/**
 * @module Numbered SQL migrations (`migrations/NNNN-name.sql`), applied in order, the pending ones
 * together in one transaction, each recorded in `schema_migrations`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rollbackKeepingCause } from './transaction.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}-.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Migrations not yet applied (names); null if the database has no `schema_migrations` table (not a store). Reads only. */
export async function pendingMigrations(conn: DuckDBConnection): Promise<string[] | null> {
  const t = await conn.runAndReadAll("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = 'main'");
  if (Number(t.getRowsJS()[0]?.[0] ?? 0) === 0) return null;
  const done = await conn.runAndReadAll('SELECT version FROM schema_migrations');
  const applied = new Set(done.getColumnsJS()[0]?.map(Number) ?? []);
  return loadMigrations().filter((m) => !applied.has(m.version)).map((m) => m.name);
}

/**
 * Apply the pending migrations, all in one transaction sent as one batch of statements (a new store
 * gets its whole schema in one commit; an upgrade is all or nothing), each recorded in `schema_migrations`.
 */
export async function migrate(conn: DuckDBConnection): Promise<number> {
  await conn.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
  const done = await conn.runAndReadAll('SELECT version FROM schema_migrations');
  const applied = new Set(done.getColumnsJS()[0]?.map(Number) ?? []);
  const pending = loadMigrations().filter((m) => !applied.has(m.version));
  if (pending.length === 0) return 0;
  await conn.run('BEGIN TRANSACTION');
  try {
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    // `\n;` ends a file's last statement even after a trailing comment (an empty statement is allowed).
    await conn.run(pending.map((m) => `${m.sql}\n;\nINSERT INTO schema_migrations VALUES (${m.version}, ${quote(m.name)}, now()::TIMESTAMP);`).join('\n'));
    await conn.run('COMMIT');
  } catch (err) {
    await rollbackKeepingCause(conn, err);
  }
  return pending.length;
}
