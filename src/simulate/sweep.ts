/**
 * @module Parameter sweeps: run a scenario over the Cartesian product of parameter values, each
 * point re-validated by the scenario schema (so an out-of-range value names its key). Paths are dot
 * separated; an array element is addressed by index or by its `name` (`regions.China.electricityUsdPerKwh`).
 */
import { UsageError } from '../domain/errors.js';
import { prepareScenario, type PreparedScenario } from './prepare.js';
import type { ReplicateResult } from './record.js';
import { checkRunOptions, createExecutor, runPrepared, type Executor, type RunOptions } from './runner.js';
import type { Scenario } from './scenario-schema.js';
import { validateScenario } from './scenario-load.js';
import type { Summary } from './summary.js';

export type ParamValue = number | string | boolean;

export interface SweepPoint {
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly summary: Summary;
}

/** Copy of `obj` with the value at `path` replaced; the path must already exist. */
export function setPath(obj: unknown, path: string, value: ParamValue): unknown {
  const keys = path.split('.');
  const root: unknown = structuredClone(obj);
  let node: unknown = root;
  keys.forEach((key, depth) => {
    const where = keys.slice(0, depth + 1).join('.');
    if (node === null || typeof node !== 'object') throw new UsageError(`invalid parameter path: ${path} (${keys.slice(0, depth).join('.')} is not an object or list)`);
    let k: string | number = key;
    if (Array.isArray(node)) {
      const byName = node.findIndex((e: unknown) => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === key);
      k = /^\d+$/.test(key) ? Number(key) : byName;
      if (k < 0 || k >= node.length) throw new UsageError(`invalid parameter path: ${path} (no element ${JSON.stringify(key)} at ${where})`);
    } else if (!(key in (node as object))) throw new UsageError(`invalid parameter path: ${path} (no key ${where})`);
    if (depth === keys.length - 1) (node as Record<string | number, unknown>)[k] = value;
    else node = (node as Record<string | number, unknown>)[k];
  });
  return root;
}

/** Text from the command line → number, boolean or string. */
export function parseParamValue(text: string): ParamValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

/** Every combination of the parameter values, first parameter varying slowest. */
export function grid(params: Readonly<Record<string, readonly ParamValue[]>>): Record<string, ParamValue>[] {
  let out: Record<string, ParamValue>[] = [{}];
  for (const [path, values] of Object.entries(params)) {
    if (values.length === 0) throw new UsageError(`invalid sweep: no values for ${path}`);
    out = out.flatMap((p) => values.map((v) => ({ ...p, [path]: v })));
  }
  return out;
}

/** The grid's points and, for each, the scenario with its values set and re-validated. */
export function sweepScenarios(scenario: Scenario, params: Readonly<Record<string, readonly ParamValue[]>>): { points: Record<string, ParamValue>[]; scenarios: Scenario[] } {
  const points = grid(params);
  const scenarios = points.map((p) => {
    let s: unknown = scenario;
    for (const [path, v] of Object.entries(p)) s = setPath(s, path, v);
    const label = Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    return validateScenario(s, `sweep point ${label}`);
  });
  return { points, scenarios };
}

/** One unit of distributed work: replicates [from, to) of one sweep point. */
export interface ReplicateBlock {
  readonly point: number;
  readonly from: number;
  readonly to: number;
}

/** Split `points` × `runs` replicates into blocks of at most `blockSize`, point by point. */
export function replicateBlocks(points: number, runs: number, blockSize: number): ReplicateBlock[] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new UsageError(`invalid block size: ${blockSize} (expected a whole number ≥ 1)`);
  const out: ReplicateBlock[] = [];
  for (let point = 0; point < points; point++) {
    for (let from = 0; from < runs; from += blockSize) out.push({ point, from, to: Math.min(runs, from + blockSize) });
  }
  return out;
}

/** Replicates [from, to) of a prepared scenario on an executor, in replicate order (same streams as runPrepared). */
export function runBlock(prepared: PreparedScenario, seed: number, from: number, to: number, executor: Executor): Promise<ReplicateResult[]> {
  return Promise.all(Array.from({ length: to - from }, (_, i) => executor.run({ prepared, seed, replicate: from + i })));
}

export async function sweep(scenario: Scenario, params: Readonly<Record<string, readonly ParamValue[]>>, o: RunOptions): Promise<SweepPoint[]> {
  checkRunOptions(o);
  const { points, scenarios } = sweepScenarios(scenario, params);
  const executor = createExecutor(o.threads ?? 0);
  const total = points.length * o.runs;
  let before = 0;
  try {
    const out: SweepPoint[] = [];
    for (let i = 0; i < points.length; i++) {
      const prepared = await prepareScenario(scenarios[i]!, o.inputs);
      const run = await runPrepared(prepared, { ...o, onProgress: (d) => o.onProgress?.(before + d, total) }, executor);
      before += o.runs;
      out.push({ params: points[i]!, summary: run.summary });
    }
    return out;
  } finally {
    await executor.close();
  }
}
