/**
 * @module In-process tests of `nakamoto energy bitcoin|ai`: JSON / CSV / table output, the
 * assumptions printed, overrides, and clear errors for bad options and bad hardware files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { DecodeError, UsageError } from '../../../domain/errors.js';
import { captureIo } from '../io.js';
import { register } from './energy.js';

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  const io = captureIo({});
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  await program.parseAsync(['node', 'nakamoto', 'energy', ...args]);
  return { out: io.out(), err: io.err() };
}

type Json = { assumptions: { name: string; value: string }[]; rows: Record<string, number | string | null>[]; chinaBan?: Record<string, unknown>[]; verdict?: string };
const json = async (...args: string[]) => JSON.parse((await run(...args, '--format', 'json')).out) as Json;

describe('energy bitcoin', () => {
  it('gives calendar 2021 with ordered bounds and consistent units', async () => {
    const r = await json('bitcoin', '--window', '1y', '--from', '2021-01-01', '--to', '2022-01-01');
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0]!;
    // Blocks with a 2021 timestamp: 52,686 (per-block-pool-attribution PROVENANCE.md, "Blocks per UTC year").
    expect(row.blocks).toBe(52686);
    const [lo, best, hi] = [row.power_lower_gw, row.power_best_gw, row.power_upper_gw] as number[];
    expect(lo! < best! && best! < hi!).toBe(true);
    // Energy = power × 8,766 h: GW × 8.766 = TWh/yr.
    expect(row.energy_best_twh_yr as number).toBeCloseTo(best! * 8.766, 2);
    expect(r.assumptions.find((a) => a.name === 'electricity price')!.value).toBe('0.05 USD/kWh');
    expect(r.assumptions.find((a) => a.name === 'PUE lower/best/upper')!.value).toBe('1.01/1.1/1.2');
  });

  it('follows a one-model hardware file and a fixed hash price exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'energy-'));
    const hw = join(dir, 'one.csv');
    writeFileSync(hw, 'model,manufacturer,release_date,release_basis,hashrate_th,power_w,power_basis,stated_j_per_th,source_kind,source_url,source_note\nT50,Test,2015-01-01,launch,100,5000,stated,50,review,https://example.org,test row\n');
    const r = await json('bitcoin', '--hardware', hw, '--hashprice-usd-th-day', '0.1', '--max-age-years', '0', '--pue', '1.1', '--window', '1m', '--from', '2023-03-01', '--to', '2023-04-01');
    const row = r.rows[0]!;
    // Threshold = 1000 × 0.1 / (24 × 0.05) = 83.33 J/TH ≥ 50: the model is profitable; every bound is 50 J/TH.
    expect(row.threshold_j_th).toBeCloseTo(83.33, 2);
    expect([row.eff_lower_j_th, row.eff_best_j_th, row.eff_upper_j_th]).toEqual([50, 50, 50]);
    // Best power = H × 50 J/TH × 1.1: 1 EH/s = 10⁶ TH/s → GW = EH/s × 0.055.
    expect(row.power_best_gw as number).toBeCloseTo((row.hashrate_ehs as number) * 0.055, 4);
    // Lower and upper differ only by the hash-rate interval.
    expect((row.power_lower_gw as number) / (row.power_best_gw as number)).toBeCloseTo((row.hashrate_lo_ehs as number) / (row.hashrate_ehs as number), 4);
  });

  it('prints every assumption with the table', async () => {
    const { out } = await run('bitcoin', '--window', '1y', '--from', '2024-01-01', '--to', '2025-01-01', '--electricity-price', '0.07');
    expect(out).toContain('# assumption: electricity price = 0.07 USD/kWh');
    expect(out).toContain('# assumption: hardware lifetime = 5 years after release');
    expect(out).toMatch(/^start\s+blocks\s+EH\/s/m);
    expect(out).toMatch(/^2024-01-01\s+53473\s/m);
  });

  it('shows power by country and the 2021 China ban', async () => {
    const r = await json('bitcoin', '--by', 'country');
    expect(r.chinaBan!.map((s) => s.snapshot)).toEqual(['before (Apr 2021)', 'ban (Jul 2021)', 'after (Aug 2021)', 'later (Jan 2022)']);
    expect(r.chinaBan![1]!.china_gw).toBe(0);
    // CBECI: China 46.04 % in April 2021 (cbeci-mining-map PROVENANCE.md).
    expect(r.verdict).toContain('China 46.0% → 0.0%');
    expect(r.rows.filter((x) => x.month === '2021-04')).toHaveLength(10);
  });

  it('rejects bad options and bad hardware files clearly', async () => {
    await expect(run('bitcoin', '--electricity-price', '-0.05')).rejects.toThrow(new UsageError('invalid --electricity-price: -0.05 (expected a number in [0, ∞) USD/kWh)'));
    await expect(run('bitcoin', '--pue', '1.2,1.1,1.0')).rejects.toThrow(/invalid --pue: 1.2,1.1,1.0/);
    await expect(run('bitcoin', '--by', 'planet')).rejects.toThrow(UsageError);
    await expect(run('bitcoin', '--window', '2016b')).rejects.toThrow(/use a time window/);
    const dir = mkdtempSync(join(tmpdir(), 'energy-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'model,manufacturer,release_date,release_basis,hashrate_th,power_w,power_basis,stated_j_per_th,source_kind,source_url,source_note\nT50,Test,2015-01-01,launch,100,,stated,50,review,https://example.org,no power\n');
    const err = await run('bitcoin', '--hardware', bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).message).toBe(`${bad}:2 [power_w]: missing value`);
  });
});

describe('energy ai', () => {
  it('gives power by country per year as CSV, notes on stderr', async () => {
    const { out, err } = await run('ai', '--by', 'country', '--from', '2024-01-01', '--format', 'csv');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('window_start,window_end,snapshot,all_clusters_mw,attributed_mw,entities,hhi,nakamoto_coefficient,top');
    expect(lines[1]).toMatch(/^2024-01-01,2025-01-01,2024-12-31,/);
    expect(err).toContain('estimated from H100e');
    const r = await json('ai', '--by', 'country', '--from', '2025-01-01');
    // The 2025 window reads the 2025-Q3 snapshot; the attributed total leaves out clusters without a country.
    expect(r.rows[0]!.snapshot).toBe('2025-09-30');
    expect(r.rows[0]!.attributed_mw as number).toBeLessThan(r.rows[0]!.all_clusters_mw as number);
    expect(String(r.rows[0]!.top)).toMatch(/^United States of America /);
  });

  it('rejects unknown groupings and levels', async () => {
    await expect(run('ai', '--by', 'planet')).rejects.toThrow(/invalid --by: planet/);
    await expect(run('ai', '--by', 'country', '--level', 'parent')).rejects.toThrow(/invalid --level/);
  });
});
