/**
 * Pure modules of the dashboard (web/src), tested in node: URL state (shareable links), interval
 * draw budgeting, and number formatting that must match the CLI's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/interfaces/cli/output.js';
import { cliNumber, metricText, pct, roundText } from '../../web/src/format.js';
import { parseSet, SET_PATTERN, setText } from '../../web/src/pages/sim-params.js';
import { DAY, DECIMAL, drawsFor, previousDay, readParams, searchOf, WINDOW, type ParamSpecs } from '../../web/src/url-state.js';

const SPECS: ParamSpecs = {
  window: { default: '1m', choices: ['1w', '30d', '1m', '1q', '1y'] },
  level: { default: 'pool', choices: ['pool', 'entity'] },
  from: { pattern: DAY },
  to: { pattern: DAY },
  q: { pattern: DECIMAL },
  d: { default: 'ai/compute-owners', pattern: /^(ai|hf)\/[a-z-]+$/ },
};

const dayArb = fc.date({ min: new Date('2009-01-03T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('URL state', () => {
  it('reading the URL written for any valid view gives that view back (shareable links)', () => {
    const view = fc.record({
      window: fc.constantFrom('1w', '30d', '1m', '1q', '1y'),
      level: fc.constantFrom('pool', 'entity'),
      from: fc.option(dayArb, { nil: undefined }),
      to: fc.option(dayArb, { nil: undefined }),
      q: fc.option(fc.double({ min: 0, max: 1, noNaN: true }).map((x) => String(Number(x.toFixed(4)))), { nil: undefined }),
      d: fc.constantFrom('ai/compute-owners', 'ai/notable-models', 'hf/models-by-author'),
    });
    fc.assert(
      fc.property(view, (v) => {
        const search = searchOf(v, SPECS);
        const back = readParams(search, SPECS);
        expect(back.invalid).toEqual([]);
        expect(back.values).toEqual(v);
      }),
    );
  });

  it('leaves defaults out of the URL and keeps declaration order, slashes and commas readable', () => {
    expect(searchOf({ window: '1m', level: 'pool', d: 'ai/compute-owners' }, SPECS)).toBe('');
    expect(searchOf({ to: '2025-01-01', window: '1y', d: 'hf/models-by-author' }, SPECS)).toBe('?window=1y&to=2025-01-01&d=hf/models-by-author');
  });

  it('replaces invalid values by the default and names them', () => {
    const r = readParams('?window=5x&level=owner&from=2024-02-30&to=2024-13-01&q=-1&d=../../etc', SPECS);
    expect(r.invalid).toEqual(['window', 'level', 'to', 'q', 'd']);
    expect(r.values).toEqual({ window: '1m', level: 'pool', from: '2024-02-30', to: undefined, q: undefined, d: 'ai/compute-owners' });
    // 2024-02-30 has the shape of a day and Date.parse accepts it (it rolls over); the API names it if it objects.
    expect(WINDOW.test('30d') && !WINDOW.test('0d') && !WINDOW.test('2016b')).toBe(true);
  });

  it('previous day crosses month, year and leap-day boundaries (UTC)', () => {
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    expect(previousDay('2023-03-01')).toBe('2023-02-28');
    expect(previousDay('2025-01-01')).toBe('2024-12-31');
    fc.assert(
      fc.property(dayArb, (d) => {
        expect(Date.parse(`${d}T00:00:00Z`) - Date.parse(`${previousDay(d)}T00:00:00Z`)).toBe(86_400_000);
      }),
    );
  });
});

describe('interval draws per request', () => {
  // The API refuses ci requests with windows × draws above 250,000 (DEFAULT_LIMITS.maxIntervalDraws);
  // the shortest windows have 7, 30, 28 (February), 90 (Q1 of a common year) and 365 days.
  const shortest: Record<string, number> = { '1w': 7, '30d': 30, '1m': 28, '1q': 90, '1y': 365 };
  it('stays within the server budget for any span up to 16 years, with 100–1000 draws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(shortest)), fc.integer({ min: 1, max: 5844 }), (w, span) => {
        const draws = drawsFor(w, span);
        expect(draws).toBeGreaterThanOrEqual(100);
        expect(draws).toBeLessThanOrEqual(1000);
        expect(Math.ceil(span / shortest[w]!) * draws).toBeLessThanOrEqual(250_000);
      }),
    );
    expect(drawsFor('1m', 2303)).toBe(1000); // 2020-01-01 → 2026-04-22: 83 windows at most
  });
});

describe('number formatting', () => {
  it('calculator numbers print exactly as the CLI table prints them (src/interfaces/cli/output.ts)', () => {
    for (const arb of [fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 0, max: 1, noNaN: true })]) {
      fc.assert(
        fc.property(arb, (x) => {
          expect(cliNumber(x)).toBe(formatNumber(x));
        }),
      );
    }
  });

  it('shares, HHI and counts for display', () => {
    expect(pct(0.31085450346420324)).toBe('31.1%');
    expect(pct(null)).toBe('–');
    expect(metricText('hhi', 1632.4)).toBe('1,632');
    expect(metricText('concentration-ratio=5', 0.7771)).toBe('77.7%');
    expect(metricText('nakamoto-coefficient', 3)).toBe('3');
    expect(roundText(0.31085450346420324)).toBe('0.3109');
    expect(roundText(0.5)).toBe('0.5');
  });
});

describe('simulation parameter overrides (set=path=value,…)', () => {
  const params = ['gamma01', 'blocks', 'economics.reinvest01'].map((path, i) => ({ path, value: [0.5, 2_000_000, 0.1][i]!, integer: i === 1 }));
  it('keeps only changed values, in parameter order; the text matches the URL pattern and reads back to the same values', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => String(Number(x.toFixed(3)))), { nil: undefined }), { minLength: 3, maxLength: 3 }), (vals) => {
        const values = new Map<string, string>();
        vals.forEach((v, i) => v !== undefined && values.set(params[i]!.path, v));
        const text = setText(params, values);
        const changed = params.filter((p) => values.has(p.path) && Number(values.get(p.path)) !== p.value);
        expect([...parseSet(text).keys()]).toEqual(changed.map((p) => p.path));
        for (const p of changed) expect(parseSet(text).get(p.path)).toBe(values.get(p.path));
        if (text !== '') expect(SET_PATTERN.test(text)).toBe(true);
      }),
    );
    expect(setText(params, new Map([['gamma01', '0.50'], ['blocks', '1000']]))).toBe('blocks=1000');
    expect(SET_PATTERN.test('gamma01=0.2,regions.China.electricityUsdPerKwh=0.05')).toBe(true);
    expect(SET_PATTERN.test('gamma01=<script>')).toBe(false);
  });
});
