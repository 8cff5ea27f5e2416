/**
 * @module Cell parsers for Epoch rows: each takes the cell's position (file, line, column name)
 * and throws a DecodeError naming it when the value is not what the column promises.
 */
import { DecodeError } from '../../domain/errors.js';
import type { InputPosition } from '../../domain/errors.js';

/** Trimmed text; blank is an error. */
export function requiredText(pos: InputPosition, raw: string): string {
  const t = raw.trim();
  if (t === '') throw new DecodeError(pos, 'empty value (this column is required)');
  return t;
}

/** Trimmed text, or undefined when blank. */
export function optionalText(raw: string): string | undefined {
  const t = raw.trim();
  return t === '' ? undefined : t;
}

export interface NumberRule {
  /** Smallest allowed value (inclusive); default 0. */
  readonly min?: number;
  /** Reject exactly `min` (e.g. compute must be > 0). */
  readonly exclusiveMin?: boolean;
  /** Largest allowed value (inclusive); default none. */
  readonly max?: number;
}

/** A finite decimal number (`1e25`, `3.5`, `17000`); blank → undefined; text, `inf`, `NaN` or out-of-range → DecodeError. */
export function optionalNumber(pos: InputPosition, raw: string, rule: NumberRule = {}): number | undefined {
  const t = raw.trim();
  if (t === '') return undefined;
  // Number('') and Number(' ') are 0 and Number('0x10') is 16: accept only decimal notation.
  const x = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(x)) throw new DecodeError(pos, `invalid number: ${JSON.stringify(raw)} (expected a finite decimal number)`);
  const min = rule.min ?? 0;
  if (x < min || (rule.exclusiveMin && x === min)) {
    throw new DecodeError(pos, `invalid number: ${t} (expected ${rule.exclusiveMin ? '>' : '≥'} ${min})`);
  }
  if (rule.max !== undefined && x > rule.max) throw new DecodeError(pos, `invalid number: ${t} (expected ≤ ${rule.max})`);
  return x;
}

/** Like optionalNumber, but blank is an error. */
export function requiredNumber(pos: InputPosition, raw: string, rule: NumberRule = {}): number {
  const x = optionalNumber(pos, raw, rule);
  if (x === undefined) throw new DecodeError(pos, 'empty value (expected a number)');
  return x;
}

/** Epoch check-box columns: `True`/`checked`/`1` → true, blank/`False`/`0` → false, anything else is an error. */
export function flag(pos: InputPosition, raw: string): boolean {
  const t = raw.trim().toLowerCase();
  if (t === 'true' || t === 'checked' || t === '1' || t === 'yes') return true;
  if (t === '' || t === 'false' || t === '0' || t === 'no') return false;
  throw new DecodeError(pos, `invalid flag: ${JSON.stringify(raw)} (expected True, checked, 1 or blank)`);
}

/** One of a fixed set of values (exact, after trimming). */
export function oneOf<const T extends string>(pos: InputPosition, raw: string, allowed: readonly T[]): T {
  const t = raw.trim();
  if (!(allowed as readonly string[]).includes(t)) {
    throw new DecodeError(pos, `invalid value: ${JSON.stringify(raw)} (expected one of ${allowed.join(', ')})`);
  }
  return t as T;
}

/** Comma-separated list, items trimmed, blanks dropped. */
export function commaList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A name with Epoch's confidence tag, as in `Amazon #confident` or `OpenAI #likely`. */
export interface TaggedName {
  readonly name: string;
  /** The tag without `#` (confident, likely, speculative …), undefined when untagged. */
  readonly confidence?: string;
}

/** `Microsoft #confident, OpenAI #likely` → [{name: 'Microsoft', confidence: 'confident'}, …]. */
export function taggedList(raw: string): TaggedName[] {
  return commaList(raw).map((item) => {
    const m = /^(.*?)\s*#([A-Za-z-]+)$/.exec(item);
    return m && m[1] !== '' ? { name: m[1]!, confidence: m[2]!.toLowerCase() } : { name: item };
  });
}
