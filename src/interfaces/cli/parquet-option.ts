/**
 * @module `--format parquet --output FILE` for any command that prints rows. A command adds it with
 * `addParquetOutput(cmd)` (the `--output` option), replaces `parseFormat(opts.format)` by
 * `parseOutput(opts)` and, where it has its rows, adds one line:
 * `if (out.parquet) return writeParquetOutput(io, out.parquet, rows, columns, { provenance });`.
 * Rows are written by DuckDB (interfaces/parquet/write-rows.ts); provenance goes into the file's
 * key-value metadata (`nakamoto.provenance`, JSON), and one line on stderr says what was written.
 * DuckDB is imported only when a Parquet file is written (its native module costs ~0.2 s CPU to load).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import type { ParquetRow, ParquetType } from '../parquet/write-rows.js';
import type { CliIo } from './io.js';
import { parseFormat, type OutputFormat } from './output.js';

export const FORMAT_HELP_WITH_PARQUET = 'table, csv, json, or parquet (with --output FILE)';
export const OUTPUT_HELP = 'with --format parquet: the Parquet file to write (replaced if it exists)';

export function addParquetOutput(cmd: Command): Command {
  return cmd.option('--output <file>', OUTPUT_HELP);
}

export interface OutputChoice {
  /** Text format for everything that is not the Parquet rows (csv when writing Parquet). */
  readonly format: OutputFormat;
  /** Absolute path of the Parquet file to write, or null. */
  readonly parquet: string | null;
}

export function parseOutput(opts: { format: string; output?: string }, io: CliIo): OutputChoice {
  if (opts.format === 'parquet') {
    if (opts.output === undefined || opts.output === '') throw new UsageError('--format parquet needs --output FILE (Parquet is binary; it is not written to the terminal)');
    return { format: 'csv', parquet: resolve(io.cwd, opts.output) };
  }
  if (opts.output !== undefined) throw new UsageError(`--output is for --format parquet (got --format ${opts.format}); redirect stdout for text formats`);
  return { format: parseFormat(opts.format), parquet: null };
}

export interface ParquetOutputOptions {
  /** Data, window and method behind the rows; stored as JSON under `nakamoto.provenance`. */
  readonly provenance?: unknown;
  readonly types?: Readonly<Record<string, ParquetType>>;
}

export async function writeParquetOutput(io: CliIo, file: string, rows: readonly ParquetRow[], columns: readonly string[], o: ParquetOutputOptions = {}): Promise<void> {
  const metadata: Record<string, string> = {};
  if (o.provenance !== undefined) metadata['nakamoto.provenance'] = JSON.stringify(o.provenance);
  const { writeRowsParquet } = await import('../parquet/write-rows.js');
  const s = await writeRowsParquet(file, rows, columns, { types: o.types, metadata });
  io.stderr(`nakamoto: wrote ${s.rows} rows × ${s.columns.length} columns to ${file} (Parquet, ${s.bytes.toLocaleString('en-US')} bytes)\n`);
}
