/**
 * @module Export a DuckDB store as Parquet: the store file is attached read-only to an in-memory
 * DuckDB and every table of its `main` schema goes through the shared writer (store/parquet-export.ts).
 */
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { StoreError, UsageError } from '../../domain/errors.js';
import { checkExportDir, sqlIdent, sqlLiteral, writeParquetExport, type ExportedTable, type ExportManifest, type ExportSource } from '../parquet-export.js';

export async function exportDuckDbParquet(dbPath: string, dir: string, now: Date, onTable?: (t: ExportedTable) => void): Promise<ExportManifest> {
  if (!existsSync(dbPath)) throw new UsageError(`export: no store at ${dbPath} (run \`nakamoto ingest <file>\` first, or pass --db)`);
  checkExportDir(dir);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    try {
      await conn.run(`ATTACH ${sqlLiteral(dbPath)} AS store (READ_ONLY)`);
    } catch (err) {
      throw new StoreError(`cannot open store ${dbPath} read-only: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    const names = (await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'store' AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name")).getRows().map((r) => String(r[0]));
    const sources: ExportSource[] = [];
    for (const name of names) {
      const columns = (await conn.runAndReadAll("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_catalog = 'store' AND table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position", [name]))
        .getRows()
        .map((r) => ({ name: String(r[0]), type: String(r[1]), nullable: r[2] === 'YES' }));
      sources.push({ name, relation: `store.main.${sqlIdent(name)}`, columns });
    }
    const schemaVersion = names.includes('schema_migrations') ? Number((await conn.runAndReadAll('SELECT max(version) FROM store.main.schema_migrations')).getRows()[0]?.[0] ?? null) : null;
    return await writeParquetExport(conn, sources, dir, { backend: 'duckdb', store: dbPath, schemaVersion, exportedAt: now.toISOString() }, onTable);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
