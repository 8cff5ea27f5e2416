/**
 * @module Export a PostgreSQL store as Parquet: inside one read-only REPEATABLE READ transaction (a
 * consistent snapshot of every table), each table of the current schema is read and appended to an
 * in-memory DuckDB table, then written by the shared writer (store/parquet-export.ts). Integer,
 * bigint, text, boolean and double columns keep their type; timestamps are read as text and cast by
 * DuckDB (microseconds kept); anything else is exported as text. Generated columns are left out.
 */
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import pg from 'pg';
import { NotFoundError, StoreError } from '../../domain/errors.js';
import { checkExportDir, sqlIdent, writeParquetExport, type ExportedColumn, type ExportedTable, type ExportManifest, type ExportSource } from '../parquet-export.js';
import { redactPostgresUrl } from './pg-url.js';

type Staged = 'INTEGER' | 'BIGINT' | 'VARCHAR' | 'BOOLEAN' | 'DOUBLE';

/** PostgreSQL type → how it is staged in DuckDB and the type it has in the file. */
function mapType(pgType: string): { staged: Staged; final: string; asText: boolean } {
  switch (pgType) {
    case 'smallint':
    case 'integer':
      return { staged: 'INTEGER', final: 'INTEGER', asText: false };
    case 'bigint':
      return { staged: 'BIGINT', final: 'BIGINT', asText: false };
    case 'boolean':
      return { staged: 'BOOLEAN', final: 'BOOLEAN', asText: false };
    case 'real':
    case 'double precision':
      return { staged: 'DOUBLE', final: 'DOUBLE', asText: false };
    case 'timestamp with time zone':
      return { staged: 'VARCHAR', final: 'TIMESTAMP WITH TIME ZONE', asText: true };
    case 'timestamp without time zone':
      return { staged: 'VARCHAR', final: 'TIMESTAMP', asText: true };
    case 'date':
      return { staged: 'VARCHAR', final: 'DATE', asText: true };
    default:
      return { staged: 'VARCHAR', final: 'VARCHAR', asText: pgType !== 'text' && pgType !== 'character varying' && pgType !== 'character' };
  }
}

function append(app: DuckDBAppender, t: Staged, v: unknown): void {
  if (v === null || v === undefined) return app.appendNull();
  switch (t) {
    case 'INTEGER':
      return app.appendInteger(Number(v));
    case 'BIGINT':
      return app.appendBigInt(BigInt(v as string | number));
    case 'BOOLEAN':
      return app.appendBoolean(Boolean(v));
    case 'DOUBLE':
      return app.appendDouble(Number(v));
    case 'VARCHAR':
      return app.appendVarchar(String(v));
  }
}

export async function exportPostgresParquet(url: string, dir: string, now: Date, onTable?: (t: ExportedTable) => void): Promise<ExportManifest> {
  const location = redactPostgresUrl(url);
  checkExportDir(dir);
  const client = new pg.Client({ connectionString: url, application_name: 'nakamoto export' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new StoreError(`cannot open store ${location}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const names = (await client.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"")).rows.map((r) => r.t);
    if (!names.includes('schema_migrations')) throw new NotFoundError(`no store in ${location} (the database has no nakamoto schema)`);
    const sources: ExportSource[] = [];
    for (const name of names) {
      // Generated columns (the SHA-256 keys of migration 0006) are derived, not data: left out, so
      // the tables have the columns DuckDB's have.
      const cols = (await client.query<{ c: string; t: string; n: string }>("SELECT column_name AS c, data_type AS t, is_nullable AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position", [name])).rows;
      const types = cols.map((c) => mapType(c.t));
      const staging = sqlIdent(`${name}`);
      await conn.run(`CREATE TABLE ${staging} (${cols.map((c, i) => `${sqlIdent(c.c)} ${types[i]!.staged}`).join(', ')})`);
      const select = cols.map((c, i) => (types[i]!.asText ? `${sqlIdent(c.c)}::text AS ${sqlIdent(c.c)}` : sqlIdent(c.c))).join(', ');
      const rows = await client.query<unknown[]>({ text: `SELECT ${select} FROM ${sqlIdent(name)}`, rowMode: 'array' });
      const app = await conn.createAppender(name);
      for (const r of rows.rows) {
        types.forEach((t, i) => append(app, t.staged, r[i]));
        app.endRow();
      }
      app.closeSync();
      const relation = `(SELECT ${cols.map((c, i) => (types[i]!.final === types[i]!.staged ? sqlIdent(c.c) : `CAST(${sqlIdent(c.c)} AS ${types[i]!.final}) AS ${sqlIdent(c.c)}`)).join(', ')} FROM main.${staging})`;
      const columns: ExportedColumn[] = cols.map((c, i) => ({ name: c.c, type: types[i]!.final, nullable: c.n === 'YES', storeType: c.t }));
      sources.push({ name, relation, columns });
    }
    const v = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? null;
    await client.query('COMMIT');
    return await writeParquetExport(conn, sources, dir, { backend: 'postgres', store: location, schemaVersion: v, exportedAt: now.toISOString() }, onTable);
  } finally {
    conn.closeSync();
    instance.closeSync();
    await client.end().catch(() => undefined);
  }
}
