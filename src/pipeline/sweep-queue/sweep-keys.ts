/**
 * @module Where a distributed sweep lives in Redis. One BullMQ queue (`nakamoto-sweeps`) carries
 * the jobs of every sweep; each sweep keeps four keys of its own under `nakamoto:sweep:<id>:`:
 * `spec` (what was asked: scenario name, grid, runs, seed, block size), `points` (hash: point →
 * prepared scenario, so workers need neither the scenario file nor the datasets), `results` (hash:
 * block → that block's replicates, exact encoding) and `failed` (hash: block → why it failed).
 */
import { UsageError } from '../../domain/errors.js';
import type { ParamValue, ReplicateBlock } from '../../simulate/sweep.js';

export const QUEUE_NAME = 'nakamoto-sweeps';

/** Finished sweeps stay this long, so `--resume ID` can print them again. */
export const KEEP_FINISHED_SECONDS = 3600;

export interface SweepSpec {
  readonly version: 1;
  readonly scenario: string;
  readonly paths: readonly string[];
  readonly points: readonly Readonly<Record<string, ParamValue>>[];
  readonly runs: number;
  readonly seed: number;
  readonly blockSize: number;
  readonly createdAt: string;
}

/** What one BullMQ job carries. */
export interface BlockJob extends ReplicateBlock {
  readonly sweep: string;
  readonly seed: number;
}

export const sweepKey = (id: string, part: 'spec' | 'points' | 'results' | 'failed'): string => `nakamoto:sweep:${id}:${part}`;

/** Field of a block in the results / failed hashes. */
export const blockField = (b: ReplicateBlock): string => `${b.point}.${b.from}`;

/** BullMQ job id (BullMQ forbids ':' in custom ids). */
export const jobId = (sweep: string, b: ReplicateBlock): string => `${sweep}.${blockField(b)}`;

export function checkSweepId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new UsageError(`invalid --resume: ${id} (a sweep id is letters, digits, - and _)`);
  return id;
}
