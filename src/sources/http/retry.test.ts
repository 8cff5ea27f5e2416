/**
 * @module The one retry loop: bounded attempts, doubling back-off with its cap, Retry-After honoured
 * (and a too-long one refused at once), final errors in one line with the last reason, and errors
 * thrown by an attempt passing through untouched.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { retryAfterMs, withRetry, type Attempt } from './retry.js';

function script<T>(outcomes: readonly Attempt<T>[]): { attempt: (n: number) => Promise<Attempt<T>>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    attempt: async (n) => {
      calls.push(n);
      return outcomes[Math.min(n, outcomes.length) - 1]!;
    },
  };
}

describe('withRetry', () => {
  it('refuses a retry count that is not a whole number in [0, 1000] (NaN or Infinity would never end), before any attempt', async () => {
    for (const retries of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 1001]) {
      const s = script<string>([{ ok: 'never' }]);
      await expect(withRetry('x', s.attempt, { retries })).rejects.toThrow(UsageError);
      expect(s.calls).toEqual([]);
    }
  });
  it('caps every back-off wait at one hour whatever maxBackoffMs says (a timer cannot hold more)', async () => {
    const waits: number[] = [];
    const s = script<string>([...Array.from({ length: 40 }, () => ({ retry: 'down' })), { ok: 'up' }]);
    await withRetry('x', s.attempt, { retries: 40, backoffMs: 1000, maxBackoffMs: Number.MAX_SAFE_INTEGER, sleep: async (ms) => void waits.push(ms) });
    expect(Math.max(...waits)).toBe(3_600_000);
    expect(waits.every((w, i) => i === 0 || w >= waits[i - 1]!)).toBe(true);
  });
  it('retries transient failures with doubling back-off capped at maxBackoffMs, then returns the value', async () => {
    const waits: number[] = [];
    const s = script<string>([{ retry: 'a' }, { retry: 'b' }, { retry: 'c' }, { retry: 'd' }, { ok: 'done' }]);
    const v = await withRetry('x', s.attempt, { retries: 4, backoffMs: 100, maxBackoffMs: 300, sleep: async (ms) => void waits.push(ms) });
    expect(v).toBe('done');
    expect(s.calls).toEqual([1, 2, 3, 4, 5]);
    expect(waits).toEqual([100, 200, 300, 300]);
  });

  it('gives up after retries + 1 attempts in one line naming label, count and the last reason', async () => {
    const s = script<never>([{ retry: 'HTTP 503' }, { retry: 'network error: ECONNRESET', cause: new Error('reset') }]);
    const err = await withRetry('GET http://127.0.0.1:1/x', s.attempt, { retries: 1, sleep: async () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe('GET http://127.0.0.1:1/x failed after 2 attempt(s): network error: ECONNRESET');
    expect(((err as Error).cause as Error).message).toBe('reset');
    expect(s.calls).toEqual([1, 2]);
  });

  it('waits for Retry-After (seconds or HTTP date) instead of the back-off; a longer one than allowed fails at once', async () => {
    const waits: number[] = [];
    const now = Date.UTC(2024, 3, 20, 0, 0, 0);
    const s = script<number>([{ retry: 'HTTP 429', retryAfter: '2' }, { retry: 'HTTP 503', retryAfter: 'Sat, 20 Apr 2024 00:00:30 GMT' }, { ok: 7 }]);
    expect(await withRetry('x', s.attempt, { backoffMs: 1, now: () => now, sleep: async (ms) => void waits.push(ms) })).toBe(7);
    expect(waits).toEqual([2000, 30_000]);
    const long = script<number>([{ retry: 'HTTP 429 Too Many Requests', retryAfter: '3600', advice: 'try later' }]);
    const err = await withRetry('u', long.attempt, { maxRetryAfterMs: 60_000, sleep: async () => {} }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('u failed after 1 attempt(s): HTTP 429 Too Many Requests, asked to wait 3600 s (more than the 60 s allowed); try later');
    expect(long.calls).toEqual([1]);
  });

  it('an error thrown by an attempt is final and keeps its type; retries: 0 means one attempt', async () => {
    let n = 0;
    const thrown = new DecodeError({ input: 'u', field: 'f' }, 'bad');
    await expect(withRetry('x', async () => (n++, Promise.reject(thrown)))).rejects.toBe(thrown);
    expect(n).toBe(1);
    const s = script<number>([{ retry: 'r' }]);
    await expect(withRetry('x', s.attempt, { retries: 0 })).rejects.toThrow('x failed after 1 attempt(s): r');
  });

  it('reads Retry-After as delta-seconds or an HTTP date, null when absent or unreadable', () => {
    expect(retryAfterMs('1', 0)).toBe(1000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 30))).toBe(30_000);
    expect(retryAfterMs('Fri, 19 Apr 2024 23:00:00 GMT', Date.UTC(2024, 3, 20))).toBe(0);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs('', 0)).toBeNull();
  });
});
