/**
 * @module Piscina worker: runs one replicate per task (loaded through tsx; see runner.ts).
 */
import type { PreparedScenario } from './prepare.js';
import type { ReplicateResult } from './record.js';
import { runReplicate } from './replicate.js';

export interface ReplicateTask {
  readonly prepared: PreparedScenario;
  readonly seed: number;
  readonly replicate: number;
}

export default function task(t: ReplicateTask): ReplicateResult {
  return runReplicate(t.prepared, t.seed, t.replicate);
}
