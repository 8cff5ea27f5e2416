/**
 * @module Shared PostgreSQL plumbing for the store: transactions on one pooled client, advisory
 * locks by name, error wrapping, and bulk inserts (`INSERT … SELECT FROM unnest($1::int[], …)`
 * with array literals built here).
 */
import type { Pool, PoolClient } from 'pg';
import { AppError, StoreError } from '../../domain/errors.js';

export { num, str } from '../row-mappers.js';

/**
 * Advisory-lock name of one label source's writes. Writers take it (transaction-scoped) before
 * they read the rows they will count and merge, so two writers of the same source run one after
 * the other; different sources do not wait for each other.
 */
export const sourceLock = (source: string): string => `nakamoto:source:${source}`;
/** Advisory-lock name taken by every chain write and rollback (one best chain per store). */
export const CHAIN_LOCK = 'nakamoto:chain';
/** Advisory-lock name held while migrations run (concurrent first opens wait for each other). */
export const MIGRATE_LOCK = 'nakamoto:migrate';

/** SQL taking the transaction-scoped advisory lock named $1 (64-bit hash of the name). */
export const XACT_LOCK_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

/** Pass typed app errors through; wrap driver and server errors as StoreError naming the store. */
export function storeError(err: unknown, location: string, what: string): Error {
  if (err instanceof AppError) return err;
  const e = err as { message?: string; code?: string };
  const code = e.code ? ` [${e.code}]` : '';
  return new StoreError(`store ${location}: ${what} failed${code}: ${(e.message ?? String(err)).split('\n')[0]}`, { cause: err });
}

/** Take the transaction-scoped advisory lock `name` (released at COMMIT or ROLLBACK). */
export async function lock(c: PoolClient, name: string): Promise<void> {
  await c.query(XACT_LOCK_SQL, [name]);
}

/**
 * Run `fn` inside one transaction on one pooled client (`begin` picks the isolation level). Any
 * error rolls back: nothing of the batch is visible. A killed process never sends COMMIT, so the
 * server rolls the transaction back when the connection drops.
 */
export async function inTransaction<T>(pool: Pool, location: string, what: string, fn: (c: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw storeError(err, location, what);
  }
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      broken = rollbackErr as Error; // the connection is gone: drop it from the pool
    }
    throw storeError(err, location, what);
  } finally {
    client.release(broken);
  }
}

/** Several reads that must see one snapshot (e.g. a label list and the rows indexing into it). */
export function inSnapshot<T>(pool: Pool, location: string, what: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, location, what, fn, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

/** One read on a pooled client, errors wrapped. */
export async function query<R extends unknown[] = unknown[]>(pool: Pool, location: string, what: string, sql: string, params: unknown[] = []): Promise<R[]> {
  try {
    const r = await pool.query<R>({ text: sql, values: params, rowMode: 'array' });
    return r.rows;
  } catch (err) {
    throw storeError(err, location, what);
  }
}

/** Rows as arrays on a client inside a transaction. */
export async function rowsOf<R extends unknown[] = unknown[]>(c: PoolClient, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await c.query<R>({ text: sql, values: params, rowMode: 'array' })).rows;
}

/** Rows per bulk statement: bounds the size of one protocol message (arrays are sent as text). */
export const CHUNK_ROWS = 100_000;

/** A column for bulkInsert: numbers (NaN is NULL), text (null is NULL; a null column is all NULL), or interned text (few distinct values, sent as indexes). */
export type BulkColumn =
  | { readonly type: 'int' | 'bigint'; readonly values: ArrayLike<number> }
  | { readonly type: 'text'; readonly values: readonly (string | null)[] | null }
  | { readonly type: 'interned'; readonly values: readonly string[] };

/** PostgreSQL array literal of numbers, `{1,2,NULL}` (far cheaper than pg's per-element conversion). */
export function numberArrayLiteral(a: ArrayLike<number>, from = 0, to = a.length): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const v = a[i]!;
    parts[i - from] = Number.isNaN(v) ? 'NULL' : String(v);
  }
  return `{${parts.join(',')}}`;
}

/** PostgreSQL array literal of strings, every element quoted (so `NULL`, commas and braces stay text). */
export function textArrayLiteral(a: readonly (string | null)[]): string {
  return `{${a.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** Distinct values in first-seen order, and each row's index into them. */
export function intern(values: readonly string[]): { names: string[]; index: Int32Array } {
  const names: string[] = [];
  const seen = new Map<string, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let k = seen.get(v);
    if (k === undefined) {
      k = names.length;
      names.push(v);
      seen.set(v, k);
    }
    index[i] = k;
  }
  return { names, index };
}

/**
 * Insert `rows` rows given column-wise into `table` (all its columns, in order) with one
 * `INSERT … SELECT FROM unnest($1::int[], …)` per CHUNK_ROWS rows, then ANALYZE it (staging tables
 * are joined against large tables next; the planner needs their size).
 */
export async function bulkInsert(c: PoolClient, table: string, columns: readonly BulkColumn[], rows: number): Promise<void> {
  const interned = columns.map((col) => (col.type === 'interned' ? intern(col.values) : null));
  const params: string[] = [];
  const exprs: string[] = [];
  let extra = columns.length;
  columns.forEach((col, i) => {
    params.push(`$${i + 1}::${col.type === 'interned' ? 'int' : col.type}[]`);
    exprs.push(col.type === 'interned' ? `($${++extra}::text[])[u.c${i} + 1]` : `u.c${i}`);
  });
  const sql = `INSERT INTO ${table} SELECT ${exprs.join(', ')} FROM unnest(${params.join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
  const names = interned.flatMap((x) => (x === null ? [] : [textArrayLiteral(x.names)]));
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    const values = columns.map((col, i): string | null => {
      switch (col.type) {
        case 'text':
          return col.values === null ? null : textArrayLiteral(col.values.slice(from, to));
        case 'interned':
          return numberArrayLiteral(interned[i]!.index, from, to);
        default:
          return numberArrayLiteral(col.values, from, to);
      }
    });
    await c.query(sql, [...values, ...names]);
  }
  await c.query(`ANALYZE ${table}`);
}
