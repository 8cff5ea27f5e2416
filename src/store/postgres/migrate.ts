/**
 * @module Numbered SQL migrations for PostgreSQL (`migrations/NNNN-name.sql`, same numbering and
 * `schema_migrations` table as the DuckDB store), applied in order, each in its own transaction,
 * under a session advisory lock so that processes opening a new database at once do not race.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool, PoolClient } from 'pg';
import { loadMigrations } from '../duckdb/migrate.js';
import { MIGRATE_LOCK } from './pg-db.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** True when the database already holds a nakamoto schema (the migrations table exists). */
export async function hasSchema(pool: Pool): Promise<boolean> {
  const r = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  return r.rows[0]?.t !== null && r.rows[0]?.t !== undefined;
}

/** Versions recorded in schema_migrations, or null when the table does not exist. */
async function appliedVersions(c: PoolClient): Promise<Set<number> | null> {
  const t = await c.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (t.rows[0]?.t === null || t.rows[0]?.t === undefined) return null;
  const done = await c.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(done.rows.map((r) => Number(r.version)));
}

/**
 * Apply pending migrations; returns how many were applied. An up-to-date schema needs no DDL and no
 * lock, so a read-only role can open the store.
 */
export async function migratePostgres(pool: Pool): Promise<number> {
  const migrations = loadMigrations(MIGRATIONS_DIR);
  const c = await pool.connect();
  let broken: Error | undefined;
  try {
    const before = await appliedVersions(c);
    if (before !== null && migrations.every((m) => before.has(m.version))) return 0;
    await c.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATE_LOCK]);
    try {
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
      const applied = (await appliedVersions(c)) ?? new Set<number>();
      let count = 0;
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await c.query('BEGIN');
        try {
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.version, m.name]);
          await c.query('COMMIT');
        } catch (err) {
          // A failed ROLLBACK (connection gone) must not replace the migration's own error.
          await c.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
        count++;
      }
      return count;
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATE_LOCK]);
    }
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    c.release(broken);
  }
}
