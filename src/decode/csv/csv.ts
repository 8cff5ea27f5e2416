/**
 * @module The CSV text format, both ways, for every file the project reads or writes (pure: no I/O;
 * `sources/files/csv.ts` adds reading a file). Parsing: RFC 4180 (csv-parse), a header check naming
 * missing columns, records that remember their 1-based line so later validation errors can say
 * `file:line [field]`. Writing: `csvField`/`formatCsv`, RFC 4180 quoting plus the OWASP rule
 * against spreadsheet formula injection (see `csvField`).
 */
import { parse } from 'csv-parse/sync';
import { DecodeError } from '../../domain/errors.js';

export interface CsvTable {
  readonly input: string;
  readonly header: readonly string[];
  /** Each row as an array of raw strings, aligned with `header`. */
  readonly rows: readonly (readonly string[])[];
  /** 1-based physical line of each row in the file (header is line 1). */
  readonly lines: readonly number[];
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
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      // csv-parse reports the end of the file; the useful place is where the quote opens.
      throw new DecodeError({ input, line: unclosedQuoteLine(text) ?? e.lines }, 'malformed CSV: a quoted field opens here and is never closed', { cause: err });
    }
    throw new DecodeError({ input, line: e.lines }, `malformed CSV: ${e.message.replace(/^Invalid.*?:\s*/, '')}`, { cause: err });
  }
  const first = records[0];
  if (!first) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  const header = first.record.map((h) => h.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i] as (typeof records)[number];
    if (r.record.length !== header.length) {
      throw new DecodeError({ input, line: r.info.lines }, `expected ${header.length} fields (${header.join(',')}), found ${r.record.length}`);
    }
    rows.push(r.record);
    lines.push(r.info.lines);
  }
  return { input, header, rows, lines };
}

/** Index of each required column; a missing column is a DecodeError that lists what the file has. */
export function requireColumns<const K extends string>(table: { readonly input: string; readonly header: readonly string[] }, columns: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const c of columns) {
    const i = table.header.indexOf(c);
    if (i < 0) throw new DecodeError({ input: table.input, line: 1, field: c }, `missing column ${JSON.stringify(c)} (found: ${table.header.join(', ')})`);
    out[c] = i;
  }
  return out;
}

/** Split an unquoted CSV by lines and commas, tracking physical line numbers; CRLF tolerated. */
function parseUnquoted(text: string, input: string): CsvTable {
  const all = text.split('\n');
  let lineNo = 0;
  let header: string[] | null = null;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let raw of all) {
    lineNo++;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') continue;
    const fields = raw.split(',');
    if (header === null) {
      header = fields.map((h) => h.trim());
      if (header[0]?.charCodeAt(0) === 0xfeff) header[0] = header[0].slice(1);
      continue;
    }
    if (fields.length !== header.length) {
      throw new DecodeError({ input, line: lineNo }, `expected ${header.length} fields (${header.join(',')}), found ${fields.length}`);
    }
    rows.push(fields);
    lines.push(lineNo);
  }
  if (header === null) throw new DecodeError({ input, line: 1 }, 'empty file: expected a header row');
  return { input, header, rows, lines };
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
    if (l !== '') header = l.split(',').map((h) => h.trim());
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
          if (k !== cols) throw new DecodeError({ input, line: ln }, `expected ${cols} fields (${header!.join(',')}), found ${k}`);
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
 * 1-based line of the opening quote of a quoted field that is never closed (RFC 4180: a field opens
 * with `"` right after a separator or line start; `""` inside it is an escaped quote); null if none.
 */
export function unclosedQuoteLine(text: string): number | null {
  let line = 1;
  let openedAt = -1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (openedAt >= 0) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else {
          openedAt = -1;
          fieldStart = false;
        }
      } else if (c === 10) line++;
      continue;
    }
    if (c === 34 && fieldStart) {
      openedAt = line;
      continue;
    }
    if (c === 10) line++;
    fieldStart = c === 44 || c === 10 || c === 13;
  }
  return openedAt >= 0 ? openedAt : null;
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
