/**
 * @module The CSV text format, both ways, for every file the project reads or writes (pure: no I/O;
 * `sources/files/csv.ts` adds reading a file). Parsing: RFC 4180 (csv-parse; a fast path for text
 * without quotes gives the same table), BOM and CRLF tolerated, blank lines skipped, header names
 * trimmed and unique. Each row remembers the 1-based line it STARTS on (a quoted field may span
 * lines), so later validation errors can say `file:line [field]`. Errors are DecodeErrors naming file,
 * line and column: a short row names the first missing column (with a truncation hint on the last
 * row), a long row the first extra field, an unclosed quote the line and column where it opens.
 * Column lookups by name (`requireColumns`, `optionalColumns`), with alternative names for exports
 * that spell a column differently. Writing: `csvField`/`formatCsv`, RFC 4180 quoting plus the OWASP
 * rule against spreadsheet formula injection (see `csvField`).
 */
import { parse } from 'csv-parse/sync';
import { DecodeError } from '../../domain/errors.js';

export interface CsvTable {
  /** File name (or URL) used in error messages. */
  readonly input: string;
  readonly header: readonly string[];
  /** Each row as an array of raw strings, aligned with `header`. */
  readonly rows: readonly (readonly string[])[];
  /** 1-based physical line on which each row starts (header is line 1 when the file has no leading blank lines). */
  readonly lines: readonly number[];
  /** True when the text does not end with a line break (a hint the file was cut off). */
  readonly endsMidLine: boolean;
}

/**
 * The error for a row whose field count differs from the header's: a short row names the first
 * missing column, a long row the first extra field (`#n`). `hint` is appended to the reason.
 */
export function fieldCountError(input: string, line: number, header: readonly string[], found: number, hint = ''): DecodeError {
  const n = header.length;
  const base = `expected ${n} fields (${header.join(',')}), found ${found}`;
  if (found < n) return new DecodeError({ input, line, field: header[found] }, `${base}: this and the following columns are missing${hint}`);
  return new DecodeError({ input, line, field: `#${n + 1}` }, `${base}${hint}`);
}

function checkHeader(header: string[], input: string, line: number): string[] {
  const seen = new Set<string>();
  for (const c of header) {
    if (c !== '' && seen.has(c)) throw new DecodeError({ input, line, field: c }, 'duplicate column name in header');
    seen.add(c);
  }
  return header;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Parse CSV text. Rows with a different number of fields than the header are errors. */
export function parseCsv(text: string, input: string): CsvTable {
  // Fast path for the common case of unquoted files (the large per-block datasets): same result.
  if (!text.includes('"')) return parseUnquoted(text, input);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as typeof records;
  } catch (err) {
    const e = err as { code?: string; lines?: number; message: string };
    const open = e.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuote(text) : null;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      // csv-parse reports the end of the file; the useful place is where the quote opens.
      const field = open ? headerOf(text)?.[open.field] : undefined;
      throw new DecodeError(
        { input, line: open?.line ?? e.lines, field },
        `unterminated quoted field: it opens here and is never closed (the file ends inside it at line ${e.lines ?? '?'}: truncated file?)`,
        { cause: err },
      );
    }
    throw new DecodeError({ input, line: e.lines }, `malformed CSV: ${e.message.replace(/^Invalid.*?:\s*/, '')}`, { cause: err });
  }
  const first = records[0];
  if (!first) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  const header = checkHeader(
    first.record.map((h) => h.trim()),
    input,
    first.info.lines - first.record.reduce((n, f) => n + countNewlines(f), 0),
  );
  const endsMidLine = !/[\r\n]$/.test(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    const startLine = info.lines - record.reduce((n, f) => n + countNewlines(f), 0);
    if (record.length !== header.length) {
      const last = i === records.length - 1;
      const hint = record.length > header.length ? '' : last && endsMidLine ? ' (last row and no final line break: truncated file?)' : last ? ' (last row: truncated file?)' : '';
      throw fieldCountError(input, startLine, header, record.length, hint);
    }
    rows.push(record);
    lines.push(startLine);
  }
  return { input, header, rows, lines, endsMidLine };
}

/** The header fields of a text whose first line has no quoted line break (for naming a column in an error). */
function headerOf(text: string): string[] | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.split('\n').find((l) => l.replace(/\r$/, '') !== '');
  return first === undefined ? null : first.replace(/\r$/, '').split(',').map((h) => h.replace(/^"|"$/g, '').trim());
}

/** A column wanted by a reader: its name, or several names used by different exports of one file. */
export type ColumnSpec = string | readonly string[];

/** Index of the first of the spec's names present in the header, or -1. */
export function findColumn(table: { readonly header: readonly string[] }, spec: ColumnSpec): number {
  for (const name of typeof spec === 'string' ? [spec] : spec) {
    const i = table.header.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

type TableRef = { readonly input: string; readonly header: readonly string[] };

/**
 * Index of each required column: a list of names (`requireColumns(t, ['date', 'country'])`), or a
 * record key → name or alternative names (`requireColumns(t, { c: ['Country (of organization)',
 * 'Country (from Organization)'] })`). A missing column is a DecodeError on line 1 naming it and
 * listing what the file has.
 */
export function requireColumns<const K extends string>(table: TableRef, columns: readonly K[]): Record<K, number>;
export function requireColumns<const K extends string>(table: TableRef, specs: Readonly<Record<K, ColumnSpec>>): Record<K, number>;
export function requireColumns(table: TableRef, specs: readonly string[] | Readonly<Record<string, ColumnSpec>>): Record<string, number> {
  const entries: [string, ColumnSpec][] = isNameList(specs) ? specs.map((c) => [c, c]) : Object.entries(specs);
  const out: Record<string, number> = {};
  for (const [key, spec] of entries) {
    const i = findColumn(table, spec);
    if (i < 0) {
      const names = typeof spec === 'string' ? [spec] : spec;
      throw new DecodeError({ input: table.input, line: 1, field: names[0] }, `missing column ${names.map((n) => JSON.stringify(n)).join(' or ')} (found: ${table.header.join(', ')})`);
    }
    out[key] = i;
  }
  return out;
}

/** Indices of optional columns (-1 when absent), by the same specs as `requireColumns`. */
export function optionalColumns<const K extends string>(table: { readonly header: readonly string[] }, specs: Readonly<Record<K, ColumnSpec>>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) out[key] = findColumn(table, specs[key]);
  return out;
}

function isNameList(x: readonly string[] | Readonly<Record<string, ColumnSpec>>): x is readonly string[] {
  return Array.isArray(x);
}

/** Split an unquoted CSV by lines and commas, tracking physical line numbers; CRLF tolerated. */
function parseUnquoted(text: string, input: string): CsvTable {
  const all = text.split('\n');
  let lineNo = 0;
  let header: string[] | null = null;
  const rows: string[][] = [];
  const lines: number[] = [];
  const endsMidLine = !/[\r\n]$/.test(text);
  let lastLine = all.length;
  while (lastLine > 0 && all[lastLine - 1]!.replace(/\r$/, '') === '') lastLine--;
  for (let raw of all) {
    lineNo++;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') continue;
    const fields = raw.split(',');
    if (header === null) {
      header = fields.map((h) => h.trim());
      if (header[0]?.charCodeAt(0) === 0xfeff) header[0] = header[0].slice(1);
      checkHeader(header, input, lineNo);
      continue;
    }
    if (fields.length !== header.length) {
      const last = lineNo === lastLine;
      const hint = fields.length > header.length ? '' : last && endsMidLine ? ' (last row and no final line break: truncated file?)' : last ? ' (last row: truncated file?)' : '';
      throw fieldCountError(input, lineNo, header, fields.length, hint);
    }
    rows.push(fields);
    lines.push(lineNo);
  }
  if (header === null) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  return { input, header, rows, lines, endsMidLine };
}

/**
 * Row-at-a-time access to a CSV, for large files: `scan` calls `onRow` with the fields of each row
 * (the array is reused between calls: copy what you keep) and its 1-based physical line, and
 * returns the number of rows. Unquoted files are scanned without materialising the table.
 */
export interface RowScanner {
  readonly input: string;
  readonly header: readonly string[];
  scan(onRow: (fields: readonly string[], line: number) => void): number;
}

export function scannerFromTable(table: CsvTable): RowScanner {
  return {
    input: table.input,
    header: table.header,
    scan(onRow) {
      table.rows.forEach((r, i) => onRow(r, table.lines[i]!));
      return table.rows.length;
    },
  };
}

export function scannerFromText(text: string, input: string): RowScanner {
  if (text.includes('"')) return scannerFromTable(parseCsv(text, input));
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  // Header: first non-empty line.
  let header: string[] | null = null;
  while (pos < text.length && header === null) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    line++;
    let l = text.slice(pos, nl);
    if (l.endsWith('\r')) l = l.slice(0, -1);
    pos = nl + 1;
    if (l !== '') header = checkHeader(l.split(',').map((h) => h.trim()), input, line);
  }
  if (header === null) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  const cols = header.length;
  const bodyStart = pos;
  const firstLine = line;
  return {
    input,
    header,
    scan(onRow) {
      const fields = new Array<string>(cols);
      let p = bodyStart;
      let ln = firstLine;
      let rows = 0;
      while (p < text.length) {
        let nl = text.indexOf('\n', p);
        if (nl < 0) nl = text.length;
        ln++;
        let end = nl;
        if (end > p && text.charCodeAt(end - 1) === 13) end--;
        if (end > p) {
          const k = splitPlainLine(text, p, end, fields, cols);
          if (k !== cols) throw fieldCountError(input, ln, header!, k);
          onRow(fields, ln);
          rows++;
        }
        p = nl + 1;
      }
      return rows;
    },
  };
}

/**
 * Where a quoted field that is never closed opens: its 1-based line and the 0-based index of the
 * field in its row (RFC 4180: a field opens with `"` right after a separator or line start; `""`
 * inside it is an escaped quote); null if every quote closes.
 */
export function unclosedQuote(text: string): { line: number; field: number } | null {
  let line = 1;
  let field = 0;
  let opened: { line: number; field: number } | null = null;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (opened) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else {
          opened = null;
          fieldStart = false;
        }
      } else if (c === 10) line++;
      continue;
    }
    if (c === 34 && fieldStart) {
      opened = { line, field };
      continue;
    }
    if (c === 10) {
      line++;
      field = 0;
    } else if (c === 44) field++;
    fieldStart = c === 44 || c === 10 || c === 13;
  }
  return opened;
}

/** 1-based line of the opening quote of a quoted field that is never closed; null if none. */
export function unclosedQuoteLine(text: string): number | null {
  return unclosedQuote(text)?.line ?? null;
}

/** A value as one CSV cell. */
export type CsvValue = string | number | boolean | bigint | null | undefined;

/**
 * One CSV cell: RFC 4180 quoting (a field with `"`, `,`, CR or LF is quoted, quotes doubled) and the
 * OWASP rule against formula injection: text starting with `=`, `+`, `-`, `@`, tab or carriage
 * return is prefixed with `'` so a spreadsheet shows it as text (`-2+3+cmd|…` included). Numbers
 * (typeof number/bigint) are written as numbers, so a negative value stays a number; `format`
 * renders numbers (default String). null/undefined is an empty cell.
 */
export function csvField(v: CsvValue, format: (x: number) => string = String): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') s = format(v);
  else if (typeof v === 'bigint') s = v.toString();
  else {
    s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  }
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header and rows as CSV text (LF line ends, final line break). */
export function formatCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, format?: (x: number) => string): string {
  const lines = [header.map((h) => csvField(h)).join(',')];
  for (const r of rows) lines.push(r.map((v) => csvField(v, format)).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Split the unquoted line text[start, end) at commas into `fields` (at most `cols` kept); returns the
 * number of fields found, so a caller can name a short or long row. The fast path of files without quotes.
 */
export function splitPlainLine(text: string, start: number, end: number, fields: string[], cols: number): number {
  let a = start;
  let k = 0;
  for (;;) {
    const comma = text.indexOf(',', a);
    if (comma < 0 || comma >= end) {
      if (k < cols) fields[k] = text.slice(a, end);
      return k + 1;
    }
    if (k < cols) fields[k] = text.slice(a, comma);
    k++;
    a = comma + 1;
  }
}
