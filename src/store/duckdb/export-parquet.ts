/**
 * @module Export every table of a DuckDB store as Parquet files (`COPY (SELECT * FROM t ORDER BY
 * ALL) TO …`), with a `manifest.json` listing each table's file, row count, SHA-256, size and
 * schema. The store is opened read-only; the files are written to a temporary folder beside the
 * target that is renamed into place at the end, so a failed export leaves no half-written folder.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { StoreError, UsageError } from '../../domain/errors.js';

export interface ExportedColumn {
  readonly name: string;
  /** DuckDB type of the column in the store (and, as Parquet maps it, in the file). */
  readonly type: string;
  readonly nullable: boolean;
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
  readonly store: string;
  /** Highest applied store migration (schema version). */
  readonly schemaVersion: number | null;
  readonly exportedAt: string;
  /** Rows are sorted by every column (ORDER BY ALL), so the same store gives the same rows in the same order. */
  readonly order: 'all columns ascending';
  readonly tables: readonly ExportedTable[];
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

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** `dir` must not exist or be empty. */
export async function exportDuckDbParquet(dbPath: string, dir: string, now: Date, onTable?: (t: ExportedTable) => void): Promise<ExportManifest> {
  if (!existsSync(dbPath)) throw new UsageError(`export: no store at ${dbPath} (run \`nakamoto ingest <file>\` first, or pass --db)`);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new UsageError(`export: ${dir} exists and is not an empty folder (choose a new folder)`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  } catch (err) {
    throw new StoreError(`cannot open store ${dbPath} read-only: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const conn = await instance.connect();
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const names = (await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name")).getRows().map((r) => String(r[0]));
    let schemaVersion: number | null = null;
    if (names.includes('schema_migrations')) schemaVersion = Number((await conn.runAndReadAll('SELECT max(version) FROM schema_migrations')).getRows()[0]?.[0] ?? null);
    const tables: ExportedTable[] = [];
    for (const name of names) {
      const file = `${name}.parquet`;
      const columns = (await conn.runAndReadAll(`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position`, [name]))
        .getRows()
        .map((r) => ({ name: String(r[0]), type: String(r[1]), nullable: r[2] === 'YES' }));
      const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${ident(name)}`)).getRows()[0]![0]);
      await conn.run(`COPY (SELECT * FROM ${ident(name)} ORDER BY ALL) TO ${literal(join(tmp, file))} (FORMAT parquet, COMPRESSION snappy)`);
      const path = join(tmp, file);
      const t: ExportedTable = { name, file, rows, bytes: statSync(path).size, sha256: await sha256File(path), columns };
      tables.push(t);
      onTable?.(t);
    }
    const manifest: ExportManifest = { format: 'parquet', manifestVersion: 1, store: dbPath, schemaVersion, exportedAt: now.toISOString(), order: 'all columns ascending', tables };
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(tmp, dir);
    return manifest;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
