/**
 * @module Tests for Epoch cell parsers: dates (ISO, US, month), quarter arithmetic (property: quarters tile time), numbers, flags, tagged names, countries. Epoch seconds checked with `date -u -d … +%s`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { canonicalCountry, parseCountry } from '../../domain/countries.js';
import {
  isQuarterLastDay,
  parseIsoDateOrMonthSec,
  parseIsoDateSec,
  parseUsOrIsoDateSec,
  quarterEndSec,
  quarterLabel,
  quarterOfSec,
  quarterStartSec,
} from './dates.js';
import { flag, optionalNumber, taggedList } from './fields.js';

const pos = { input: 'f.csv', line: 7, field: 'X' };

describe('dates', () => {
  it('reads ISO, US and month dates as 00:00 UTC', () => {
    // 2024-02-29 00:00 UTC = 1709164800 (date -u -d 2024-02-29 +%s).
    expect(parseIsoDateSec(pos, '2024-02-29')).toBe(1709164800);
    expect(parseUsOrIsoDateSec(pos, '2/29/2024')).toBe(1709164800);
    expect(parseUsOrIsoDateSec(pos, '2/29/24')).toBe(1709164800);
    expect(parseUsOrIsoDateSec(pos, '2024-02-29')).toBe(1709164800);
    // 2021-07-01 00:00 UTC = 1625097600.
    expect(parseIsoDateOrMonthSec(pos, '2021-07')).toBe(1625097600);
  });

  it('rejects impossible and malformed dates, naming the position', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '2023-1-01', '31/12/2025', '', 'soon']) {
      expect(() => parseIsoDateSec(pos, bad)).toThrow(DecodeError);
    }
    expect(() => parseUsOrIsoDateSec(pos, '2/30/2024')).toThrow(/^f\.csv:7 \[X\]: invalid date: "2\/30\/2024"/);
    expect(() => parseIsoDateOrMonthSec(pos, '2021-13')).toThrow(DecodeError);
  });

  it('quarter ends are the last second of Mar/Jun/Sep/Dec', () => {
    const q = quarterOfSec(parseIsoDateSec(pos, '2025-11-15'));
    expect(quarterLabel(q)).toBe('2025-Q4');
    // 2026-01-01 00:00 UTC = 1767225600, so the quarter's last second is 1767225599.
    expect(quarterEndSec(q)).toBe(1767225599);
    expect(isQuarterLastDay(parseUsOrIsoDateSec(pos, '12/31/2025'))).toBe(true);
    expect(isQuarterLastDay(parseUsOrIsoDateSec(pos, '6/30/2025'))).toBe(true);
    expect(isQuarterLastDay(parseUsOrIsoDateSec(pos, '6/29/2025'))).toBe(false);
    expect(isQuarterLastDay(parseUsOrIsoDateSec(pos, '7/1/2025'))).toBe(false);
  });

  it('property: every second of a quarter maps back to it, and quarters tile time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950 * 4, max: 2100 * 4 }), fc.double({ min: 0, max: 1, noNaN: true }), (q, u) => {
        const start = quarterStartSec(q);
        const end = quarterEndSec(q);
        expect(quarterStartSec(q + 1)).toBe(end + 1);
        expect(quarterOfSec(start + Math.floor(u * (end - start)))).toBe(q);
        expect(quarterOfSec(end + 1)).toBe(q + 1);
      }),
    );
  });
});

describe('fields', () => {
  it('optionalNumber: decimal and exponent forms; blank is undefined', () => {
    expect(optionalNumber(pos, '3.8e25')).toBe(3.8e25);
    expect(optionalNumber(pos, ' 17000000000000000 ')).toBe(17000000000000000);
    expect(optionalNumber(pos, '')).toBeUndefined();
  });

  it('optionalNumber rejects text, infinities, hex and out-of-range values', () => {
    for (const bad of ['abc', 'inf', 'Infinity', 'NaN', '0x10', '1,000', '5 FLOP']) {
      expect(() => optionalNumber(pos, bad)).toThrow(/^f\.csv:7 \[X\]: invalid number/);
    }
    expect(() => optionalNumber(pos, '-1')).toThrow(/expected ≥ 0/);
    expect(() => optionalNumber(pos, '0', { min: 0, exclusiveMin: true })).toThrow(/expected > 0/);
  });

  it('flag accepts Epoch check boxes only', () => {
    expect([flag(pos, 'True'), flag(pos, 'checked'), flag(pos, ''), flag(pos, 'False')]).toEqual([true, true, false, false]);
    expect(() => flag(pos, 'maybe')).toThrow(/invalid flag/);
  });

  it('taggedList splits names and confidence tags', () => {
    expect(taggedList('OpenAI #likely, Microsoft #likely')).toEqual([
      { name: 'OpenAI', confidence: 'likely' },
      { name: 'Microsoft', confidence: 'likely' },
    ]);
    expect(taggedList('Amazon')).toEqual([{ name: 'Amazon' }]);
    expect(taggedList('')).toEqual([]);
  });
});

describe('countries', () => {
  it('accepts the spellings in the Epoch files and canonicalises variants', () => {
    expect(canonicalCountry('Korea (Republic of)')).toBe('Korea (Republic of)');
    expect(canonicalCountry('South Korea')).toBe('Korea (Republic of)');
    expect(canonicalCountry('Philippines (the)')).toBe('Philippines');
    expect(canonicalCountry('viet nam')).toBe('Vietnam');
    expect(canonicalCountry('United Kingdom of Great Britain and Northern Ireland')).toBe('United Kingdom of Great Britain and Northern Ireland');
    expect(canonicalCountry('Multinational')).toBe('Multinational');
  });

  it('an unknown country is a DecodeError naming the position', () => {
    expect(() => parseCountry(pos, 'Atlantis')).toThrow(/^f\.csv:7 \[X\]: unknown country: "Atlantis"/);
  });
});
