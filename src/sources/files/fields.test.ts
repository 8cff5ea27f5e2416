import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { intField, isoUtcField, labelField } from './fields.js';

const ctx = { input: 'f.csv', line: 7 };

describe('isoUtcField (hand-written fast parser)', () => {
  it('agrees with Date.parse on any second from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800, max: 7_258_118_399 }), (sec) => {
        const iso = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
        expect(isoUtcField(ctx, 't', iso)).toBe(sec);
      }),
      { numRuns: 2000 },
    );
  });
  it('accepts fractions and +00:00, surrounding spaces', () => {
    expect(isoUtcField(ctx, 't', '2021-09-30T11:50:41.500Z')).toBe(1633002641);
    expect(isoUtcField(ctx, 't', '2021-09-30T11:50:41+00:00')).toBe(1633002641);
    expect(isoUtcField(ctx, 't', ' 2021-09-30T11:50:41Z ')).toBe(1633002641);
  });
  it.each(['2021-02-29T00:00:00Z', '2021-13-01T00:00:00Z', '2021-01-01T24:00:00Z', '2021-01-01T00:60:00Z', '2021-01-01 00:00:00Z', '2021-01-01T00:00:00+01:00', '2021-1-01T00:00:00Z', ''])(
    'rejects %j naming file, line and field',
    (t) => {
      expect(() => isoUtcField(ctx, 'timestamp_utc', t)).toThrow(DecodeError);
      expect(() => isoUtcField(ctx, 'timestamp_utc', t)).toThrow(/^f\.csv:7 \[timestamp_utc\]: invalid UTC timestamp/);
    },
  );
  it('2024-02-29 exists (leap year), 2100-02-29 does not', () => {
    expect(isoUtcField(ctx, 't', '2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29) / 1000);
    expect(() => isoUtcField(ctx, 't', '2100-02-29T00:00:00Z')).toThrow(DecodeError);
  });
});

describe('intField and labelField', () => {
  it('parses integers on the fast path and the careful path alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(intField(ctx, 'h', String(n))).toBe(n);
      }),
    );
    expect(intField(ctx, 'h', ' 42 ')).toBe(42);
    expect(() => intField(ctx, 'h', '4.2')).toThrow(/invalid integer/);
    expect(() => intField(ctx, 'h', '99', 0, 10)).toThrow(/out of range: 99/);
    expect(() => intField(ctx, 'h', '-1')).toThrow(/out of range/);
  });
  it('labels: trimmed, non-empty, no control characters', () => {
    expect(labelField(ctx, 'p', ' antpool ')).toBe('antpool');
    expect(() => labelField(ctx, 'p', '')).toThrow(/empty label/);
    expect(labelField(ctx, 'p', '', true)).toBe('');
    expect(() => labelField(ctx, 'p', 'a\u007fb')).toThrow(/control character/);
  });
});
