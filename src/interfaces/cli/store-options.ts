/**
 * @module Shared `--db` handling: where the store lives and opening it (only if it exists, for
 * commands that read).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NotFoundError } from '../../domain/errors.js';
import { openDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { Store } from '../../store/store.js';
import type { CliIo } from './io.js';

export const DEFAULT_DB = '.nakamoto/nakamoto.duckdb';

export const DB_OPTION_HELP = `store location (default: $NAKAMOTO_DB, else ./${DEFAULT_DB})`;

export function resolveDbPath(db: string | undefined, io: CliIo): string {
  return resolve(io.cwd, db ?? io.env.NAKAMOTO_DB ?? DEFAULT_DB);
}

/** Open the store for writing, creating it if needed. */
export async function openStoreForWrite(db: string | undefined, io: CliIo): Promise<Store> {
  return openDuckDbStore(resolveDbPath(db, io));
}

/** Open an existing store; null if there is none (callers fall back to the embedded default). */
export async function openExistingStore(db: string | undefined, io: CliIo, required: boolean): Promise<Store | null> {
  const path = resolveDbPath(db, io);
  if (!existsSync(path)) {
    if (required) throw new NotFoundError(`no store at ${path}: run \`nakamoto ingest <file>\` first, or pass --db`);
    return null;
  }
  return openDuckDbStore(path);
}
