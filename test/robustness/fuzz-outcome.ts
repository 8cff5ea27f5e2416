/**
 * What one fuzz input did, and the messages between the fuzz run and its worker threads.
 */
import { AppError } from '../../src/domain/errors.js';

export interface FuzzJob {
  readonly target: number;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Int32Array(1) over a SharedArrayBuffer: inputs finished so far in this job. */
  readonly progress: SharedArrayBuffer;
}

export interface FuzzReport {
  readonly done: number;
  readonly ok: number;
  readonly typed: number;
  readonly untyped: number;
  readonly examples: readonly { index: number; error: string }[];
  readonly maxMs: number;
  readonly maxIndex: number;
}

/** Parsed, a typed error (AppError: the contract), or anything else (a defect), with its message. */
export function classify(run: () => unknown): 'ok' | 'typed' | { error: string } {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return 'typed';
    return { error: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e) };
  }
}
