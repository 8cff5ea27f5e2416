/**
 * @module Exact-arithmetic helpers: thresholds written as decimals become exact fractions, so that
 * "cumulative share ≥ 0.5" is decided on integers when the weights are counts.
 */
import { UsageError } from '../domain/errors.js';

export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_DIGITS = 300;

/** Parse a decimal string or number in [0, 1] ("0.5", "0.33", "1", "5e-1") into an exact fraction. */
export function parseFraction(value: string | number, what: string): Fraction {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new UsageError(`invalid ${what}: ${text} (expected a decimal number)`);
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? '0');
  // Bound the work: 10^|exp| is built as a BigInt, and a double cannot hold finer thresholds anyway.
  if (Math.abs(exp) + frac.length > MAX_DIGITS) {
    throw new UsageError(`invalid ${what}: ${text} (too many digits or too large an exponent; at most ${MAX_DIGITS})`);
  }
  let num = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  let den = 10n ** BigInt(frac.length);
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function fractionToNumber(f: Fraction): number {
  return Number(f.num) / Number(f.den);
}
