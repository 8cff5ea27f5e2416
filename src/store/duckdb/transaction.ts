/**
 * @module One DuckDB write transaction with its TEMP staging tables, shared by the store and its
 * chain tables: BEGIN, run, COMMIT (ROLLBACK on error), and always drop the staging tables, so a
 * failed batch leaves neither rows nor tables behind.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>, staging: string | readonly string[]): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  } finally {
    for (const t of typeof staging === 'string' ? [staging] : staging) await conn.run(`DROP TABLE IF EXISTS temp.main.${t}`);
  }
}
