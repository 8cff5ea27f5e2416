/**
 * @module Epoch CSV text → a table of raw string rows that remember the line each row starts on,
 * with errors that name file, line and field: a short row names the first missing column (a
 * truncated file), an unclosed quote names the column it opened in, a missing column lists the
 * header. Pure (no I/O); `sources/epoch-ai/read.ts` supplies the text.
 */
import { parse } from 'csv-parse/sync';
import { DecodeError } from '../../domain/errors.js';

export interface EpochTable {
  /** File name (or URL) used in error messages. */
  readonly input: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based physical line on which each row starts (header = line 1; multi-line quoted fields count). */
  readonly lines: readonly number[];
  /** True when the text does not end with a line break (a hint the file was cut off). */
  readonly endsMidLine: boolean;
}

interface CsvFailure {
  code?: string;
  message: string;
  lines?: number;
  column?: number | string;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Parse CSV text (RFC 4180, BOM tolerated, blank lines skipped). Every row must have the header's field count. */
export function parseEpochCsv(text: string, input: string): EpochTable {
  let lastEndLine = 0;
  let header: string[] | null = null;
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      info: true,
      relax_column_count: true,
      bom: true,
      skip_empty_lines: true,
      on_record: (record: { record: string[]; info: { lines: number } }) => {
        lastEndLine = record.info.lines;
        if (!header) header = record.record.map((h) => h.trim());
        return record;
      },
    }) as typeof parsed;
  } catch (err) {
    const e = err as CsvFailure;
    const h = header as string[] | null;
    const field = h && typeof e.column === 'number' ? h[e.column] : undefined;
    const line = lastEndLine + 1;
    const reason =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `unterminated quoted field (the file ends inside it at line ${e.lines ?? '?'}: truncated file?)`
        : `malformed CSV: ${e.message.replace(/^[^:]*:\s*/, '')}`;
    throw new DecodeError({ input, line, field }, reason, { cause: err });
  }
  const first = parsed[0];
  if (!first) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  const cols = first.record.map((h) => h.trim());
  const seen = new Set<string>();
  for (const c of cols) {
    if (c !== '' && seen.has(c)) throw new DecodeError({ input, line: 1, field: c }, 'duplicate column name in header');
    seen.add(c);
  }
  const endsMidLine = !/[\r\n]$/.test(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const { record, info } = parsed[i]!;
    const startLine = info.lines - record.reduce((n, f) => n + countNewlines(f), 0);
    if (record.length < cols.length) {
      const last = i === parsed.length - 1;
      const hint = last && endsMidLine ? ' (last row and no final line break: truncated file?)' : last ? ' (last row: truncated file?)' : '';
      throw new DecodeError(
        { input, line: startLine, field: cols[record.length] },
        `row has ${record.length} of ${cols.length} fields: this and the following columns are missing${hint}`,
      );
    }
    if (record.length > cols.length) {
      throw new DecodeError({ input, line: startLine, field: `#${cols.length + 1}` }, `row has ${record.length} fields, the header ${cols.length}`);
    }
    rows.push(record);
    lines.push(startLine);
  }
  return { input, header: cols, rows, lines, endsMidLine };
}

/** A column wanted by a decoder: its name, or several names used by different Epoch exports. */
export type ColumnSpec = string | readonly string[];

function specName(spec: ColumnSpec): string {
  return typeof spec === 'string' ? spec : spec.join('" or "');
}

/** Index of the first of the spec's names present in the header, or -1. */
export function findColumn(table: EpochTable, spec: ColumnSpec): number {
  for (const name of typeof spec === 'string' ? [spec] : spec) {
    const i = table.header.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

/** Indices of required columns; a missing one is a DecodeError naming it and listing what the file has. */
export function requireEpochColumns<const K extends string>(table: EpochTable, specs: Readonly<Record<K, ColumnSpec>>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const i = findColumn(table, spec);
    if (i < 0) {
      const first = typeof spec === 'string' ? spec : spec[0]!;
      throw new DecodeError({ input: table.input, line: 1, field: first }, `missing column "${specName(spec)}" (found: ${table.header.join(', ')})`);
    }
    out[key] = i;
  }
  return out;
}

/** Indices of optional columns (-1 when absent). */
export function optionalEpochColumns<const K extends string>(table: EpochTable, specs: Readonly<Record<K, ColumnSpec>>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) out[key] = findColumn(table, specs[key]);
  return out;
}
