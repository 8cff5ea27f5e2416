/**
 * @module Run N seeded replicates of a scenario, in-process (threads = 0) or on a piscina pool of
 * worker threads, with a progress callback. Replicate r always uses Rng.forReplicate(seed, r), and
 * results are stored by replicate index, so the summary is identical whatever the thread count.
 * Under tsx the workers are TypeScript: they load through tsx (`--import tsx` is added to their
 * execArgv when the parent did not start with it, e.g. under vitest or `bin/nakamoto.js`); from a
 * compiled build they load `worker.js` directly.
 *
 * Worker threads that load through tsx each start an esbuild child process that is never reaped when
 * the thread ends (a zombie per thread). A long-running process (the HTTP server) therefore runs its
 * simulations on one shared pool per thread count (`sharedExecutor`), created once and kept: the
 * number of threads ever started is the pool size, plus one per task cancelled by its signal
 * (cancelling terminates the thread running it).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { fromTransferable } from '../domain/error-transfer.js';
import { UsageError } from '../domain/errors.js';
import { prepareScenario, type PreparedScenario, type ScenarioInputs } from './prepare.js';
import type { ReplicateResult } from './record.js';
import { runReplicate } from './replicate.js';
import type { Scenario } from './scenario-schema.js';
import { summarize, type Summary } from './summary.js';
import type { ReplicateTask, WorkerAnswer } from './worker.js';

export interface RunOptions {
  readonly runs: number;
  readonly seed: number;
  /** 0 = in this thread; n ≥ 1 = a pool of n worker threads. Default 0. */
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Real data for mining scenarios (sources/datasets/simulation-inputs.ts: datasetScenarioInputs). */
  readonly inputs?: ScenarioInputs;
  /** Abort = stop: pending and running replicates reject with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface RunResult {
  readonly summary: Summary;
  readonly replicates: readonly ReplicateResult[];
}

/** Where replicates run: in this thread or on a worker pool. */
export interface Executor {
  /** An aborted `signal` rejects the task (on a pool, the thread running it is terminated). */
  run(task: ReplicateTask, signal?: AbortSignal): Promise<ReplicateResult>;
  close(): Promise<void>;
}

// Compiled (dist/*.js, the `nakamoto` bin) the worker is plain JavaScript; from the sources it is TypeScript.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_FILE = fileURLToPath(new URL(COMPILED ? './worker.js' : './worker.ts', import.meta.url));
/** tsx's loader by absolute URL: a bare `--import tsx` resolves from the working directory, which may be anywhere. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function checkThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 0 || threads > 256) throw new UsageError(`invalid threads: ${threads} (expected a whole number 0–256)`);
}

const inThread: Executor = {
  run: (t, signal) => {
    signal?.throwIfAborted();
    return Promise.resolve(runReplicate(t.prepared, t.seed, t.replicate));
  },
  close: () => Promise.resolve(),
};

/**
 * The parent's module-loading flags (--import, --require, --loader, --conditions), plus tsx when the
 * worker is TypeScript. Only these: worker threads refuse process-wide flags such as --expose-gc or
 * --max-old-space-size (ERR_WORKER_INVALID_EXEC_ARGV), which made every simulation fail.
 */
export function workerExecArgv(parent: readonly string[] = process.execArgv, needsTsx = !COMPILED): string[] {
  const keep = /^(--import|--require|-r|--loader|--experimental-loader|--conditions|-C)$/;
  const out: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const a = parent[i]!;
    const flag = a.split('=')[0]!;
    if (!keep.test(flag)) continue;
    if (a.includes('=')) out.push(a);
    else if (i + 1 < parent.length) out.push(a, parent[++i]!);
  }
  if (needsTsx && !out.some((a) => a.includes('tsx'))) out.push('--import', TSX_LOADER);
  return out;
}

function newPool(threads: number): Piscina {
  return new Piscina({ filename: WORKER_FILE, minThreads: threads, maxThreads: threads, execArgv: workerExecArgv() });
}

function poolRun(pool: Piscina, t: ReplicateTask, signal?: AbortSignal): Promise<ReplicateResult> {
  return (pool.run(t, signal ? { signal } : {}) as Promise<WorkerAnswer>).then(
    (a) => {
      if ('error' in a) throw fromTransferable(a.error);
      return a.result;
    },
    (e: unknown) => {
      // Piscina rejects an aborted task with its own AbortError; answer the signal's reason instead.
      if (signal?.aborted) throw signal.reason;
      throw e;
    },
  );
}

/** A pool of its own, destroyed by close() (one-shot commands: the CLI). */
export function createExecutor(threads: number): Executor {
  checkThreads(threads);
  if (threads === 0) return inThread;
  const pool = newPool(threads);
  return { run: (t, signal) => poolRun(pool, t, signal), close: () => pool.destroy() };
}

const shared = new Map<number, Piscina>();

/** The process's shared pool of `threads` workers, created on first use and kept (close() is a no-op). */
export function sharedExecutor(threads: number): Executor {
  checkThreads(threads);
  if (threads === 0) return inThread;
  let pool = shared.get(threads);
  if (!pool) shared.set(threads, (pool = newPool(threads)));
  const p = pool;
  return { run: (t, signal) => poolRun(p, t, signal), close: () => Promise.resolve() };
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
      const r = await executor.run({ prepared, seed: o.seed, replicate }, o.signal);
      o.onProgress?.(++done, o.runs);
      return r;
    }),
  );
  return { summary: summarize(replicates), replicates };
}

/** Run `runs` replicates of a validated scenario and summarise them. */
export async function runScenario(scenario: Scenario, o: RunOptions): Promise<RunResult> {
  checkRunOptions(o);
  const prepared = await prepareScenario(scenario, o.inputs);
  const executor = createExecutor(o.threads ?? 0);
  try {
    return await runPrepared(prepared, o, executor);
  } finally {
    await executor.close();
  }
}
