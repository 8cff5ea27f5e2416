import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseDuration } from './duration.js';
import { divideWindows, type WindowSpec } from './windows.js';

const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;
const spec = (size: string, step = size, anchor = day('2020-01-01'), partial = false): WindowSpec => ({
  size: parseDuration(size),
  step: parseDuration(step),
  anchor,
  partial,
});
const days = (ws: { start: number; end: number }[]) => ws.map((w) => [formatDay(w.start), formatDay(w.end)]);

describe('divideWindows', () => {
  it('tumbling 30-day windows from the anchor, complete windows only', () => {
    const ws = divideWindows(spec('30d'), day('2020-01-01'), day('2020-04-01'));
    expect(days(ws)).toEqual([
      ['2020-01-01', '2020-01-31'],
      ['2020-01-31', '2020-03-01'],
      ['2020-03-01', '2020-03-31'],
    ]);
  });
  it('an anchor before the range sets the phase only', () => {
    // 2018-01-01 → 2020-03-01 is 365 + 365 + 31 + 29 = 790 days; 27·30 = 810 ≥ 790, so the first window starting
    // on/after 2020-03-01 begins 810 days after the anchor = 2020-03-01 + 20 days = 2020-03-21.
    const ws = divideWindows(spec('30d', '30d', day('2018-01-01')), day('2020-03-01'), day('2020-06-01'));
    expect(days(ws)[0]).toEqual(['2020-03-21', '2020-04-20']);
  });
  it('sliding windows step by --step', () => {
    const ws = divideWindows(spec('7d', '1d'), day('2020-01-01'), day('2020-01-10'));
    expect(ws.map((w) => formatDay(w.start))).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(ws.every((w) => w.end - w.start === 7 * 86400)).toBe(true);
  });
  it('calendar months and years', () => {
    expect(days(divideWindows(spec('1m'), day('2020-01-01'), day('2020-04-01')))).toEqual([
      ['2020-01-01', '2020-02-01'],
      ['2020-02-01', '2020-03-01'],
      ['2020-03-01', '2020-04-01'],
    ]);
    expect(days(divideWindows(spec('1y'), day('2020-01-01'), day('2022-06-01')))).toEqual([
      ['2020-01-01', '2021-01-01'],
      ['2021-01-01', '2022-01-01'],
    ]);
  });
  it('partial keeps a last window that runs past the range, flagged incomplete', () => {
    const ws = divideWindows(spec('1y', '1y', day('2020-01-01'), true), day('2020-01-01'), day('2021-06-01'));
    expect(ws.map((w) => w.complete)).toEqual([true, false]);
  });
  it('block-count windows on heights', () => {
    const s: WindowSpec = { size: parseDuration('2016b'), step: parseDuration('2016b'), anchor: 0 };
    const ws = divideWindows(s, 630_000, 636_000);
    // 630,000 is not a multiple of 2016 (312·2016 = 628,992; 313·2016 = 631,008): first retarget-aligned window starts at 631,008.
    expect(ws.map((w) => [w.start, w.end])).toEqual([
      [631_008, 633_024],
      [633_024, 635_040],
    ]);
  });
  it('rejects mixing block and time units', () => {
    expect(() => divideWindows(spec('2016b', '1d'), 0, 10)).toThrow(/invalid step/);
  });
  it('property: tumbling day windows tile the covered range without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: 1, max: 400 }), (n, anchorOffset, lengthDays) => {
        const start = day('2021-01-01');
        const end = start + lengthDays * 86400;
        const ws = divideWindows(spec(`${n}d`, `${n}d`, start + anchorOffset * 86400), start, end);
        for (let i = 1; i < ws.length; i++) expect(ws[i]!.start).toBe(ws[i - 1]!.end);
        for (const w of ws) {
          expect(w.start).toBeGreaterThanOrEqual(start);
          expect(w.end).toBeLessThanOrEqual(end);
        }
        // Maximal: the uncovered part at each end is shorter than one window.
        if (ws.length > 0) {
          expect(ws[0]!.start - start).toBeLessThan(n * 86400);
          expect(end - ws[ws.length - 1]!.end).toBeLessThan(n * 86400);
        } else {
          expect(lengthDays).toBeLessThan(2 * n);
        }
      }),
      { numRuns: 200 },
    );
  });
});
