/**
 * Bounded simulations over HTTP: a run answers the same summary as the query layer for a seed; the
 * time limit answers 504 (workers terminated); a second simulation while one runs answers 503.
 */
import { describe, expect, it } from 'vitest';
import { querySimulation } from '../../../pipeline/queries/simulate-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
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
