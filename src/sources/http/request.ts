/**
 * @module HTTP for every client of the project (block sources, Epoch AI downloads, Hugging Face Hub),
 * over Node's built-in fetch (undici): a per-request timeout that covers the body too, and retries
 * of transient failures — network errors, timeouts, HTTP 429 and 502/503/504 (waiting for
 * `Retry-After`, seconds or HTTP date, when given) — by the one retry loop (retry.ts: bounded
 * attempts, exponential back-off, `… failed after N attempt(s): reason`). Any other status comes
 * back to the caller, who turns it into a typed error.
 */
import { withRetry, type RetryOptions } from './retry.js';

export { retryAfterMs } from './retry.js';

export interface HttpOptions extends RetryOptions {
  /** Per-request timeout, headers and body (default 30 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
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

export function bodyText(res: HttpResponse): string {
  return Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength).toString('utf8');
}

/** A short, single-line excerpt of a response body for error messages. */
export function bodyExcerpt(res: HttpResponse, max = 160): string {
  const t = bodyText(res).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/**
 * Send one request, retrying transient failures. `label` names the request in errors (the URL
 * without credentials). Returns the final response whatever its status, unless every attempt
 * failed transiently: then a SourceError `<label> failed after N attempt(s): <why>`.
 */
export async function httpRequest(url: string, req: HttpRequest, opts: HttpOptions, label: string): Promise<HttpResponse> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return withRetry<HttpResponse>(
    label,
    async () => {
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        const res = await doFetch(url, { method: req.method ?? 'GET', headers: req.headers, body: req.body, signal });
        if (!TRANSIENT_STATUS.has(res.status)) {
          const body = new Uint8Array(await res.arrayBuffer());
          return { ok: { url, status: res.status, statusText: res.statusText, headers: res.headers, body } };
        }
        await res.body?.cancel().catch(() => undefined);
        const why = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        return { retry: why, retryAfter: res.headers.get('retry-after'), advice: 'try later' };
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const why = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no complete answer within ${timeoutMs} ms` : `network error: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
        return { retry: why, cause: err };
      }
    },
    opts,
  );
}
