/**
 * @module Submit a parameter sweep to the queue and wait for it: the grid is expanded and each point
 * prepared here (exactly as the local runner does), stored in Redis, and split into one job per
 * point × block of replicates. Waiting polls the sweep's result hash, so it works the same after
 * the submitting process died and `--resume` picked the sweep up again; the replicates are then
 * summarised in replicate order with the local runner's `summarize`, giving identical results.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { SourceError, UsageError } from '../../domain/errors.js';
import { prepareScenario } from '../../simulate/prepare.js';
import { datasetScenarioInputs } from '../../sources/datasets/simulation-inputs.js';
import type { ReplicateResult } from '../../simulate/record.js';
import type { Scenario } from '../../simulate/scenario-schema.js';
import { summarize } from '../../simulate/summary.js';
import { replicateBlocks, sweepScenarios, type ParamValue, type ReplicateBlock, type SweepPoint } from '../../simulate/sweep.js';
import { decodeExact, encodeExact } from './codec.js';
import { openRedis, type QueueAddress } from './connection.js';
import { blockField, checkSweepId, jobId, KEEP_FINISHED_SECONDS, QUEUE_NAME, sweepKey, type BlockJob, type SweepSpec } from './sweep-keys.js';

export interface SubmitOptions {
  readonly runs: number;
  readonly seed: number;
  readonly blockSize: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface SweepOutcome {
  readonly spec: SweepSpec;
  readonly points: SweepPoint[];
}

/** Retries of a job that throws (a killed worker is handled by BullMQ's stalled-job check instead). */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

async function withQueue<T>(address: QueueAddress, f: (redis: Redis, queue: Queue) => Promise<T>): Promise<T> {
  const redis = openRedis(address);
  const queueConnection = openRedis(address);
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection });
  try {
    return await f(redis, queue);
  } finally {
    await queue.close();
    queueConnection.disconnect();
    redis.disconnect();
  }
}

export function specBlocks(spec: SweepSpec): ReplicateBlock[] {
  return replicateBlocks(spec.points.length, spec.runs, spec.blockSize);
}

async function readSpec(redis: Redis, id: string, address: QueueAddress): Promise<SweepSpec> {
  const text = await redis.get(sweepKey(checkSweepId(id), 'spec'));
  if (text === null) throw new UsageError(`unknown sweep: ${id} (not on ${address.display}; finished sweeps are kept ${KEEP_FINISHED_SECONDS / 3600} h)`);
  return JSON.parse(text) as SweepSpec;
}

/** Add the jobs of blocks that have no result yet (BullMQ ignores a job id it already holds). */
async function enqueueMissing(redis: Redis, queue: Queue, id: string, spec: SweepSpec): Promise<number> {
  const done = new Set(await redis.hkeys(sweepKey(id, 'results')));
  const missing = specBlocks(spec).filter((b) => !done.has(blockField(b)));
  for (let i = 0; i < missing.length; i += 500) {
    await queue.addBulk(
      missing.slice(i, i + 500).map((b) => {
        const data: BlockJob = { sweep: id, seed: spec.seed, point: b.point, from: b.from, to: b.to };
        return { name: 'replicates', data, opts: { ...JOB_OPTIONS, jobId: jobId(id, b) } };
      }),
    );
  }
  return missing.length;
}

/** Expand, prepare and store the sweep, enqueue its jobs; returns the new sweep id. */
export async function submitSweep(address: QueueAddress, scenario: Scenario, params: Readonly<Record<string, readonly ParamValue[]>>, o: SubmitOptions): Promise<{ id: string; spec: SweepSpec; jobs: number }> {
  const { points, scenarios } = sweepScenarios(scenario, params);
  const prepared: string[] = [];
  for (const s of scenarios) prepared.push(encodeExact(await prepareScenario(s, datasetScenarioInputs(o.env))));
  const id = randomBytes(6).toString('hex');
  const spec: SweepSpec = { version: 1, scenario: scenario.name, paths: Object.keys(params), points, runs: o.runs, seed: o.seed, blockSize: o.blockSize, createdAt: new Date().toISOString() };
  return withQueue(address, async (redis, queue) => {
    await redis.hset(sweepKey(id, 'points'), Object.fromEntries(prepared.map((p, i) => [String(i), p])));
    await redis.set(sweepKey(id, 'spec'), JSON.stringify(spec));
    const jobs = await enqueueMissing(redis, queue, id, spec);
    return { id, spec, jobs };
  });
}

export interface WaitOptions {
  /** Re-enqueue blocks without a result (after the submitter died, or Redis lost jobs). */
  readonly resubmit?: boolean;
  readonly pollMs?: number;
  readonly onProgress?: (replicatesDone: number, total: number) => void;
  /** Called once before waiting, with the number of workers connected to the queue. */
  readonly onWorkers?: (count: number) => void;
}

function failure(spec: SweepSpec, id: string, failed: Record<string, string>): SourceError {
  const [field, reason] = Object.entries(failed)[0]!;
  const [point, from] = field.split('.').map(Number) as [number, number];
  const where = Object.entries(spec.points[point] ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const to = Math.min(spec.runs, from + spec.blockSize) - 1;
  return new SourceError(`sweep ${id}: job ${id}.${field} (${where}, replicates ${from}–${to}) failed: ${reason}${Object.keys(failed).length > 1 ? ` (and ${Object.keys(failed).length - 1} more)` : ''}`);
}

/** Wait until every block of the sweep has a result; summarise each point in replicate order. */
export async function awaitSweep(address: QueueAddress, id: string, o: WaitOptions = {}): Promise<SweepOutcome> {
  return withQueue(address, async (redis, queue) => {
    const spec = await readSpec(redis, id, address);
    if (o.resubmit) await enqueueMissing(redis, queue, id, spec);
    if (o.onWorkers) o.onWorkers(await queue.getWorkersCount());
    const blocks = specBlocks(spec);
    const size = new Map(blocks.map((b) => [blockField(b), b.to - b.from]));
    const total = spec.points.length * spec.runs;
    for (;;) {
      const done = new Set(await redis.hkeys(sweepKey(id, 'results')));
      o.onProgress?.([...done].reduce((a, f) => a + (size.get(f) ?? 0), 0), total);
      const failed = await redis.hgetall(sweepKey(id, 'failed'));
      if (Object.keys(failed).length > 0) throw failure(spec, id, failed);
      if (blocks.every((b) => done.has(blockField(b)))) break;
      await new Promise((r) => setTimeout(r, o.pollMs ?? 250));
    }
    const byPoint: ReplicateResult[][] = spec.points.map(() => []);
    for (const b of blocks) {
      const text = await redis.hget(sweepKey(id, 'results'), blockField(b));
      if (text === null) throw new SourceError(`sweep ${id}: result of block ${blockField(b)} vanished from ${address.display}`);
      const reps = decodeExact(text) as ReplicateResult[];
      if (reps.length !== b.to - b.from) throw new SourceError(`sweep ${id}: block ${blockField(b)} holds ${reps.length} replicates, expected ${b.to - b.from}`);
      byPoint[b.point]!.push(...reps);
    }
    for (const part of ['spec', 'points', 'results', 'failed'] as const) await redis.expire(sweepKey(id, part), KEEP_FINISHED_SECONDS);
    return { spec, points: spec.points.map((params, i) => ({ params, summary: summarize(byPoint[i]!) })) };
  });
}
