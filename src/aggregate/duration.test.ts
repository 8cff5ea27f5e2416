import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { addDuration, formatDay, parseDate, parseDuration } from './duration.js';

const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;

describe('parseDuration', () => {
  it.each([
    ['1d', 'day', 1],
    ['30d', 'day', 30],
    ['1w', 'day', 7],
    ['1m', 'month', 1],
    ['1q', 'month', 3],
    ['1y', 'month', 12],
    ['2016b', 'block', 2016],
  ])('%s → %s × %i', (text, unit, n) => {
    expect(parseDuration(text)).toMatchObject({ unit, n });
  });
  it.each(['0d', '-1d', 'd', '1x', '1.5d', '', '30 days'])('rejects %j with an `invalid window` message', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
    expect(() => parseDuration(text)).toThrow(/^invalid window: /);
  });
});

describe('addDuration (UTC calendar arithmetic)', () => {
  it('adds fixed days', () => {
    expect(formatDay(addDuration(day('2024-02-27'), parseDuration('3d'), 1))).toBe('2024-03-01');
  });
  it('clamps the day of month: 31 Jan + 1 month = 29 Feb in a leap year, 28 Feb otherwise', () => {
    expect(formatDay(addDuration(day('2024-01-31'), parseDuration('1m'), 1))).toBe('2024-02-29');
    expect(formatDay(addDuration(day('2023-01-31'), parseDuration('1m'), 1))).toBe('2023-02-28');
  });
  it('goes backwards with negative k and across years', () => {
    expect(formatDay(addDuration(day('2021-03-01'), parseDuration('1m'), -3))).toBe('2020-12-01');
    expect(formatDay(addDuration(day('2020-01-01'), parseDuration('1y'), 6))).toBe('2026-01-01');
  });
});

describe('parseDate', () => {
  it('reads UTC dates', () => {
    expect(parseDate('2021-09-30', '--at')).toBe(1632960000);
  });
  it.each(['2021-02-30', '2021-13-01', '30/09/2021', 'yesterday'])('rejects %j naming the option', (t) => {
    expect(() => parseDate(t, '--from')).toThrow(/^invalid --from: /);
  });
});
