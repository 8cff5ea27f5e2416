import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { parseChoiceParam, parseFlagParam, parseListParam, parseNumberParam } from './query-params.js';

describe('parseNumberParam', () => {
  it('accepts decimals in range and names the parameter and the range otherwise', () => {
    expect(parseNumberParam('q', '0.25', { min: 0, max: 1 })).toBe(0.25);
    expect(parseNumberParam('q', ' 1e-3 ', { min: 0, max: 1 })).toBe(0.001);
    expect(() => parseNumberParam('q', '2', { min: 0, max: 1 })).toThrow('invalid q: 2 (expected a number in [0, 1])');
    expect(() => parseNumberParam('runs', '1.5', { min: 1, max: 8, integer: true })).toThrow('invalid runs: 1.5 (expected an integer in [1, 8])');
    expect(() => parseNumberParam('t', '0', { min: 0, max: 1, minExclusive: true })).toThrow('(expected a number in (0, 1])');
  });
  it('names the unit after the range, and an open upper end as ∞', () => {
    expect(() => parseNumberParam('--smooth-days', '0', { min: 1, max: 366, integer: true, unit: 'days' })).toThrow(new UsageError('invalid --smooth-days: 0 (expected an integer in [1, 366] days)'));
    expect(() => parseNumberParam('--btc-usd', '0', { min: 0, minExclusive: true, unit: 'USD' })).toThrow(new UsageError('invalid --btc-usd: 0 (expected a number in (0, ∞) USD)'));
    expect(() => parseNumberParam('--port', '-1', { min: 0, integer: true })).toThrow(new UsageError('invalid --port: -1 (expected an integer in [0, ∞))'));
  });
  it('refuses what Number() would accept but is not a decimal: hex, Infinity, empty', () => {
    for (const bad of ['0x10', 'Infinity', '', ' ', '1,5', 'NaN']) expect(() => parseNumberParam('x', bad)).toThrow(UsageError);
  });
  it('where an integer is expected, takes digits only (an optional sign, surrounding spaces ignored): no exponent or point', () => {
    for (const bad of ['1e3', '5.0', '+5.', '2.', ' 1e0', '0x10', '', ' ']) expect(() => parseNumberParam('--top', bad, { min: 0, integer: true })).toThrow(`invalid --top: ${bad} (expected an integer in [0, ∞))`);
    expect(parseNumberParam('--top', '12', { min: 0, integer: true })).toBe(12);
    expect(parseNumberParam('--top', ' +7 ', { min: 0, integer: true })).toBe(7);
  });
  it('round-trips every finite double printed by JS (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => parseNumberParam('x', String(x)) === x));
  });
  it('accepts exactly the values inside [min, max] (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -60, max: 60 }), (a, b, x) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const ok = x >= min && x <= max;
        if (ok) expect(parseNumberParam('x', String(x), { min, max, integer: true })).toBe(x);
        else expect(() => parseNumberParam('x', String(x), { min, max, integer: true })).toThrow(UsageError);
      }),
    );
  });
});

describe('flags, choices, lists', () => {
  it('reads a bare flag as true, and false/0/no as false', () => {
    expect(parseFlagParam('ci', '')).toBe(true);
    expect(parseFlagParam('ci', 'TRUE')).toBe(true);
    expect(parseFlagParam('ci', '0')).toBe(false);
    expect(parseFlagParam('ci', undefined, true)).toBe(true);
    expect(() => parseFlagParam('ci', 'maybe')).toThrow('invalid ci: maybe (expected true or false)');
  });
  it('names the choices', () => {
    expect(() => parseChoiceParam('rule', 'x', ['catch-up', 'overtake'])).toThrow('invalid rule: x (expected one of catch-up, overtake)');
  });
  it('splits comma lists (also arrays of them) and refuses empty items', () => {
    expect(parseListParam('d', 'a, b')).toEqual(['a', 'b']);
    expect(parseListParam('d', ['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(() => parseListParam('d', 'a,,b')).toThrow(UsageError);
  });
});
