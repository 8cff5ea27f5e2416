/**
 * @module In-process tests of `nakamoto simulate …`: list, a run in JSON / CSV / table, a sweep,
 * a scenario file given by path, and UsageErrors for bad options.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { selfishRevenue } from '../../../simulate/race-analytic.js';
import { captureIo } from '../io.js';
import { parseParams, register } from './simulate.js';

async function run(args: string[], cwd = process.cwd()): Promise<{ out: string; err: string }> {
  const io = captureIo({}, cwd);
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  await program.parseAsync(['node', 'nakamoto', 'simulate', ...args]);
  return { out: io.out(), err: io.err() };
}

const RACE = `name: tiny-race
description: a small selfish-mining race for CLI tests
model: block-race
blocks: 300000
gamma01: 0.5
parties:
  - { name: s, share01: 0.3, strategy: selfish }
  - { name: h, share01: 0.7 }
metrics: [hhi, max-share]
`;

describe('simulate', () => {
  it('list shows every shipped scenario with its model and description', async () => {
    const { out } = await run(['list', '--format', 'csv']);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('name,model,description');
    expect(out).toMatch(/^china-ban-2021,industry,/m);
    expect(out).toMatch(/^capped-rewards,ai-market,/m);
    expect(lines.length).toBeGreaterThanOrEqual(8);
  });

  it('runs a scenario file given by path and prints JSON close to the closed form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nakamoto-sim-'));
    writeFileSync(join(dir, 'race.yaml'), RACE);
    const { out } = await run(['race.yaml', '--runs', '4', '--seed', '3', '--threads', '0', '--format', 'json'], dir);
    const json = JSON.parse(out) as { scenario: string; runs: number; steps: string[]; shares: { revenue: { s: { mean: number[]; p05: number[]; p95: number[] } } } };
    expect(json.scenario).toBe('tiny-race');
    expect(json.runs).toBe(4);
    expect(json.steps).toEqual(['final']);
    const b = json.shares.revenue.s;
    expect(b.p05[0]!).toBeLessThanOrEqual(b.mean[0]!);
    expect(b.mean[0]!).toBeLessThanOrEqual(b.p95[0]!);
    expect(Math.abs(b.mean[0]! - selfishRevenue(0.3, 0.5))).toBeLessThan(0.01); // R(0.3, 0.5) ≈ 0.353
  });

  it('prints a table with a header and CSV rows with step/kind/distribution/name/mean/p05/p95', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nakamoto-sim-'));
    writeFileSync(join(dir, 'race.yaml'), RACE);
    const table = await run(['race.yaml', '--runs', '2', '--threads', '0'], dir);
    expect(table.out).toMatch(/^# tiny-race \(block-race\)/);
    expect(table.out).toMatch(/final\s+metric\s+revenue\s+hhi/);
    const csv = await run(['race.yaml', '--runs', '2', '--threads', '0', '--format', 'csv'], dir);
    expect(csv.out.split('\n')[0]).toBe('step,kind,distribution,name,mean,p05,p95');
    expect(csv.err).toMatch(/^# tiny-race/);
  });

  it('sweeps a parameter grid and prints one row per point and metric', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nakamoto-sim-'));
    writeFileSync(join(dir, 'race.yaml'), RACE);
    const { out } = await run(['sweep', 'race.yaml', '--param', 'gamma01=0,1', '--runs', '2', '--threads', '0', '--format', 'csv'], dir);
    const rows = out.trim().split('\n');
    expect(rows[0]).toBe('gamma01,step,distribution,metric,mean,p05,p95');
    expect(rows.filter((r) => r.startsWith('0,final,revenue,max-share')).length).toBe(1);
    expect(rows.filter((r) => r.startsWith('1,final,revenue,max-share')).length).toBe(1);
  });

  it('bad options are UsageErrors naming the option', async () => {
    await expect(run(['selfish-mining', '--runs', '0'])).rejects.toThrow(/invalid --runs: 0/);
    await expect(run(['selfish-mining', '--seed', 'x'])).rejects.toThrow(/invalid --seed: x/);
    await expect(run(['selfish-mining', '--format', 'xml'])).rejects.toThrow(/invalid format: xml/);
    await expect(run(['nope'])).rejects.toThrow(/unknown scenario: nope/);
    expect(() => parseParams(['gamma01'])).toThrow(/invalid --param: gamma01/);
    expect(() => parseParams([])).toThrow(/at least one --param/);
  });
});
