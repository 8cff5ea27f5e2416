/**
 * The robustness figures at small scale (the full scale is `npm run robustness`): the same code,
 * fewer inputs. Every parser meets mutated real inputs with typed errors only; hostile HTTP gets no
 * 5xx; SIGKILLs during ingest lose and duplicate nothing; reorgs leave no trace (and the trace check
 * itself tells two different chains apart).
 */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/sources/attribution-rules/load.js';
import { syncChain } from '../../src/pipeline/sync-chain.js';
import { EsploraSource } from '../../src/sources/bitcoin/esplora.js';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { branch, FakeChain, linkedChain } from '../helpers/fake-chain.js';
import { startFakeEsplora } from '../helpers/fake-esplora.js';
import { fuzzAll } from './fuzz.js';
import { TARGETS } from './fuzz-targets.js';
import { hostileHttp } from './hostile-http.js';
import { killDuringIngest } from './kill-ingest.js';
import { reorgsLeaveNoTrace, snapshot } from './reorgs.js';

describe('robustness, small scale', () => {
  it('mutated inputs to every parser give a result or a typed error', async () => {
    const rows = await fuzzAll({ total: 3000, seed: 7, inThread: true });
    expect(rows.map((r) => r.name)).toEqual(TARGETS.map((t) => t.name));
    for (const r of rows) {
      expect(r.untyped, `${r.name}: ${JSON.stringify(r.examples)}`).toBe(0);
      // The mutations are not all fatal, nor all harmless.
      expect(r.typed, r.name).toBeGreaterThan(0);
    }
    expect(rows.reduce((a, r) => a + r.ok, 0)).toBeGreaterThan(0);
  }, 120_000);

  it('the worker-thread run (with the hang watchdog) agrees with the in-thread run', async () => {
    const only = [TARGETS[0]!.name, TARGETS.at(-1)!.name];
    const a = await fuzzAll({ total: 400, seed: 3, inThread: true, only });
    const b = await fuzzAll({ total: 400, seed: 3, only });
    expect(a).toHaveLength(2);
    expect(b.map((r) => [r.ok, r.typed, r.untyped, r.hangs.length])).toEqual(a.map((r) => [r.ok, r.typed, r.untyped, 0]));
  }, 120_000);

  it('hostile HTTP requests get no 5xx', async () => {
    const r = await hostileHttp({ count: 200, warmup: 40, seed: 5 });
    expect(r.fiveXx).toEqual([]);
    expect((r.byClass['4xx'] ?? 0) + (r.byClass['2xx'] ?? 0)).toBeGreaterThan(120);
  }, 120_000);

  it('SIGKILLs during ingest lose and duplicate no block', async () => {
    const r = await killDuringIngest({ kills: 3, oldRows: 2000, newRows: 6000, seed: 2 });
    expect(r.kills).toBe(3);
    expect([r.blocksLost, r.blocksDuplicated, r.mismatches]).toEqual([0, 0, []]);
  }, 120_000);

  it('reorgs up to the limit leave no trace; one deeper is refused', async () => {
    const r = await reorgsLeaveNoTrace({ depths: [1, 5], limit: 5, length: 12 });
    expect(r.traces).toEqual([]);
    expect(r.deeperThanLimitRefused).toBe(true);
  }, 120_000);

  it('the trace check tells a store on the abandoned branch from one on the winner', async () => {
    const main = linkedChain(8);
    const chain = new FakeChain(main);
    const server = await startFakeEsplora(chain);
    const a = await openDuckDbStore(':memory:');
    const b = await openDuckDbStore(':memory:');
    try {
      const rules = await loadRuleSet('mempool');
      await syncChain(a, new EsploraSource({ url: server.api, retries: 0 }), { ruleSet: rules });
      chain.setBest(branch(main, 5, 3));
      await syncChain(b, new EsploraSource({ url: server.api, retries: 0 }), { ruleSet: rules });
      expect(await snapshot(a)).not.toBe(await snapshot(b));
    } finally {
      await a.close();
      await b.close();
      await server.close();
    }
  });
});
