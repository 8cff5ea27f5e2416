/**
 * Claims: schema errors name the field; verdicts follow from values computed independently; the
 * probability of a sampled claim matches an exact Beta posterior.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { toObservationSeries } from '../../domain/observations.js';
import type { SourcedSeries } from '../../domain/sourced-series.js';
import { comparisonText, evaluateClaim } from './evaluate.js';
import { parseClaimsFile, type Claim } from './schema.js';

const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;

function blocks(perDay: Record<string, Record<string, number>>): SourcedSeries {
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  for (const [d, counts] of Object.entries(perDay)) for (const [e, n] of Object.entries(counts)) records.push({ timeSec: day(d), entity: e, weight: n });
  const series = toObservationSeries(records, 'flow');
  const days = Object.keys(perDay).sort();
  return {
    series,
    coverage: { time: { start: day(days[0]!), end: day(days.at(-1)!) + 86_400 }, height: null },
    provenance: { distribution: 'test', source: 'test', description: '', rulesVersions: [], from: 'memory', level: 'pool', unit: 'blocks' },
  };
}

const opts = { confidence: 0.95, draws: 4000, prior: 0.5 };

describe('claims file schema', () => {
  it('rejects unknown keys and bad values, naming the path', () => {
    const bad = `version: 1\nclaims:\n  - id: x\n    kind: threshold\n    text: t\n    origin: o\n    distribution: bitcoin/pools\n    metric: hhi\n    window: 30d\n    op: '>'\n    value: 1\n    colour: red\n`;
    expect(() => parseClaimsFile(bad, 'c.yaml')).toThrow(DecodeError);
    expect(() => parseClaimsFile(bad, 'c.yaml')).toThrow(/c\.yaml \[claims\.0\]: .*colour/);
    expect(() => parseClaimsFile(bad.replace("op: '>'", "op: '=>'").replace('    colour: red\n', ''), 'c.yaml')).toThrow(/\[claims\.0\.op\]/);
    expect(() => parseClaimsFile('version: 1\nclaims: [', 'c.yaml')).toThrow(/c\.yaml:\d+: invalid YAML/);
  });
  it('rejects duplicate ids', () => {
    const one = `  - { id: a, kind: threshold, text: t, origin: o, distribution: d, metric: hhi, window: 1y, op: '>', value: 1 }\n`;
    expect(() => parseClaimsFile(`version: 1\nclaims:\n${one}${one}`, 'c.yaml')).toThrow(/duplicate claim id a/);
  });
});

describe('claim evaluation', () => {
  it('threshold on exact data: holds/fails per window from hand-computed shares', async () => {
    // Windows are epoch-aligned: 2020-01-04 is day 18,265 = 5·3,653, so 5-day windows start 2020-01-04 and 2020-01-09.
    // Window 1: A has 6 of 10 blocks (0.6 > 0.5 holds); window 2: 3 of 10 (fails). The zero row on 01-13 extends coverage.
    const data = blocks({
      '2020-01-04': { A: 6, B: 4 },
      '2020-01-09': { A: 3, B: 7 },
      '2020-01-13': { B: 0 },
    });
    const exact: SourcedSeries = { ...data, provenance: { ...data.provenance, unit: 'H100e' } };
    const claim: Claim = { kind: 'threshold', id: 't', text: 't', origin: 'o', distribution: 'x', metric: 'share:A', window: '5d', op: '>', value: 0.5 };
    const r = await evaluateClaim(claim, () => Promise.resolve(exact), opts, 1);
    expect(r.windows.map((w) => [w.left, w.verdict])).toEqual([
      [0.6, 'holds'],
      [0.3, 'fails'],
    ]);
    expect(r.verdict).toBe('fails');
  });

  it('sampled data: P(share > ½) equals the Beta posterior tail', async () => {
    // 60 of 100 blocks to A: posterior share of A ~ Beta(60.5, 40.5); P(p > 0.5) = 0.977 (by numerical integration below).
    const data = blocks({ '2020-01-01': { A: 60, B: 40 } });
    const claim: Claim = { kind: 'threshold', id: 't', text: 't', origin: 'o', distribution: 'x', metric: 'share:A', window: '1d', op: '>', value: 0.5 };
    const r = await evaluateClaim(claim, () => Promise.resolve(data), opts, 3);
    let s = 0;
    const n = 100_000;
    const lb = lbeta(60.5, 40.5);
    for (let i = 0; i < n; i++) {
      const x = 0.5 + (i + 0.5) * (0.5 / n);
      s += Math.exp(59.5 * Math.log(x) + 39.5 * Math.log(1 - x) - lb) * (0.5 / n);
    }
    expect(Math.abs(r.probability! - s)).toBeLessThan(0.01);
    expect(r.verdict).toBe('holds');
  });

  it('change claims compare two dated windows', async () => {
    const data = blocks({ '2020-01-01': { A: 50, B: 50 }, '2021-01-01': { A: 90, B: 10 } });
    const claim: Claim = { kind: 'change', id: 'c', text: 't', origin: 'o', distribution: 'x', metric: 'hhi', window: '1d', before: '2020-01-01', after: '2021-01-01', op: '>' };
    const r = await evaluateClaim(claim, () => Promise.resolve(data), opts, 5);
    // HHI 5,000 → 8,200 (90² + 10²): far outside sampling noise.
    expect([r.latest!.right, r.latest!.left]).toEqual([5000, 8200]);
    expect(r.verdict).toBe('holds');
  });
});

function lbeta(a: number, b: number): number {
  const lg = (x: number): number => {
    // Stirling series, accurate for x > 10.
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
  };
  return lg(a) + lg(b) - lg(a + b);
}

describe('claims: events, untestable claims, and the comparison as decided (issue 14)', () => {
  it('parses a dated, sourced event and the untestable list; ids are unique across both', () => {
    const ok = parseClaimsFile(
      `version: 1\nclaims:\n  - id: a\n    kind: change\n    text: t\n    origin: o\n    event: { date: '2021-05-21', what: w, source: s }\n    distribution: bitcoin/pools\n    metric: hhi\n    window: 90d\n    before: '2021-05-20'\n    after: '2021-08-18'\n    op: '>'\nuntestable:\n  - { id: b, text: t, origin: o, reason: r, needs: n }\n`,
      'f.yaml',
    );
    expect(ok.claims[0]!.event).toEqual({ date: '2021-05-21', what: 'w', source: 's' });
    expect(ok.untestable).toEqual([{ id: 'b', text: 't', origin: 'o', reason: 'r', needs: 'n' }]);
    expect(() => parseClaimsFile(`version: 1\nclaims:\n  - { id: a, kind: threshold, text: t, origin: o, distribution: d, metric: hhi, window: 1y, op: '>', value: 1 }\nuntestable:\n  - { id: a, text: t, origin: o, reason: r, needs: n }\n`, 'f.yaml')).toThrow(/f\.yaml \[untestable\.0\.id\]: duplicate claim id a/);
    expect(() => parseClaimsFile(`version: 1\nclaims:\n  - { id: a, kind: threshold, text: t, origin: o, distribution: d, metric: hhi, window: 1y, op: '>', value: 1, event: { date: 'May 2021', what: w, source: s } }\n`, 'f.yaml')).toThrow(/claims\.0\.event\.date/);
  });
  it('prints the comparison as it is decided: a failing claim shows the negated operator and the claim', () => {
    expect(comparisonText(3, '<=', 2)).toBe('3 > 2 (claim: <= 2)');
    expect(comparisonText(1014.2, '>', 1054.4)).toBe('1014 ≤ 1054 (claim: > 1054)');
    expect(comparisonText(0.331, '>=', 0.3)).toBe('0.331 >= 0.300');
    expect(comparisonText(3, '<=', 3)).toBe('3 <= 3');
    expect(comparisonText(27, '<', 26)).toBe('27 ≥ 26 (claim: < 26)');
  });
  it('the shipped file parses, with every regulatory claim carrying a dated event and an untestable list', async () => {
    const { readFileSync } = await import('node:fs');
    const { DEFAULT_CLAIMS } = await import('../../pipeline/queries/claims-query.js');
    const f = parseClaimsFile(readFileSync(DEFAULT_CLAIMS, 'utf8'), DEFAULT_CLAIMS);
    const reg = f.claims.filter((c) => c.id.startsWith('reg-'));
    expect(reg.length).toBeGreaterThanOrEqual(3);
    for (const c of reg) {
      expect(c.event?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.event?.source).toMatch(/https:\/\//);
      // The "before" window ends the day before the event; the "after" window starts on it.
      if (c.kind === 'change') expect(Date.parse(c.before) + 86_400_000).toBe(Date.parse(c.event!.date));
    }
    expect(f.untestable!.map((u) => u.id)).toContain('edge-inference-majority-2027');
  });
});
