/**
 * @module Parsing of plain query parameters (text from a command line or an HTTP query string, or
 * numbers from code) into typed values, each failure a UsageError `invalid <name>: <value> (<expected>)`.
 * `parseNumberParam` is the one number-option parser of the project (CLI flags, HTTP parameters,
 * MCP arguments, query options): `invalid --smooth-days: 0 (expected an integer in [1, 366] days)`.
 */
import { UsageError } from '../../domain/errors.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Integers are written as digits (an optional sign): `1e3`, `5.0`, `+5.` or ` 5` are refused where an integer is expected. */
const INTEGER = /^[+-]?\d+$/;

export interface NumberSpec {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** Unit (or a short note) printed after the range, e.g. `USD/kWh`, `days`. */
  readonly unit?: string;
}

/** Human text of the accepted range, e.g. `a number in [0, 1]`, `an integer in [2, 40]`. */
export function describeNumber(spec: NumberSpec): string {
  const { min, max } = spec;
  const range = `${min === undefined ? '(-∞' : (spec.minExclusive ? '(' : '[') + min}, ${max === undefined ? '∞)' : max + (spec.maxExclusive ? ')' : ']')}`;
  return `${spec.integer ? 'an integer' : 'a number'} in ${range}${spec.unit ? ` ${spec.unit}` : ''}`;
}

/**
 * The value of a plain decimal text (no hex, no `Infinity`, no empty string; surrounding spaces
 * ignored); with `integer`, digits only (an optional sign). NaN for anything else.
 */
export function decimalValue(text: string, integer = false): number {
  const t = text.trim();
  return (integer ? INTEGER : DECIMAL).test(t) ? Number(t) : Number.NaN;
}

/** Whether `x` satisfies the spec (finite, in range, integral if asked). */
export function numberFits(x: number, spec: NumberSpec): boolean {
  const { min, max } = spec;
  const lowOk = min === undefined || (spec.minExclusive ? x > min : x >= min);
  const highOk = max === undefined || (spec.maxExclusive ? x < max : x <= max);
  return Number.isFinite(x) && lowOk && highOk && (!spec.integer || Number.isSafeInteger(x));
}

/** A decimal number (no hex, no `Infinity`, no empty string) within the spec. */
export function parseNumberParam(name: string, raw: string | number, spec: NumberSpec = {}): number {
  const x = typeof raw === 'number' ? raw : decimalValue(raw, spec.integer === true);
  if (numberFits(x, spec)) return x;
  throw new UsageError(`invalid ${name}: ${String(raw)} (expected ${describeNumber(spec)})`);
}

export function parseChoiceParam<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`invalid ${name}: ${raw} (expected one of ${choices.join(', ')})`);
}

/** `true/1/yes/''` (a bare `?ci`) → true, `false/0/no` → false. */
export function parseFlagParam(name: string, raw: string | boolean | undefined, fallback = false): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw === 'boolean') return raw;
  const t = raw.trim().toLowerCase();
  if (t === '' || t === 'true' || t === '1' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'no') return false;
  throw new UsageError(`invalid ${name}: ${raw} (expected true or false)`);
}

/** Comma-separated list (or an array of them) → trimmed non-empty items. */
export function parseListParam(name: string, raw: string | readonly string[]): string[] {
  const items = (typeof raw === 'string' ? [raw] : raw).flatMap((s) => s.split(',')).map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) throw new UsageError(`invalid ${name}: ${String(raw)} (expected a comma-separated list without empty items)`);
  return items;
}
