/**
 * Analysis commands end to end on the embedded default and the shared datasets: intervals,
 * compare, geography (CBECI figures from its PROVENANCE), claims, attack calculators.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCbeci, CBECI_FILE } from '../../src/sources/datasets/cbeci.js';
import { datasetPath } from '../../src/sources/files/datasets-path.js';
import { runCli } from '../helpers/run-cli.js';

const env = { NAKAMOTO_DB: join(mkdtempSync(join(tmpdir(), 'nk-')), 'absent.duckdb') };

describe('metrics --ci', () => {
  it('adds _lo/_hi around every value, P(NC) summing to 1, and flags unsettled windows', async () => {
    const r = await runCli(['metrics', 'bitcoin/pools', '--window', '7d', '--from', '2026-03-01', '--ci', '--metrics', 'nakamoto-coefficient,hhi', '--format', 'json'], env);
    expect(r.code, r.err).toBe(0);
    const rows = (JSON.parse(r.out) as { rows: Record<string, number | string | boolean>[] }).rows;
    expect(rows.length).toBe(7);
    for (const row of rows) {
      expect(row.hhi_lo as number).toBeLessThan(row.hhi_hi as number);
      const probs = String(row['nakamoto-coefficient_p']).split(';').map((x) => Number(x.split(':')[1]));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      expect(row.unstable).toBe(Math.max(...probs) < 0.95);
    }
    // Reproducible for a seed.
    const again = await runCli(['metrics', 'bitcoin/pools', '--window', '7d', '--from', '2026-03-01', '--ci', '--metrics', 'nakamoto-coefficient,hhi', '--format', 'json'], env);
    expect(again.out).toBe(r.out);
  });
  it('refuses --ci for data that is not a sample', async () => {
    const r = await runCli(['metrics', 'ai/compute-owners', '--window', '1y', '--ci'], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--ci: intervals model block sampling/);
  });
});

describe('CBECI country distribution', () => {
  it('reads the documented values (PROVENANCE: China 75.53% in 2019-09, 0% in 2021-07; totals 88.4 and 187.55 EH/s)', async () => {
    const { series } = await readCbeci(datasetPath(CBECI_FILE));
    const at = (month: string, country: string) => {
      const t = Date.parse(`${month}-01T00:00:00Z`) / 1000;
      let total = 0;
      let mine = 0;
      series.timeSec.forEach((x, i) => {
        if (x !== t) return;
        total += series.weight[i]!;
        if (series.entities[series.entity[i]!] === country) mine += series.weight[i]!;
      });
      return { total, share: mine / total };
    };
    expect(at('2019-09', 'China').share).toBeCloseTo(0.7553, 3);
    expect(at('2019-09', 'China').total).toBeCloseTo(88.4, 1);
    expect(at('2021-07', 'China').share).toBe(0);
    expect(at('2022-01', 'United States of America').share).toBeCloseTo(0.3784, 3);
    expect(at('2022-01', 'China').total).toBeCloseTo(187.55, 1);
  });
});

describe('compare and geography', () => {
  it('compare puts Bitcoin pools and AI compute owners on one yearly axis', async () => {
    const r = await runCli(['compare', 'bitcoin/pools', 'ai/compute-owners', '--metric', 'hhi', '--window', '1y', '--format', 'csv'], env);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n').slice(1).map((l) => l.split(','));
    const btc2023 = lines.find((l) => l[0] === '2023-01-01' && l[2] === 'bitcoin/pools')!;
    const ai2023 = lines.find((l) => l[0] === '2023-01-01' && l[2] === 'ai/compute-owners')!;
    expect(Number(btc2023[5])).toBeLessThan(Number(btc2023[4]));
    expect(Number(btc2023[6])).toBeGreaterThan(Number(btc2023[4]));
    expect(ai2023[5]).toBe('');
  });
  it('geography shows China going to 0% in July 2021 and the US leading afterwards', async () => {
    const r = await runCli(['geography', '--format', 'json'], env);
    const j = JSON.parse(r.out) as { chinaBan: { label: string; chinaShare: number; top: { entity: string }[] }[]; verdict: string };
    expect(j.chinaBan[0]!.chinaShare).toBeCloseTo(0.4604, 3);
    expect(j.chinaBan[1]!.chinaShare).toBe(0);
    expect(j.chinaBan[2]!.top[0]!.entity).toBe('United States of America');
    expect(j.verdict).toMatch(/relocated rather than dispersed/);
  });
});

describe('claims', () => {
  it('evaluates the default claims file, every claim with a verdict and evidence', async () => {
    const r = await runCli(['claims', '--format', 'json', '--draws', '200'], env);
    expect(r.code, r.err).toBe(0);
    const results = JSON.parse(r.out) as { id: string; verdict: string; evidence: string }[];
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const c of results) {
      expect(['holds', 'fails', 'uncertain']).toContain(c.verdict);
      expect(c.evidence).toMatch(/latest window/);
    }
    // CBECI: US 37.8% vs China 21.1% in Jan 2022 (PROVENANCE values).
    expect(results.find((c) => c.id === 'us-overtook-china-mining')!.verdict).toBe('holds');
  });
  it('a bad claims file is a one-line error with exit 2', async () => {
    const r = await runCli(['claims', datasetPath('bitcoin/cbeci-mining-map/PROVENANCE.md')], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PROVENANCE\.md/);
  });
});

describe('attack calculators through the CLI', () => {
  it('double-spend reproduces the whitepaper (q = 0.1, z = 5 → 0.0009137)', async () => {
    const r = await runCli(['attack', 'double-spend', '--q', '0.1', '--z', '5', '--format', 'json']);
    const j = JSON.parse(r.out) as { q: number; z: number; nakamoto: number; exact: number };
    expect(j.nakamoto).toBeCloseTo(0.0009137, 7);
    expect(j.exact).toBeGreaterThan(j.nakamoto);
  });
});
