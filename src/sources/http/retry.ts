/**
 * @module The one retry loop of the project's network clients (HTTP: block sources, Epoch AI
 * downloads, Hugging Face Hub; JSON-RPC over WebSocket: subtensor; Core's RPC warm-up). An attempt
 * either succeeds, fails for good (it throws: the caller's typed error passes through untouched) or
 * fails transiently (it returns a reason, and maybe the server's `Retry-After`). Transient failures
 * are retried at most `retries` times with exponential back-off (`backoffMs` doubled each time,
 * capped at `maxBackoffMs`); a server's Retry-After replaces the back-off, and one longer than
 * `maxRetryAfterMs` fails at once rather than hammer the server early. When the attempts run out
 * the error is one line: `<label> failed after N attempt(s): <reason of the last one>`.
 */
import { SourceError, UsageError } from '../../domain/errors.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  readonly retries?: number;
  /** First back-off (default 500 ms), doubled each retry, capped at `maxBackoffMs` (default 10 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A Retry-After longer than this (default 120 s) fails instead of waiting. */
  readonly maxRetryAfterMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Called before each wait: which attempt failed (1-based), why, and how long the wait is. */
  readonly onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

/** The outcome of one attempt: a value, or a transient failure worth retrying. */
export type Attempt<T> =
  | { readonly ok: T; readonly retry?: undefined }
  | {
      readonly retry: string;
      /** The server's Retry-After header, if it sent one. */
      readonly retryAfter?: string | null;
      /** What went wrong, kept as the final error's cause. */
      readonly cause?: unknown;
      /** Added after the reason when a too-long Retry-After ends the loop (e.g. "try later"). */
      readonly advice?: string;
    };

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | null {
  if (header === null || header === undefined) return null;
  const s = header.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : null;
}

/** Most retries a caller may ask for, and the longest single back-off wait (1 hour). */
export const MAX_RETRIES = 1000;
const MAX_WAIT_MS = 3_600_000;

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Run `attempt` until it succeeds, throws, or the retries run out (see the module comment). */
export async function withRetry<T>(label: string, attempt: (n: number) => Promise<Attempt<T>>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? 4;
  if (!Number.isSafeInteger(retries) || retries < 0 || retries > MAX_RETRIES) throw new UsageError(`${label}: invalid retries: ${retries} (expected an integer in [0, ${MAX_RETRIES}])`);
  const backoff = opts.backoffMs ?? 500;
  // A wait never exceeds what a timer can hold (longer ones fire at once in Node) nor an hour.
  const maxBackoff = Math.min(opts.maxBackoffMs ?? 10_000, MAX_WAIT_MS);
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? Date.now;
  for (let n = 1; ; n++) {
    const r = await attempt(n);
    if (r.retry === undefined) return r.ok;
    let waitMs = Math.min(maxBackoff, backoff * 2 ** (n - 1));
    const asked = retryAfterMs(r.retryAfter, now());
    if (asked !== null) {
      if (asked > maxRetryAfter) {
        throw new SourceError(
          `${label} failed after ${n} attempt(s): ${r.retry}, asked to wait ${Math.ceil(asked / 1000)} s (more than the ${Math.round(maxRetryAfter / 1000)} s allowed)${r.advice ? `; ${r.advice}` : ''}`,
          { cause: r.cause },
        );
      }
      waitMs = asked;
    }
    if (n > retries) throw new SourceError(`${label} failed after ${n} attempt(s): ${r.retry}`, { cause: r.cause });
    opts.onRetry?.(n, r.retry, waitMs);
    await sleep(waitMs);
  }
}
