/**
 * @module Run N seeded replicates of a scenario, in-process (threads = 0) or on a piscina pool of
 * worker threads, with a progress callback. Replicate r always uses Rng.forReplicate(seed, r), and
 * results are stored by replicate index, so the summary is identical whatever the thread count.
 * From the sources, workers are TypeScript: they load through tsx (`--import tsx` is added to their
 * execArgv when the parent did not start with it, e.g. under vitest). From the build (dist/, the
 * `nakamoto` bin) they are plain JavaScript and start without tsx.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { UsageError } from '../domain/errors.js';
import { prepareScenario, type PreparedScenario } from './prepare.js';
import type { ReplicateResult } from './record.js';
import { runReplicate } from './replicate.js';
import type { Scenario } from './scenario-schema.js';
import { summarize, type Summary } from './summary.js';
import type { ReplicateTask } from './worker.js';

export interface RunOptions {
  readonly runs: number;
  readonly seed: number;
  /** 0 = in this thread; n ≥ 1 = a pool of n worker threads. Default 0. */
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface RunResult {
  readonly summary: Summary;
  readonly replicates: readonly ReplicateResult[];
}

/** Where replicates run: in this thread or on a worker pool. */
export interface Executor {
  run(task: ReplicateTask): Promise<ReplicateResult>;
  close(): Promise<void>;
}

// Compiled (dist/*.js, the `nakamoto` bin) the worker is plain JavaScript; from the sources it is TypeScript.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_FILE = fileURLToPath(new URL(COMPILED ? './worker.js' : './worker.ts', import.meta.url));
/** tsx's loader by absolute URL: a bare `--import tsx` resolves from the working directory, which may be anywhere. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export function createExecutor(threads: number): Executor {
  if (!Number.isInteger(threads) || threads < 0 || threads > 256) throw new UsageError(`invalid threads: ${threads} (expected a whole number 0–256)`);
  if (threads === 0) return { run: (t) => Promise.resolve(runReplicate(t.prepared, t.seed, t.replicate)), close: () => Promise.resolve() };
  const hasTsx = process.execArgv.some((a) => a.includes('tsx'));
  const pool = new Piscina({
    filename: WORKER_FILE,
    minThreads: threads,
    maxThreads: threads,
    execArgv: COMPILED || hasTsx ? process.execArgv : [...process.execArgv, '--import', TSX_LOADER],
  });
  return { run: (t) => pool.run(t) as Promise<ReplicateResult>, close: () => pool.destroy() };
}

export function checkRunOptions(o: RunOptions): void {
  if (!Number.isInteger(o.runs) || o.runs < 1 || o.runs > 100_000) throw new UsageError(`invalid runs: ${o.runs} (expected a whole number 1–100000)`);
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) throw new UsageError(`invalid seed: ${o.seed} (expected a whole number ≥ 0)`);
}

/** Run prepared replicates on an executor; results in replicate order. */
export async function runPrepared(prepared: PreparedScenario, o: RunOptions, executor: Executor): Promise<RunResult> {
  checkRunOptions(o);
  let done = 0;
  o.onProgress?.(0, o.runs);
  const replicates = await Promise.all(
    Array.from({ length: o.runs }, async (_, replicate) => {
      const r = await executor.run({ prepared, seed: o.seed, replicate });
      o.onProgress?.(++done, o.runs);
      return r;
    }),
  );
  return { summary: summarize(replicates), replicates };
}

/** Run `runs` replicates of a validated scenario and summarise them. */
export async function runScenario(scenario: Scenario, o: RunOptions): Promise<RunResult> {
  checkRunOptions(o);
  const prepared = await prepareScenario(scenario, o.env);
  const executor = createExecutor(o.threads ?? 0);
  try {
    return await runPrepared(prepared, o, executor);
  } finally {
    await executor.close();
  }
}
