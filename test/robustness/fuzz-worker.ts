/**
 * Worker thread of the fuzz run: parses inputs `from`…`to − 1` of one target, counting outcomes,
 * and publishes how many it has finished in a shared counter (the parent's hang watchdog reads it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TARGETS } from './fuzz-targets.js';
import { rngFor } from './mutate.js';
import { classify, type FuzzJob, type FuzzReport } from './fuzz-outcome.js';

const job = workerData as FuzzJob;
const counter = new Int32Array(job.progress);
const { generate, parse } = TARGETS[job.target]!.prepare();
let ok = 0;
let typed = 0;
let untyped = 0;
let maxMs = 0;
let maxIndex = -1;
const examples: { index: number; error: string }[] = [];
for (let i = job.from; i < job.to; i++) {
  const input = generate(rngFor(job.seed, i, job.target));
  const t0 = performance.now();
  const outcome = classify(() => parse(input));
  if (outcome === 'ok') ok++;
  else if (outcome === 'typed') typed++;
  else {
    untyped++;
    if (examples.length < 5) examples.push({ index: i, error: outcome.error });
  }
  const ms = performance.now() - t0;
  if (ms > maxMs) {
    maxMs = ms;
    maxIndex = i;
  }
  Atomics.store(counter, 0, i - job.from + 1);
}
parentPort!.postMessage({ done: job.to - job.from, ok, typed, untyped, examples, maxMs, maxIndex } satisfies FuzzReport);
