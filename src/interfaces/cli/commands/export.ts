/**
 * @module `nakamoto export --format parquet DIR`: every table of the store as a Parquet file, with
 * `manifest.json` (tables, row counts, SHA-256, schema). DuckDB stores only for now.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { exportDuckDbParquet } from '../../../store/duckdb/export-parquet.js';
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
      if (target.kind !== 'duckdb') throw new UsageError('export: --db is a PostgreSQL URL; export reads a DuckDB store (PostgreSQL: use pg_dump, or ingest into a DuckDB store)');
      const out = resolve(io.cwd, dir);
      const m = await exportDuckDbParquet(target.path, out, io.now(), (t) => io.stderr(`nakamoto: ${t.name}: ${t.rows} rows\n`));
      io.stdout(`# exported ${target.path} to ${out} (manifest.json: tables, rows, sha256, schema)\n`);
      io.stdout(renderRows(m.tables.map((t) => ({ table: t.name, file: t.file, rows: t.rows, bytes: t.bytes, sha256: t.sha256.slice(0, 16) + '…' })), ['table', 'file', 'rows', 'bytes', 'sha256'], 'table'));
    });
}
