/**
 * @module Rendering of tabular results for `--format table|csv|json`. Every command that prints
 * rows goes through `renderRows`, so the three formats stay consistent across commands.
 */
import { csvField as sharedCsvField, formatCsv } from '../../decode/csv/csv.js';
import { UsageError } from '../../domain/errors.js';

export type OutputFormat = 'table' | 'csv' | 'json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export function parseFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError(`invalid format: ${value} (expected one of ${OUTPUT_FORMATS.join(', ')})`);
}

/** Numbers print with up to `digits` significant decimals in table/csv; JSON keeps full precision. */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return x.toExponential(digits - 1);
  return String(Number(x.toFixed(digits)));
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** One CSV cell through the project's single CSV writer (decode/csv: RFC 4180 + OWASP formula-injection rule); numbers as in tables. */
export function csvField(v: Cell): string {
  return sharedCsvField(v, formatNumber);
}

export function renderCsv(rows: readonly Row[], columns: readonly string[]): string {
  return formatCsv(columns, rows.map((r) => columns.map((c) => r[c])), formatNumber);
}

/** Plain aligned text: header, a rule, rows; numbers right-aligned. Copy-pastes cleanly. */
export function renderTable(rows: readonly Row[], columns: readonly string[], headers?: Readonly<Record<string, string>>): string {
  const head = columns.map((c) => headers?.[c] ?? c);
  const body = rows.map((r) => columns.map((c) => cellText(r[c])));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const width = head.map((h, j) => Math.max(h.length, ...body.map((b) => (b[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((t, j) => (numeric[j] ? t.padStart(width[j]!) : t.padEnd(width[j]!))).join('  ').trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

export function renderRows(rows: readonly Row[], columns: readonly string[], format: OutputFormat, headers?: Readonly<Record<string, string>>): string {
  switch (format) {
    case 'csv':
      return renderCsv(rows, columns);
    case 'json':
      return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))), null, 2) + '\n';
    case 'table':
      return renderTable(rows, columns, headers);
  }
}
