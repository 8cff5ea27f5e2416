/**
 * @module One DuckDB write transaction with its TEMP staging tables, shared by the store and its
 * chain tables: BEGIN, run, COMMIT (ROLLBACK on error), and always drop the staging tables, so a
 * failed batch leaves neither rows nor tables behind. When the batch fails, that failure is what the
 * caller sees: a ROLLBACK or clean-up that fails in turn (e.g. after a failed COMMIT on a full disk,
 * DuckDB has already ended the transaction: "cannot rollback - no transaction is active") is attached
 * as context, never thrown in its place.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError, StoreError } from '../../domain/errors.js';

/** ROLLBACK after `cause`, then rethrow `cause` (a failing ROLLBACK is kept in `cause.suppressed`, not thrown). */
export async function rollbackKeepingCause(conn: DuckDBConnection, cause: unknown): Promise<never> {
  try {
    await conn.run('ROLLBACK');
  } catch (rollbackErr) {
    noteSuppressed(cause, rollbackErr);
  }
  throw cause;
}

function noteSuppressed(cause: unknown, later: unknown): void {
  if (cause instanceof Error) {
    const suppressed = ((cause as { suppressed?: unknown[] }).suppressed ??= []);
    suppressed.push(later);
  }
}

export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>, staging: string | readonly string[]): Promise<T> {
  let failed = false;
  try {
    await conn.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await conn.run('COMMIT');
      return out;
    } catch (err) {
      failed = true;
      // DuckDB's own failure (full disk, read-only folder) becomes a StoreError naming it; our typed errors pass as they are.
      const cause = err instanceof AppError ? err : new StoreError(`store write failed: ${String((err as Error).message ?? err).split('\n')[0]}`, { cause: err });
      return await rollbackKeepingCause(conn, cause);
    }
  } finally {
    for (const t of typeof staging === 'string' ? [staging] : staging) {
      try {
        await conn.run(`DROP TABLE IF EXISTS temp.main.${t}`);
      } catch (dropErr) {
        if (!failed) throw dropErr; // otherwise the batch's own failure is the one to report
      }
    }
  }
}
