/**
 * @module Export store tables as Parquet files with a manifest, whatever the backend: the backend
 * module puts each table where a DuckDB connection can read it (the DuckDB store attached read-only;
 * PostgreSQL rows copied into memory inside one read-only snapshot) and this writer does the rest:
 * `COPY (SELECT * FROM <table> ORDER BY ALL) TO <table>.parquet`, row counts, SHA-256, schema, and
 * `manifest.json`. Everything goes to `DIR.partial-<pid>`, renamed to DIR at the end, so a failed
 * export leaves no half-written folder.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../domain/errors.js';

export interface ExportedColumn {
  readonly name: string;
  /** Type of the column in the Parquet file, as DuckDB names it. */
  readonly type: string;
  readonly nullable: boolean;
  /** The column's type in the store, when the store is not DuckDB (e.g. PostgreSQL `timestamp with time zone`). */
  readonly storeType?: string;
}

export interface ExportedTable {
  readonly name: string;
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly columns: readonly ExportedColumn[];
}

export interface ExportManifest {
  readonly format: 'parquet';
  readonly manifestVersion: 1;
  /** `duckdb` or `postgres`. */
  readonly backend: string;
  /** The store exported (a path, or a URL without password). */
  readonly store: string;
  /** Highest applied store migration (schema version). */
  readonly schemaVersion: number | null;
  readonly exportedAt: string;
  /** Rows are sorted by every column (ORDER BY ALL), so the same store gives the same rows in the same order. */
  readonly order: 'all columns ascending';
  readonly tables: readonly ExportedTable[];
}

/** A table the writer can read: `relation` is SQL for the DuckDB connection (a table name or a subquery). */
export interface ExportSource {
  readonly name: string;
  readonly relation: string;
  readonly columns: readonly ExportedColumn[];
}

export type ExportHeader = Pick<ExportManifest, 'backend' | 'store' | 'schemaVersion' | 'exportedAt'>;

export const sqlIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const sqlLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Refuse a target that exists and is not an empty folder (before any work is done). */
export function checkExportDir(dir: string): void {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new UsageError(`export: ${dir} exists and is not an empty folder (choose a new folder)`);
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export async function writeParquetExport(conn: DuckDBConnection, sources: readonly ExportSource[], dir: string, header: ExportHeader, onTable?: (t: ExportedTable) => void): Promise<ExportManifest> {
  checkExportDir(dir);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const tables: ExportedTable[] = [];
    for (const s of sources) {
      const file = `${s.name}.parquet`;
      const path = join(tmp, file);
      const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${s.relation}`)).getRows()[0]![0]);
      await conn.run(`COPY (SELECT * FROM ${s.relation} ORDER BY ALL) TO ${sqlLiteral(path)} (FORMAT parquet, COMPRESSION snappy)`);
      const t: ExportedTable = { name: s.name, file, rows, bytes: statSync(path).size, sha256: await sha256File(path), columns: s.columns };
      tables.push(t);
      onTable?.(t);
    }
    const manifest: ExportManifest = { format: 'parquet', manifestVersion: 1, ...header, order: 'all columns ascending', tables };
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(tmp, dir);
    return manifest;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
