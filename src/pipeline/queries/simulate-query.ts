/**
 * @module Simulation queries behind `GET /api/simulate` and `GET /api/simulate/<scenario>`: the
 * shipped scenarios, and N seeded replicates of one of them summarised per step (mean and 5–95 %
 * band). Only shipped scenario names are accepted (no file paths). Runs can be bounded and
 * cancelled: an aborted signal terminates the worker threads running its replicates. Runs share the
 * process's worker pool (see simulate/runner.ts: a pool per request left a zombie process per request).
 */
import { runPrepared, sharedExecutor } from '../../simulate/runner.js';
import { summaryJson } from '../../simulate/output-rows.js';
import { prepareScenario } from '../../simulate/prepare.js';
import { datasetScenarioInputs } from '../../sources/datasets/simulation-inputs.js';
import { validateScenario } from '../../simulate/scenario-load.js';
import { libraryNames, loadScenario } from '../../sources/scenarios/scenario-files.js';
import type { Scenario } from '../../simulate/scenario-schema.js';
import { parseParamValue, setPath, type ParamValue } from '../../simulate/sweep.js';
import { NotFoundError, UsageError } from '../../domain/errors.js';
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
  /** Parameter overrides `path=value` (the sweep's paths), comma separated and/or repeated. */
  readonly set?: string | readonly string[];
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
  /** What was run: the shipped file and the parameter overrides applied to it (empty: none). */
  readonly provenance: { readonly scenarioFile: string; readonly overrides: Readonly<Record<string, ParamValue>> };
  readonly steps: readonly string[];
  readonly metrics: unknown;
  readonly shares: unknown;
  readonly series: unknown;
}

/** `a.b=1,c=2` (and/or repeated) → ordered overrides; UsageError naming a malformed or repeated one. */
export function parseOverrides(set: string | readonly string[] | undefined): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const items = (typeof set === 'string' ? [set] : (set ?? [])).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  for (const item of items) {
    const eq = item.indexOf('=');
    const path = item.slice(0, Math.max(eq, 0)).trim();
    const value = item.slice(eq + 1).trim();
    if (eq <= 0 || !/^[A-Za-z0-9_.-]+$/.test(path) || value === '') throw new UsageError(`invalid set: ${item} (expected path=value, e.g. economics.reinvest01=0.5)`);
    if (path in out) throw new UsageError(`invalid set: ${path} given more than once`);
    out[path] = parseParamValue(value);
  }
  return out;
}

/** The scenario with the overrides applied, re-validated by the scenario schema (UsageError naming the key). */
export function applyOverrides(scenario: Scenario, overrides: Readonly<Record<string, ParamValue>>): Scenario {
  const entries = Object.entries(overrides);
  if (entries.length === 0) return scenario;
  let s: unknown = scenario;
  for (const [path, v] of entries) s = setPath(s, path, v);
  return validateScenario(s, `set ${entries.map(([k, v]) => `${k}=${String(v)}`).join(',')}`);
}

/** NotFoundError unless `name` is a shipped scenario (checked before any limit, so a typo is a 404 even when busy). */
export function checkScenarioName(name: string): void {
  const shipped = libraryNames();
  if (!shipped.includes(name)) throw new NotFoundError(`unknown scenario: ${name} (shipped: ${shipped.join(', ')})`);
}

export async function querySimulation(r: SimulationRequest, ctx: QueryContext, limits: SimulationLimits = {}): Promise<SimulationResult> {
  checkScenarioName(r.scenario);
  const runs = parseNumberParam('runs', r.runs ?? Math.min(8, limits.maxRuns ?? 8), { min: 1, max: limits.maxRuns ?? 100_000, integer: true });
  const seed = parseNumberParam('seed', r.seed ?? 1, { min: 0, integer: true });
  const overrides = parseOverrides(r.set);
  const scenario = applyOverrides(await loadScenario(r.scenario), overrides);
  const prepared = await prepareScenario(scenario, datasetScenarioInputs({ NAKAMOTO_DATASETS: ctx.datasetsRoot }));
  const signal = limits.signal;
  signal?.throwIfAborted();
  const executor = sharedExecutor(limits.threads ?? 1);
  const run = runPrepared(prepared, { runs, seed, ...(signal ? { signal } : {}) }, executor);
  run.catch(() => undefined); // after an abort the pool's rejection is expected and ignored
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([run, aborted]);
    const provenance = { scenarioFile: `scenarios/${r.scenario}.yaml`, overrides };
    return { scenario: scenario.name, model: scenario.model, description: scenario.description, seed, provenance, ...(summaryJson(result.summary) as Omit<SimulationResult, 'scenario' | 'model' | 'description' | 'seed' | 'provenance'>) };
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
