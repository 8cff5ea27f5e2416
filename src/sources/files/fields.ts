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
  const s = (raw ?? '').trim();
  if (!/^-?\d+$/.test(s)) fail(ctx, field, `invalid integer: ${JSON.stringify(s)}`);
  const v = Number(s);
  if (!Number.isSafeInteger(v) || v < min || v > max) fail(ctx, field, `out of range: ${s} (expected ${min}–${max})`);
  return v;
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

/** ISO-8601 UTC timestamp (`2021-09-30T11:50:41Z`, optional fraction) → seconds. */
export function isoUtcField(ctx: FieldContext, field: string, raw: string | undefined): number {
  const s = (raw ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/.test(s)) fail(ctx, field, `invalid UTC timestamp: ${JSON.stringify(s)} (expected YYYY-MM-DDTHH:MM:SSZ)`);
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) fail(ctx, field, `invalid UTC timestamp: ${JSON.stringify(s)}`);
  return Math.floor(ms / 1000);
}

/** A label (pool slug, entity name): non-empty, no control characters, at most 20,000 characters. */
export function labelField(ctx: FieldContext, field: string, raw: string | undefined, allowEmpty = false): string {
  const s = (raw ?? '').trim();
  if (s === '' && !allowEmpty) fail(ctx, field, 'empty label');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) fail(ctx, field, `control character in label ${JSON.stringify(s)}`);
  if (s.length > 20_000) fail(ctx, field, `label longer than 20,000 characters`);
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
