/**
 * @module Piscina worker: runs one replicate per task (loaded through tsx; see runner.ts). A typed
 * error is returned as data (structured cloning would drop its class) and rethrown typed by the runner.
 */
import { toTransferable, type TransferableError } from '../domain/error-transfer.js';
import type { PreparedScenario } from './prepare.js';
import type { ReplicateResult } from './record.js';
import { runReplicate } from './replicate.js';

export interface ReplicateTask {
  readonly prepared: PreparedScenario;
  readonly seed: number;
  readonly replicate: number;
}

export type WorkerAnswer = { readonly result: ReplicateResult } | { readonly error: TransferableError };

export default function task(t: ReplicateTask): WorkerAnswer {
  try {
    return { result: runReplicate(t.prepared, t.seed, t.replicate) };
  } catch (e) {
    return { error: toTransferable(e) };
  }
}
