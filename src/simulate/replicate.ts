/**
 * @module Run replicate r of a prepared scenario under a seed: the one entry point shared by the
 * in-process runner and the worker threads (so results cannot depend on where a replicate runs).
 */
import { runAiMarket } from './ai-market.js';
import { runIndustry } from './industry-model.js';
import type { PreparedScenario } from './prepare.js';
import { Rng } from '../random/prng.js';
import { runRace } from './race-model.js';
import type { ReplicateResult } from './record.js';

export function runReplicate(p: PreparedScenario, seed: number, replicate: number): ReplicateResult {
  const rng = Rng.forReplicate(seed, replicate);
  switch (p.model) {
    case 'industry':
      return runIndustry(p.inputs, rng);
    case 'ai-market':
      return runAiMarket(p.scenario, rng);
    case 'block-race':
      return runRace(p.scenario, rng);
  }
}
