/**
 * The fuzz figure: `total` mutated inputs spread over every parser (TARGETS, by weight), each parsed
 * in a worker thread watched for hangs (no progress for `hangMs` = a hang: the worker is terminated,
 * the input recorded, and the run resumes after it). Outcome per input: parsed, typed error
 * (AppError), or untyped exception (anything else: a defect). Reproducible from (seed, target, index).
 */
import { Worker } from 'node:worker_threads';
import { TARGETS, type Group } from './fuzz-targets.js';
import { classify, type FuzzJob, type FuzzReport } from './fuzz-outcome.js';
import { rngFor } from './mutate.js';

// Worker threads do not get tsx's loader from --import here: a two-line bootstrap registers it, then loads the worker.
const WORKER_URL = new URL('./fuzz-worker.ts', import.meta.url).href;
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

export interface TargetResult {
  readonly name: string;
  readonly group: Group;
  readonly inputs: number;
  readonly ok: number;
  readonly typed: number;
  readonly untyped: number;
  readonly hangs: readonly number[];
  readonly examples: readonly { index: number; error: string }[];
  readonly maxMs: number;
  readonly seconds: number;
}

export interface FuzzOptions {
  readonly total: number;
  readonly seed?: number;
  readonly hangMs?: number;
  /** Parse in this thread (no hang watchdog: for the small run inside the test suite). */
  readonly inThread?: boolean;
  /** Only the targets with these names (default: all). */
  readonly only?: readonly string[];
  readonly onTarget?: (r: TargetResult) => void;
}

function runJob(target: number, seed: number, from: number, to: number, hangMs: number): Promise<{ report: FuzzReport | null; stalledAt: number }> {
  const progress = new SharedArrayBuffer(4);
  const counter = new Int32Array(progress);
  const worker = new Worker(BOOT, { eval: true, workerData: { target, seed, from, to, progress } satisfies FuzzJob });
  return new Promise((resolve, reject) => {
    let last = -1;
    let lastChange = Date.now();
    const timer = setInterval(() => {
      const now = Atomics.load(counter, 0);
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > hangMs && now > 0) {
        // `now > 0`: the first input can wait for the worker to load its modules and seeds.
        clearInterval(timer);
        void worker.terminate();
        resolve({ report: null, stalledAt: from + now });
      }
    }, 250);
    worker.once('message', (m: FuzzReport) => {
      clearInterval(timer);
      void worker.terminate();
      resolve({ report: m, stalledAt: -1 });
    });
    worker.once('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
  });
}

function runInThread(target: number, seed: number, from: number, to: number): FuzzReport {
  const { generate, parse } = TARGETS[target]!.prepare();
  const r = { ok: 0, typed: 0, untyped: 0, maxMs: 0, maxIndex: -1, examples: [] as { index: number; error: string }[] };
  for (let i = from; i < to; i++) {
    const input = generate(rngFor(seed, i, target));
    const t0 = performance.now();
    const outcome = classify(() => parse(input));
    if (outcome === 'ok') r.ok++;
    else if (outcome === 'typed') r.typed++;
    else {
      r.untyped++;
      if (r.examples.length < 5) r.examples.push({ index: i, error: outcome.error });
    }
    const ms = performance.now() - t0;
    if (ms > r.maxMs) [r.maxMs, r.maxIndex] = [ms, i];
  }
  return { done: to - from, ...r };
}

export async function fuzzAll(o: FuzzOptions): Promise<TargetResult[]> {
  const seed = o.seed ?? 1;
  const hangMs = o.hangMs ?? 10_000;
  const weights = TARGETS.reduce((s, t) => s + t.weight, 0);
  const out: TargetResult[] = [];
  let assigned = 0;
  for (let ti = 0; ti < TARGETS.length; ti++) {
    const t = TARGETS[ti]!;
    if (o.only && !o.only.includes(t.name)) continue;
    const n = Math.max(20, ti === TARGETS.length - 1 ? o.total - assigned : Math.round((o.total * t.weight) / weights));
    assigned += n;
    const t0 = performance.now();
    const acc = { ok: 0, typed: 0, untyped: 0, maxMs: 0, examples: [] as { index: number; error: string }[], hangs: [] as number[] };
    let from = 0;
    if (o.inThread) {
      const report = runInThread(ti, seed, 0, n);
      acc.ok = report.ok;
      acc.typed = report.typed;
      acc.untyped = report.untyped;
      acc.maxMs = report.maxMs;
      acc.examples.push(...report.examples);
      from = n;
    }
    while (from < n) {
      const { report, stalledAt } = await runJob(ti, seed, from, n, hangMs);
      if (report === null) {
        acc.hangs.push(stalledAt);
        from = stalledAt + 1;
        continue;
      }
      acc.ok += report.ok;
      acc.typed += report.typed;
      acc.untyped += report.untyped;
      acc.maxMs = Math.max(acc.maxMs, report.maxMs);
      acc.examples.push(...report.examples.slice(0, 5 - acc.examples.length));
      from = n;
    }
    const r: TargetResult = { name: t.name, group: t.group, inputs: n, ...acc, seconds: (performance.now() - t0) / 1000 };
    out.push(r);
    o.onTarget?.(r);
  }
  return out;
}
