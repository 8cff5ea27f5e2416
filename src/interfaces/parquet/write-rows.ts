/**
 * @module Write rows as a Parquet file, by DuckDB (`COPY … TO … (FORMAT parquet)`): the one helper
 * behind every `--format parquet --output FILE`. Column types follow the values (all whole numbers →
 * BIGINT, other numbers → DOUBLE, booleans → BOOLEAN, ISO dates `YYYY-MM-DD` → DATE, other text →
 * VARCHAR, all empty → VARCHAR; NaN → null) unless
 * given in `types` (e.g. `{ window_start: 'DATE' }`, `{ share: 'DOUBLE' }`), which callers should do
 * for columns whose type must not depend on the data. Provenance goes into the file's key-value
 * metadata. The file is written beside the target and renamed into place, so a failed write leaves
 * no partial file.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import { UsageError } from '../../domain/errors.js';

export type ParquetCell = string | number | boolean | bigint | null | undefined;
export type ParquetRow = Readonly<Record<string, ParquetCell>>;

/** Types a caller may pin; values are cast to them (text → DATE / TIMESTAMP parses ISO text). */
export type ParquetType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'INTEGER' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

export interface ParquetWriteOptions {
  readonly types?: Readonly<Record<string, ParquetType>>;
  /** Key-value metadata stored in the Parquet footer (provenance: data, window, method). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ParquetWriteSummary {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly columns: readonly { readonly name: string; readonly type: ParquetType }[];
}

type Staged = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN';

function stagedType(rows: readonly ParquetRow[], column: string): Staged {
  let kind: Staged | null = null;
  let whole = true;
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined) continue;
    const k: Staged = typeof v === 'number' ? 'DOUBLE' : typeof v === 'bigint' ? 'BIGINT' : typeof v === 'boolean' ? 'BOOLEAN' : 'VARCHAR';
    if (typeof v === 'number' && !Number.isSafeInteger(v)) whole = false;
    if (kind === null) kind = k;
    else if (kind !== k) {
      if ((kind === 'DOUBLE' || kind === 'BIGINT') && (k === 'DOUBLE' || k === 'BIGINT')) kind = 'DOUBLE';
      else return 'VARCHAR';
    }
  }
  if (kind === 'DOUBLE' && whole) return 'BIGINT';
  return kind ?? 'VARCHAR';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function allDates(rows: readonly ParquetRow[], column: string): boolean {
  let any = false;
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
    any = true;
  }
  return any;
}

function append(app: DuckDBAppender, type: Staged, v: ParquetCell): void {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return app.appendNull();
  switch (type) {
    case 'VARCHAR':
      return app.appendVarchar(String(v));
    case 'DOUBLE':
      return app.appendDouble(Number(v));
    case 'BIGINT':
      return app.appendBigInt(BigInt(v));
    case 'BOOLEAN':
      return app.appendBoolean(Boolean(v));
  }
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Write `rows` (only `columns`, in that order) to `file` as Parquet (snappy: every reader has it). */
export async function writeRowsParquet(file: string, rows: readonly ParquetRow[], columns: readonly string[], o: ParquetWriteOptions = {}): Promise<ParquetWriteSummary> {
  if (columns.length === 0) throw new UsageError('parquet: no columns to write');
  if (new Set(columns).size !== columns.length) throw new Error(`parquet: duplicate column names in ${columns.join(', ')}`);
  const staged = columns.map((c) => stagedType(rows, c));
  const final = columns.map((c, i) => o.types?.[c] ?? (staged[i] === 'VARCHAR' && allDates(rows, c) ? 'DATE' : staged[i]!));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await conn.run(`CREATE TABLE t (${columns.map((c, i) => `${ident(c)} ${staged[i]}`).join(', ')})`);
    const app = await conn.createAppender('t');
    for (const r of rows) {
      columns.forEach((c, i) => append(app, staged[i]!, r[c]));
      app.endRow();
    }
    app.closeSync();
    const select = columns.map((c, i) => (final[i] === staged[i] ? ident(c) : `CAST(${ident(c)} AS ${final[i]}) AS ${ident(c)}`)).join(', ');
    const kv = Object.entries(o.metadata ?? {});
    const meta = kv.length ? `, KV_METADATA {${kv.map(([k, v]) => `${literal(k)}: ${literal(v)}`).join(', ')}}` : '';
    await conn.run(`COPY (SELECT ${select} FROM t) TO ${literal(tmp)} (FORMAT parquet, COMPRESSION snappy${meta})`);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return { file, rows: rows.length, bytes: statSync(file).size, columns: columns.map((name, i) => ({ name, type: final[i]! })) };
}
