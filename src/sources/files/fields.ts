/**
 * @module Field validators for CSV rows: each returns the typed value or throws a DecodeError
 * naming file, line and column. `RowIssues` lets a reader skip invalid rows on request while
 * counting them (nothing is dropped silently).
 */
import { DecodeError } from '../../domain/errors.js';

export interface FieldContext {
  readonly input: string;
  readonly line: number | undefined;
}

function fail(ctx: FieldContext, field: string, reason: string): never {
  throw new DecodeError({ input: ctx.input, line: ctx.line, field }, reason);
}

export function intField(ctx: FieldContext, field: string, raw: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const s = raw ?? '';
  // Hot path (hundreds of thousands of rows): parse digits by hand, fall back to the careful path.
  let v = 0;
  let ok = s.length > 0 && s.length <= 15;
  for (let i = 0; ok && i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) ok = false;
    else v = v * 10 + c;
  }
  if (ok && v >= min && v <= max) return v;
  const t = s.trim();
  if (!/^-?\d+$/.test(t)) fail(ctx, field, `invalid integer: ${JSON.stringify(t)}`);
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < min || n > max) fail(ctx, field, `out of range: ${t} (expected ${min}–${max})`);
  return n;
}

export function numberField(ctx: FieldContext, field: string, raw: string | undefined, opts: { min?: number; allowEmpty?: false }): number;
export function numberField(ctx: FieldContext, field: string, raw: string | undefined, opts: { min?: number; allowEmpty: true }): number | null;
export function numberField(ctx: FieldContext, field: string, raw: string | undefined, opts: { min?: number; allowEmpty?: boolean }): number | null {
  const s = (raw ?? '').trim();
  if (s === '') {
    if (opts.allowEmpty) return null;
    fail(ctx, field, 'missing value');
  }
  const v = Number(s);
  if (!Number.isFinite(v)) fail(ctx, field, `not a number: ${JSON.stringify(s)}`);
  if (opts.min !== undefined && v < opts.min) fail(ctx, field, `out of range: ${s} (expected ≥ ${opts.min})`);
  return v;
}

function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO-8601 UTC timestamp (`2021-09-30T11:50:41Z`, optional fraction, `Z` or `+00:00`) → whole seconds. */
function badTimestamp(ctx: FieldContext, field: string, s: string): never {
  return fail(ctx, field, `invalid UTC timestamp: ${JSON.stringify(s.trim())} (expected YYYY-MM-DDTHH:MM:SSZ)`);
}

export function isoUtcField(ctx: FieldContext, field: string, raw: string | undefined): number {
  const s = raw ?? '';
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    if (s !== s.trim()) return isoUtcField(ctx, field, s.trim());
    badTimestamp(ctx, field, s);
  }
  if (!(s.length === 20 && s.charCodeAt(19) === 90) && !/^(\.\d+)?(Z|\+00:00)$/.test(s.slice(19))) badTimestamp(ctx, field, s);
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const se = digitsAt(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) badTimestamp(ctx, field, s);
  if (d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!)) badTimestamp(ctx, field, s);
  return daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
}

/** Longest label accepted (characters). */
export const MAX_LABEL_LENGTH = 20_000;

/** Highest block height a dataset file may name (a typo guard, far above any real height). */
export const MAX_HEIGHT = 100_000_000;

/** A label (pool slug, entity name): non-empty, no control characters, at most 20,000 characters. */
export function labelField(ctx: FieldContext, field: string, raw: string | undefined, allowEmpty = false): string {
  let s = raw ?? '';
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32)) s = s.trim();
  if (s === '' && !allowEmpty) fail(ctx, field, 'empty label');
  if (s.length > MAX_LABEL_LENGTH) fail(ctx, field, `label longer than 20,000 characters`);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) fail(ctx, field, `control character in label ${JSON.stringify(s)}`);
  }
  return s;
}

/** Collects skipped-row errors when skipping is allowed; rethrows otherwise. */
export class RowIssues {
  readonly skipInvalid: boolean;
  skipped = 0;
  readonly examples: string[] = [];
  constructor(skipInvalid: boolean) {
    this.skipInvalid = skipInvalid;
  }
  /** Run `fn` for a row; on DecodeError either rethrow or count the skip. Returns undefined when skipped. */
  guard<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (!this.skipInvalid || !(err instanceof DecodeError)) throw err;
      this.skipped++;
      if (this.examples.length < 5) this.examples.push(err.message);
      return undefined;
    }
  }
}
