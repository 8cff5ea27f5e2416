/**
 * @module HTTP for the block sources, over Node's built-in fetch (undici): a per-request timeout
 * that covers the body too, and retries of transient failures — network errors, timeouts, HTTP
 * 429 (waiting for `Retry-After`, seconds or HTTP date, when given) and 502/503/504 — with
 * exponential back-off. Anything else comes back to the caller, who turns it into a typed error.
 */
import { SourceError } from '../../domain/errors.js';

export interface HttpOptions {
  /** Per-request timeout, headers and body (default 30 s). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  readonly retries?: number;
  /** First back-off (default 500 ms), doubled each retry, capped at `maxBackoffMs` (default 10 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A 429 asking to wait longer than this (default 120 s) fails instead of waiting. */
  readonly maxRetryAfterMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export const TRANSIENT_STATUS: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const s = header.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : null;
}

export function bodyText(res: HttpResponse): string {
  return Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength).toString('utf8');
}

/** A short, single-line excerpt of a response body for error messages. */
export function bodyExcerpt(res: HttpResponse, max = 160): string {
  const t = bodyText(res).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Send one request, retrying transient failures. `label` names the request in errors (the URL
 * without credentials). Returns the final response whatever its status, unless every attempt
 * failed transiently: then a SourceError saying why and how often.
 */
export async function httpRequest(url: string, req: HttpRequest, opts: HttpOptions, label: string): Promise<HttpResponse> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retries = opts.retries ?? 4;
  const backoff = opts.backoffMs ?? 500;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
  for (let attempt = 0; ; attempt++) {
    let why: string;
    let waitMs = Math.min(maxBackoff, backoff * 2 ** attempt);
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const res = await doFetch(url, { method: req.method ?? 'GET', headers: req.headers, body: req.body, signal });
      if (!TRANSIENT_STATUS.has(res.status)) {
        const body = new Uint8Array(await res.arrayBuffer());
        return { url, status: res.status, statusText: res.statusText, headers: res.headers, body };
      }
      await res.body?.cancel().catch(() => undefined);
      why = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      const asked = res.status === 429 ? retryAfterMs(res.headers.get('retry-after'), now()) : null;
      if (asked !== null) {
        if (asked > maxRetryAfter) throw new SourceError(`${label}: rate limited (HTTP 429), asked to wait ${Math.ceil(asked / 1000)} s (more than the ${Math.round(maxRetryAfter / 1000)} s allowed); try later or with a lower --concurrency`);
        waitMs = asked;
      }
    } catch (err) {
      if (err instanceof SourceError) throw err;
      const e = err as Error & { cause?: { code?: string; message?: string } };
      why = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no complete answer within ${timeoutMs} ms` : `network error: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
    }
    if (attempt >= retries) throw new SourceError(`${label}: ${why}; gave up after ${attempt + 1} attempt(s)`);
    await sleep(waitMs);
  }
}
