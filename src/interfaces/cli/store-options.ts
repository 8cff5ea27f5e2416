/**
 * @module Shared `--db` handling: which store (a DuckDB file, or PostgreSQL for a `postgres://`
 * URL) and opening it (only if it exists, for commands that read).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NotFoundError, UsageError } from '../../domain/errors.js';
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

// Each backend is loaded only when a command opens a store of its kind (keeps start-up light:
// commands that read no store, or read a file with --input, never load DuckDB or pg).
const postgres = () => import('../../store/postgres/postgres-store.js');
const duckdb = () => import('../../store/duckdb/duckdb-store.js');

/** Open the store for writing, creating it (or its schema) if needed. */
export async function openStoreForWrite(db: string | undefined, io: CliIo): Promise<Store> {
  const t = resolveStore(db, io);
  if (t.kind === 'postgres') return (await postgres()).openPostgresStore(t.url);
  // Waits (retrying) while another process holds the file, e.g. a server in the middle of a read.
  return (await duckdb()).openDuckDbStore(t.path);
}

/**
 * Open an existing store; null if there is none (callers fall back to the embedded default) — but a
 * DuckDB file named by --db that does not exist is an error. A
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
    // A store named on the command line (--db) that does not exist is a mistyped path, never a silent
    // fallback to the embedded default. ($NAKAMOTO_DB is a standing default, like the default path.)
    if (db !== undefined) throw new NotFoundError(`no store at ${t.path} (--db): the file does not exist — check the path, or create it with \`nakamoto ingest <file> --db ${db}\``);
    if (required) throw new NotFoundError(`no store at ${t.path}: run \`nakamoto ingest <file>\` first, or pass --db`);
    return null;
  }
  // Read commands open read-only: any number of readers (CLI commands, a running `nakamoto serve`) share
  // the file, a mode-444 file can be read, and nothing (not even a schema) is written.
  const store = await (await duckdb()).openDuckDbStoreReadOnly(t.path);
  if (store === null && required) throw new NotFoundError(`no store at ${t.path} (the file is empty or has no nakamoto schema): run \`nakamoto ingest <file>\` with this --db first`);
  return store;
}

/**
 * The store for a long-running server: for DuckDB, opened per read (read-only) so that `ingest` and
 * other commands can use the file at the same time, and existing or not (a first ingest is seen
 * without a restart); for PostgreSQL, as openExistingStore.
 */
export async function openServingStore(db: string | undefined, io: CliIo): Promise<Store | null> {
  const t = resolveStore(db, io);
  if (t.kind === 'postgres') return openExistingStore(db, io, false);
  return (await import('../../store/duckdb/on-demand-store.js')).onDemandDuckDbStore(t.path);
}
