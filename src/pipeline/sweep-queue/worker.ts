/**
 * @module A sweep worker: takes jobs from the `nakamoto-sweeps` queue, runs each block of
 * replicates on a pool of worker threads (the local runner's executor, so the event loop stays free
 * to renew BullMQ's job lock) and writes the replicates to the sweep's result hash. A worker that
 * dies mid-job loses nothing: its lock lapses after `lockMs` and the next stalled-job check (every
 * `lockMs`, by any live worker) puts the job back in the queue for another worker.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { PreparedScenario } from '../../simulate/prepare.js';
import { createExecutor } from '../../simulate/runner.js';
import { runBlock } from '../../simulate/sweep.js';
import { decodeExact, encodeExact } from './codec.js';
import { openRedis, type QueueAddress } from './connection.js';
import { blockField, QUEUE_NAME, sweepKey, type BlockJob } from './sweep-keys.js';

export interface WorkerOptions {
  /** Jobs at once, and worker threads. */
  readonly concurrency: number;
  /** BullMQ lock duration: how long a dead worker's job waits before it is retried elsewhere. */
  readonly lockMs: number;
  readonly log: (line: string) => void;
}

export interface SweepWorker {
  readonly name: string;
  close(): Promise<void>;
}

function checkJob(data: unknown): BlockJob {
  const d = data as Partial<BlockJob> | null;
  const whole = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
  if (!d || typeof d.sweep !== 'string' || !whole(d.point) || !whole(d.from) || !whole(d.to) || !whole(d.seed) || d.to <= d.from) {
    throw new UnrecoverableError(`malformed job data: ${JSON.stringify(data)}`);
  }
  return d as BlockJob;
}

export async function startSweepWorker(address: QueueAddress, o: WorkerOptions): Promise<SweepWorker> {
  const name = `${hostname()}:${process.pid}`;
  const data = openRedis(address);
  const bullConnection = openRedis(address);
  const executor = createExecutor(o.concurrency);
  const prepared = new Map<string, PreparedScenario>();

  async function pointScenario(sweep: string, point: number): Promise<PreparedScenario> {
    const key = `${sweep}.${point}`;
    let p = prepared.get(key);
    if (p) return p;
    const text = await data.hget(sweepKey(sweep, 'points'), String(point));
    if (text === null) throw new UnrecoverableError(`sweep ${sweep} point ${point}: no scenario in Redis (sweep expired or deleted)`);
    p = decodeExact(text) as PreparedScenario;
    if (prepared.size >= 64) prepared.delete(prepared.keys().next().value!);
    prepared.set(key, p);
    return p;
  }

  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      const b = checkJob(job.data);
      const p = await pointScenario(b.sweep, b.point);
      o.log(`job ${job.id} started: point ${b.point}, replicates ${b.from}–${b.to - 1}`);
      const t0 = performance.now();
      const replicates = await runBlock(p, b.seed, b.from, b.to, executor);
      await data.hset(sweepKey(b.sweep, 'results'), blockField(b), encodeExact(replicates));
      o.log(`job ${job.id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return { replicates: b.to - b.from, worker: name };
    },
    { connection: bullConnection, concurrency: o.concurrency, lockDuration: o.lockMs, stalledInterval: o.lockMs, maxStalledCount: 10, name },
  );
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    o.log(`job ${job.id} failed (attempt ${job.attemptsMade}${final ? ', giving up' : ''}): ${err.message}`);
    const d = job.data as Partial<BlockJob>;
    if (final && typeof d.sweep === 'string') void data.hset(sweepKey(d.sweep, 'failed'), `${d.point}.${d.from}`, `${err.message} (worker ${name})`).catch(() => undefined);
  });
  worker.on('error', (err) => o.log(`queue error: ${err.message}`));
  await worker.waitUntilReady();
  o.log(`worker ${name} ready: ${o.concurrency} at a time from queue ${QUEUE_NAME} on ${address.display}`);
  return {
    name,
    async close() {
      await worker.close();
      await executor.close();
      bullConnection.disconnect();
      data.disconnect();
    },
  };
}
