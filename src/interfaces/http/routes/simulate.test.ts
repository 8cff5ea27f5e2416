/**
 * Bounded simulations over HTTP: a run answers the same summary as the query layer for a seed; the
 * time limit answers 504 (workers terminated); a second simulation while one runs answers 503.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { querySimulation } from '../../../pipeline/queries/simulate-query.js';
import { datasetsRoot, PROJECT_ROOT } from '../../../sources/files/datasets-path.js';
import { createApp } from '../app.js';

const root = datasetsRoot();

describe('GET /api/simulate/<scenario>', () => {
  it('runs the shipped scenario on a worker: same summary as in-thread for the seed; lists scenarios', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const r = await app.inject({ url: '/api/simulate/selfish-mining?runs=2&seed=7' });
      expect(r.statusCode, r.body).toBe(200);
      const body = JSON.parse(r.body) as { runs: number; seed: number; model: string; steps: string[] };
      const direct = await querySimulation({ scenario: 'selfish-mining', runs: 2, seed: 7 }, { store: null, datasetsRoot: root }, { threads: 0 });
      expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
      expect(body.runs).toBe(2);
      const list = JSON.parse((await app.inject({ url: '/api/simulate' })).body) as { scenarios: { name: string }[] };
      expect(list.scenarios.map((s) => s.name)).toContain('selfish-mining');
    } finally {
      await app.close();
    }
  });
  it('answers 504 when the time limit passes, and 503 with Retry-After while the only slot is taken', async () => {
    const app = await createApp({ store: null, datasetsRoot: root, limits: { simulationTimeoutMs: 300 } });
    try {
      const first = app.inject({ url: '/api/simulate/baseline-2020?runs=8' });
      await new Promise((r) => setTimeout(r, 50));
      const second = await app.inject({ url: '/api/simulate/selfish-mining?runs=1' });
      expect(second.statusCode).toBe(503);
      expect(second.headers['retry-after']).toBe('1');
      expect(JSON.parse(second.body).error.message).toMatch(/^busy: 1 simulation\(s\) running \(limit 1\)/);
      const r = await first;
      expect(r.statusCode).toBe(504);
      expect(JSON.parse(r.body).error.message).toMatch(/ran past the time limit of 0.3 s/);
      // The slot is free again afterwards.
      const third = await app.inject({ url: '/api/simulate/nope' });
      expect(third.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
  it('an aborted query terminates its workers and rejects with the reason', async () => {
    const controller = new AbortController();
    const run = querySimulation({ scenario: 'baseline-2020', runs: 4 }, { store: null, datasetsRoot: root }, { threads: 1, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(run).rejects.toThrow('stop');
  });
});

describe('GET /api/simulate/<scenario> with set=path=value', () => {
  it('runs the changed scenario: the selfish revenue share follows Eyal–Sirer for the γ given; overrides in provenance and ETag', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const r = await app.inject({ url: '/api/simulate/selfish-mining?runs=2&seed=3&set=blocks=20000&set=gamma01=1' });
      expect(r.statusCode, r.body).toBe(200);
      const body = JSON.parse(r.body) as { provenance: { overrides: Record<string, unknown> }; shares: { revenue: { selfish: { mean: number[] } } } };
      expect(body.provenance.overrides).toEqual({ blocks: 20000, gamma01: 1 });
      // Eyal & Sirer (2014), eq. (8): R = [α(1−α)²(4α+γ(1−2α)) − α³] / [1 − α(1+(2−α)α)];
      // α = 1/3, γ = 1 by hand: (17/81) / (13/27) = 17/39 ≈ 0.436 (γ = 0.5 in the file would give 5/13 ≈ 0.385).
      expect(body.shares.revenue.selfish.mean[0]).toBeCloseTo(17 / 39, 1);
      expect(Math.abs(body.shares.revenue.selfish.mean[0]! - 17 / 39)).toBeLessThan(0.012);
      const other = await app.inject({ url: '/api/simulate/selfish-mining?runs=2&seed=3&set=blocks=20000,gamma01=0' });
      expect(other.statusCode).toBe(200);
      expect(other.headers.etag).not.toBe(r.headers.etag);
      // γ = 0 at α = 1/3 is the break-even point: (13/81) / (13/27) = 1/3.
      expect(Math.abs((JSON.parse(other.body) as typeof body).shares.revenue.selfish.mean[0]! - 1 / 3)).toBeLessThan(0.012);
    } finally {
      await app.close();
    }
  });
  it('answers 400 with the schema message for an unknown path, an out-of-range value or a malformed item', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const cases: [string, RegExp][] = [
        ['economics.electricityUsdKwh=0.07', /^invalid parameter path: economics\.electricityUsdKwh \(no key economics\)$/],
        ['gamma01=2', /^set gamma01=2: invalid scenario: gamma01: Too big: expected number to be <=1$/],
        ['blocks=1.5', /^set blocks=1\.5: invalid scenario: blocks: .*int/i],
        ['gamma01', /^invalid set: gamma01 \(expected path=value/],
        ['gamma01=0.1,gamma01=0.2', /^invalid set: gamma01 given more than once$/],
      ];
      for (const [set, message] of cases) {
        const r = await app.inject({ url: `/api/simulate/selfish-mining?runs=1&set=${encodeURIComponent(set)}` });
        expect(r.statusCode, set).toBe(400);
        expect(JSON.parse(r.body).error.message, set).toMatch(message);
      }
    } finally {
      await app.close();
    }
  });
  it('lists the numeric parameters with the values in the scenario file and the schema bounds; 404 for an unknown scenario', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const r = await app.inject({ url: '/api/simulate/china-ban-2021/parameters' });
      expect(r.statusCode, r.body).toBe(200);
      const body = JSON.parse(r.body) as { parameters: { path: string; value: number; min?: number; max?: number; integer: boolean; unit?: string }[] };
      const file = parse(readFileSync(join(PROJECT_ROOT, 'scenarios/china-ban-2021.yaml'), 'utf8')) as { economics: { reinvest01: number }; miners: { count: number }; initialHashrateEhs: number };
      const byPath = new Map(body.parameters.map((p) => [p.path, p]));
      expect(byPath.get('economics.reinvest01')).toMatchObject({ value: file.economics.reinvest01, min: 0, max: 1, unit: 'fraction' });
      expect(byPath.get('miners.count')).toMatchObject({ value: file.miners.count, integer: true, min: 1, max: 200_000 });
      expect(byPath.get('initialHashrateEhs')).toMatchObject({ value: file.initialHashrateEhs, unit: 'EH/s' });
      // List elements (regions.*, pools.*) are not offered.
      expect(body.parameters.some((p) => p.path.startsWith('regions') || p.path.startsWith('pools'))).toBe(false);
      expect((await app.inject({ url: '/api/simulate/nope/parameters' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
