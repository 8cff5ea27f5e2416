/**
 * @module Tests for parseFraction: decimal strings and numbers become exact reduced fractions.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { fractionToNumber, parseFraction } from './exact.js';

describe('parseFraction', () => {
  it.each([
    ['0.5', 1n, 2n],
    ['.5', 1n, 2n],
    ['0.50', 1n, 2n],
    ['1', 1n, 1n],
    ['1.', 1n, 1n],
    ['0.33', 33n, 100n],
    ['0.66', 33n, 50n],
    ['5e-1', 1n, 2n],
    ['0.0125', 1n, 80n],
    ['25E-2', 1n, 4n],
    [' 0.75 ', 3n, 4n],
    ['0', 0n, 1n],
  ])('%j → %i/%i', (text, num, den) => {
    expect(parseFraction(text, 'threshold')).toEqual({ num, den });
  });

  it('accepts numbers via their shortest decimal form', () => {
    expect(parseFraction(0.1, 't')).toEqual({ num: 1n, den: 10n });
    expect(parseFraction(1e-7, 't')).toEqual({ num: 1n, den: 10_000_000n });
  });

  it.each(['abc', '', '.', 'e5', '-0.5', '+0.5', '0.5.1', '1/2', 'NaN', '0x1'])('rejects %j with a UsageError', (text) => {
    expect(() => parseFraction(text, 'tau-index threshold')).toThrow(UsageError);
    expect(() => parseFraction(text, 'tau-index threshold')).toThrow(/^invalid tau-index threshold: /);
  });

  it('rejects absurd exponents quickly instead of building a huge BigInt', () => {
    const t0 = Date.now();
    expect(() => parseFraction('1e-999999999', 't')).toThrow(/invalid t: .*too many digits/);
    expect(() => parseFraction('1e999999999', 't')).toThrow(UsageError);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('fractionToNumber gives the nearest double', () => {
    expect(fractionToNumber(parseFraction('0.66', 't'))).toBe(0.66);
    expect(fractionToNumber(parseFraction('1', 't'))).toBe(1);
  });
});
