/**
 * @module Simulation queries behind `GET /api/simulate` and `GET /api/simulate/<scenario>`: the
 * shipped scenarios, and N seeded replicates of one of them summarised per step (mean and 5–95 %
 * band). Only shipped scenario names are accepted (no file paths). Runs can be bounded and
 * cancelled: an aborted signal terminates the worker threads.
 */
import { createExecutor, runPrepared } from '../../simulate/runner.js';
import { summaryJson } from '../../simulate/output-rows.js';
import { prepareScenario } from '../../simulate/prepare.js';
import { libraryNames, loadScenario } from '../../simulate/scenario-load.js';
import { NotFoundError } from '../../domain/errors.js';
import type { QueryContext } from './context.js';
import { parseNumberParam } from './query-params.js';

export interface ScenarioInfo {
  readonly name: string;
  readonly model: string;
  readonly description: string;
}

export async function queryScenarios(): Promise<ScenarioInfo[]> {
  const out: ScenarioInfo[] = [];
  for (const name of libraryNames()) {
    const s = await loadScenario(name);
    out.push({ name, model: s.model, description: s.description });
  }
  return out;
}

export interface SimulationRequest {
  readonly scenario: string;
  readonly runs?: string | number;
  readonly seed?: string | number;
}

export interface SimulationLimits {
  /** Most replicates per request (default 100,000). */
  readonly maxRuns?: number;
  /** Worker threads (0 = this thread, which cannot be interrupted). Default 1. */
  readonly threads?: number;
  /** Abort = stop: the workers are terminated and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface SimulationResult {
  readonly scenario: string;
  readonly model: string;
  readonly description: string;
  readonly seed: number;
  readonly runs: number;
  readonly steps: readonly string[];
  readonly metrics: unknown;
  readonly shares: unknown;
  readonly series: unknown;
}

export async function querySimulation(r: SimulationRequest, ctx: QueryContext, limits: SimulationLimits = {}): Promise<SimulationResult> {
  const shipped = libraryNames();
  if (!shipped.includes(r.scenario)) throw new NotFoundError(`unknown scenario: ${r.scenario} (shipped: ${shipped.join(', ')})`);
  const runs = parseNumberParam('runs', r.runs ?? Math.min(8, limits.maxRuns ?? 8), { min: 1, max: limits.maxRuns ?? 100_000, integer: true });
  const seed = parseNumberParam('seed', r.seed ?? 1, { min: 0, integer: true });
  const scenario = await loadScenario(r.scenario);
  const prepared = await prepareScenario(scenario, { NAKAMOTO_DATASETS: ctx.datasetsRoot });
  const signal = limits.signal;
  signal?.throwIfAborted();
  const executor = createExecutor(Math.min(runs, limits.threads ?? 1));
  const run = runPrepared(prepared, { runs, seed }, executor);
  run.catch(() => undefined); // after an abort the pool's rejection is expected and ignored
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([run, aborted]);
    return { scenario: scenario.name, model: scenario.model, description: scenario.description, seed, ...(summaryJson(result.summary) as Omit<SimulationResult, 'scenario' | 'model' | 'description' | 'seed'>) };
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await executor.close();
  }
}
