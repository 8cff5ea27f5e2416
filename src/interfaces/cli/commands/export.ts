/**
 * @module `nakamoto export --format parquet DIR`: every table of the store as a Parquet file, with
 * `manifest.json` (tables, row counts, SHA-256, schema); DuckDB or PostgreSQL stores.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { exportDuckDbParquet } from '../../../store/duckdb/export-parquet.js';
import type { ExportedTable } from '../../../store/parquet-export.js';
import type { CliIo } from '../io.js';
import { renderRows } from '../output.js';
import { DB_OPTION_HELP, resolveStore } from '../store-options.js';

interface ExportFlags {
  format: string;
  db?: string;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Export the whole store as Parquet files (one per table) with manifest.json: tables, row counts, SHA-256 and schema (for pandas, polars, R, DuckDB, Spark, warehouses).')
    .argument('<dir>', 'folder to create (must not exist, or be empty)')
    .option('--format <format>', 'parquet (the only export format)', 'parquet')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (dir: string, f: ExportFlags) => {
      if (f.format !== 'parquet') throw new UsageError(`invalid format: ${f.format} (export writes parquet; for one table as text use the query commands' --format csv)`);
      const target = resolveStore(f.db, io);
      const out = resolve(io.cwd, dir);
      const onTable = (t: ExportedTable) => io.stderr(`nakamoto: ${t.name}: ${t.rows} rows\n`);
      // PostgreSQL support is loaded only when a URL asks for it.
      const m =
        target.kind === 'duckdb'
          ? await exportDuckDbParquet(target.path, out, io.now(), onTable)
          : await (await import('../../../store/postgres/export-parquet.js')).exportPostgresParquet(target.url, out, io.now(), onTable);
      io.stdout(`# exported ${m.store} to ${out} (manifest.json: tables, rows, sha256, schema)\n`);
      io.stdout(renderRows(m.tables.map((t) => ({ table: t.name, file: t.file, rows: t.rows, bytes: t.bytes, sha256: t.sha256.slice(0, 16) + '…' })), ['table', 'file', 'rows', 'bytes', 'sha256'], 'table'));
    });
}
