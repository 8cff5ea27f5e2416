/**
 * @module Simulation speed: blocks per second of the two-party block race (honest with delays, and
 * Eyal–Sirer selfish) on 1 and 2 worker threads, and days per second of the mining-industry model
 * with 10,000 miners over ten years. Targets (issue #6): ≥ 10 M blocks/s per core; the ten-year
 * 10,000-miner run in < 5 s.
 */
import { prepareScenario } from '../src/simulate/prepare.js';
import { datasetScenarioInputs } from '../src/sources/datasets/simulation-inputs.js';
import { createExecutor, runPrepared } from '../src/simulate/runner.js';
import { validateScenario } from '../src/simulate/scenario-load.js';
import { loadScenario } from '../src/sources/scenarios/scenario-files.js';
import type { Scenario } from '../src/simulate/scenario-schema.js';
import { setPath } from '../src/simulate/sweep.js';

function twoParty(selfish: boolean, blocks: number): Scenario {
  return validateScenario(
    {
      name: selfish ? 'bench-selfish' : 'bench-honest',
      description: 'benchmark race',
      model: 'block-race',
      blocks,
      gamma01: 0.5,
      parties: [
        { name: 'a', share01: 0.3, delaySec: 2, strategy: selfish ? 'selfish' : 'honest' },
        { name: 'b', share01: 0.7, delaySec: 2 },
      ],
      metrics: ['hhi'],
    },
    'bench',
  );
}

async function raceRate(s: Scenario, threads: number, runs: number): Promise<number> {
  const prepared = await prepareScenario(s);
  const ex = createExecutor(threads);
  try {
    await runPrepared(prepared, { runs: Math.max(1, threads), seed: 1000 }, ex); // warm-up (thread start, JIT)
    const t0 = performance.now();
    await runPrepared(prepared, { runs, seed: 1 }, ex);
    const sec = (performance.now() - t0) / 1000;
    return (runs * (s.model === 'block-race' ? s.blocks : 0)) / sec;
  } finally {
    await ex.close();
  }
}

export async function run(log: (line: string) => void): Promise<void> {
  const blocks = 10_000_000;
  for (const selfish of [false, true]) {
    const s = twoParty(selfish, blocks);
    for (const threads of [1, 2]) {
      const rate = await raceRate(s, threads, 2 * threads);
      log(`block race, two parties, ${selfish ? 'selfish (Eyal–Sirer)' : 'honest, 2 s delays'}: ${threads} worker(s): ${(rate / 1e6).toFixed(1)} M blocks/s (${(rate / threads / 1e6).toFixed(1)} M/s per worker; target ≥ 10 M/s per core)`);
    }
  }
  let s: unknown = await loadScenario('baseline-2020');
  s = setPath(s, 'miners.count', 10_000);
  s = setPath(s, 'end', '2029-12-31');
  const industry = validateScenario(s, 'bench industry');
  const prepared = await prepareScenario(industry, datasetScenarioInputs());
  const ex = createExecutor(0);
  const t0 = performance.now();
  const res = await runPrepared(prepared, { runs: 1, seed: 1 }, ex);
  const sec = (performance.now() - t0) / 1000;
  const days = 3653;
  const miners = res.summary.series['miners-active']!.mean;
  log(`industry model, 10,000 miners, 2020-01-01 → 2029-12-31 (${days} days, weekly metrics): ${sec.toFixed(2)} s, ${(days / sec).toFixed(0)} days/s (target < 5 s); miners at the end: ${miners[miners.length - 1]}`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) await run((l) => console.log(l));
