/**
 * @module The row loop shared by every Epoch decoder: decode each row, reject duplicates, and
 * either throw the first DecodeError (default) or, with `skipInvalid`, record it as a counted
 * skip. Nothing is dropped silently: every skipped row is in the report with line, field, reason.
 */
import { DecodeError } from '../../domain/errors.js';
import type { CsvTable } from '../csv/csv.js';

export interface DecodeOptions {
  /** Skip (and report) rows that fail validation instead of throwing on the first one. */
  readonly skipInvalid?: boolean;
}

export interface SkippedRow {
  readonly line: number;
  readonly field?: string;
  readonly reason: string;
}

export interface DecodeReport {
  readonly input: string;
  /** Data rows in the file (header excluded). */
  readonly rowsRead: number;
  readonly rowsKept: number;
  /** Rows rejected by validation (only with `skipInvalid`). */
  readonly invalid: readonly SkippedRow[];
  /** Rows skipped by design (e.g. Epoch's empty placeholder rows): always reported, never an error. */
  readonly placeholders: readonly SkippedRow[];
}

export interface Decoded<T> {
  readonly rows: readonly T[];
  readonly report: DecodeReport;
}

/** What a row decoder returns: a record, or a placeholder marker with the reason it carries no data. */
export type RowResult<T> = T | { readonly placeholder: string };

export interface RowDecoder<T> {
  /** Decode one row; throw DecodeError naming the field on bad data. */
  readonly decode: (row: readonly string[], line: number) => RowResult<T>;
  /** Identity of a record for duplicate detection (undefined: no check for this record). */
  readonly key?: (record: T, row: readonly string[]) => string | undefined;
  /** Column named in the duplicate-row error. */
  readonly keyField?: string;
  /** What the key is made of, for the duplicate-row message. */
  readonly keyDescription?: string;
}

function isPlaceholder<T>(r: RowResult<T>): r is { readonly placeholder: string } {
  return typeof r === 'object' && r !== null && 'placeholder' in r && Object.keys(r).length === 1;
}

export function decodeRows<T>(table: CsvTable, decoder: RowDecoder<T>, options: DecodeOptions = {}): Decoded<T> {
  const rows: T[] = [];
  const invalid: SkippedRow[] = [];
  const placeholders: SkippedRow[] = [];
  const firstLineOfKey = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    try {
      const result = decoder.decode(row, line);
      if (isPlaceholder(result)) {
        placeholders.push({ line, reason: result.placeholder });
        return;
      }
      const key = decoder.key?.(result, row);
      if (key !== undefined) {
        const first = firstLineOfKey.get(key);
        if (first !== undefined) {
          throw new DecodeError(
            { input: table.input, line, field: decoder.keyField },
            `duplicate row: same ${decoder.keyDescription ?? 'content'} as line ${first}`,
          );
        }
        firstLineOfKey.set(key, line);
      }
      rows.push(result);
    } catch (err) {
      if (!(err instanceof DecodeError) || !options.skipInvalid) throw err;
      invalid.push({ line, field: err.position.field, reason: err.reason });
    }
  });
  return {
    rows,
    report: { input: table.input, rowsRead: table.rows.length, rowsKept: rows.length, invalid, placeholders },
  };
}

/** One line per report for the `notes` a loader returns. */
export function describeReport(r: DecodeReport): string {
  let s = `${r.input}: ${r.rowsKept} of ${r.rowsRead} rows used`;
  if (r.placeholders.length > 0) {
    s += `; ${r.placeholders.length} empty placeholder row(s) skipped (line ${r.placeholders.map((p) => p.line).join(', ')})`;
  }
  if (r.invalid.length > 0) {
    const shown = r.invalid.slice(0, 5).map((x) => `line ${x.line}${x.field ? ` [${x.field}]` : ''}: ${x.reason}`);
    s += `; ${r.invalid.length} invalid row(s) skipped (--skip-invalid): ${shown.join('; ')}${r.invalid.length > 5 ? '; …' : ''}`;
  }
  return s;
}
