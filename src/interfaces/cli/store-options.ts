/**
 * @module Shared `--db` handling: which store (a DuckDB file, or PostgreSQL for a `postgres://`
 * URL) and opening it (only if it exists, for commands that read).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import { openDuckDbStore, openDuckDbStoreReadOnly } from '../../store/duckdb/duckdb-store.js';
import { isPostgresUrl, redactPostgresUrl } from '../../store/postgres/pg-url.js';
import type { Store } from '../../store/store.js';
import type { CliIo } from './io.js';

export const DEFAULT_DB = '.nakamoto/nakamoto.duckdb';

export const DB_OPTION_HELP = `store: a DuckDB file path or a postgres://user@host:port/db URL (default: $NAKAMOTO_DB, else $DATABASE_URL, else ./${DEFAULT_DB})`;

export type StoreTarget = { readonly kind: 'duckdb'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

/**
 * Where the store lives: `--db`, else $NAKAMOTO_DB, else $DATABASE_URL (must be a PostgreSQL URL),
 * else the default DuckDB file. A `postgres://` or `postgresql://` value selects PostgreSQL;
 * anything else is a DuckDB path (relative to the working directory).
 */
export function resolveStore(db: string | undefined, io: CliIo): StoreTarget {
  const explicit = db ?? io.env.NAKAMOTO_DB;
  if (explicit !== undefined) return isPostgresUrl(explicit) ? { kind: 'postgres', url: explicit } : { kind: 'duckdb', path: resolve(io.cwd, explicit) };
  const url = io.env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (!isPostgresUrl(url)) throw new UsageError(`invalid DATABASE_URL (${url.split(':')[0]}:…): the store needs a postgres:// or postgresql:// URL; pass --db to choose another store`);
    return { kind: 'postgres', url };
  }
  return { kind: 'duckdb', path: resolve(io.cwd, DEFAULT_DB) };
}

/** The store's location as resolveStore sees it (a DuckDB path, or a PostgreSQL URL without password). */
export function resolveDbPath(db: string | undefined, io: CliIo): string {
  const t = resolveStore(db, io);
  return t.kind === 'duckdb' ? t.path : redactPostgresUrl(t.url);
}

// PostgreSQL support is loaded only when a URL asks for it (keeps start-up light for DuckDB users).
const postgres = () => import('../../store/postgres/postgres-store.js');

/** Open the store for writing, creating it (or its schema) if needed. */
export async function openStoreForWrite(db: string | undefined, io: CliIo): Promise<Store> {
  const t = resolveStore(db, io);
  if (t.kind === 'postgres') return (await postgres()).openPostgresStore(t.url);
  return openDuckDbStore(t.path);
}

/**
 * Open an existing store; null if there is none (callers fall back to the embedded default). A
 * PostgreSQL database without the nakamoto schema counts as no store; one that cannot be reached is
 * an error, never a silent fallback.
 */
export async function openExistingStore(db: string | undefined, io: CliIo, required: boolean): Promise<Store | null> {
  const t = resolveStore(db, io);
  if (t.kind === 'postgres') {
    const store = await (await postgres()).openExistingPostgresStore(t.url);
    if (store === null && required) throw new NotFoundError(`no store in ${redactPostgresUrl(t.url)} (the database has no nakamoto schema yet): run \`nakamoto ingest <file>\` with this --db or DATABASE_URL first`);
    return store;
  }
  if (!existsSync(t.path)) {
    if (required) throw new NotFoundError(`no store at ${t.path}: run \`nakamoto ingest <file>\` first, or pass --db`);
    return null;
  }
  // Read commands open read-only: a mode-444 file can be read, and nothing (not even a schema) is written.
  const store = await openDuckDbStoreReadOnly(t.path);
  if (store === null && required) throw new NotFoundError(`no store at ${t.path} (the file is empty or has no nakamoto schema): run \`nakamoto ingest <file>\` with this --db first`);
  return store;
}
