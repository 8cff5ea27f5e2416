/**
 * @module Client for the Hub's trending list, `GET {baseUrl}/api/trending`: the models among
 * `recentlyTrending` (entries `{ repoData, repoType }`, in the Hub's rank order), returned in the
 * raw trending-cache shape (model id → entry) that `decode/huggingface/trending.ts` reads. Same
 * retry policy as the model listing: 429 and 502/503/504, network errors and timeouts are retried
 * with Retry-After or exponential back-off, at most `maxRetries` times. Needs network access to
 * huggingface.co (or a mirror given as `baseUrl`).
 */
import { DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { retryAfterMs, type HubClientOptions } from './hub-client.js';

const RETRY_STATUS = new Set([429, 502, 503, 504]);

export interface TrendingFetchResult {
  readonly url: string;
  /** model id → `{ repoData, repoType }` in rank order (the scraper's cache shape). */
  readonly cache: Record<string, unknown>;
  readonly fetchedAtSec: number;
  readonly retries: number;
}

export function trendingUrl(baseUrl: string): string {
  let u: URL;
  try {
    u = new URL('api/trending', baseUrl.endsWith('/') ? baseUrl : baseUrl + '/');
  } catch {
    throw new UsageError(`invalid Hub base URL: ${baseUrl}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`invalid Hub base URL: ${baseUrl} (expected http(s))`);
  return u.toString();
}

export async function fetchHubTrending(opts: HubClientOptions = {}): Promise<TrendingFetchResult> {
  const env = opts.env ?? process.env;
  const url = trendingUrl(opts.baseUrl ?? env.HF_ENDPOINT ?? 'https://huggingface.co');
  const doFetch = opts.fetch ?? globalThis.fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const maxRetries = opts.maxRetries ?? 4;
  const maxWait = opts.maxRetryWaitMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let retries = 0;
  for (let attempt = 0; ; attempt++) {
    let res: Response | null = null;
    let why: string;
    try {
      res = await doFetch(url, { headers: { accept: 'application/json', 'user-agent': 'nakamoto-observatory' }, signal: AbortSignal.timeout(timeoutMs) });
      if (res.ok) {
        const text = await res.text();
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (err) {
          throw new DecodeError({ input: url }, `response is not JSON (${(err as Error).message})`, { cause: err });
        }
        const list = (json as { recentlyTrending?: unknown } | null)?.recentlyTrending;
        if (!Array.isArray(list)) throw new DecodeError({ input: url, field: 'recentlyTrending' }, 'expected an array of trending entries');
        const cache: Record<string, unknown> = {};
        list.forEach((e: unknown, i: number) => {
          const entry = e as { repoData?: { id?: unknown }; repoType?: unknown } | null;
          if (entry?.repoType !== 'model') return;
          const id = entry.repoData?.id;
          if (typeof id !== 'string') throw new DecodeError({ input: url, field: `recentlyTrending[${i}].repoData.id` }, 'expected a model id');
          cache[id] = { repoData: entry.repoData, repoType: entry.repoType };
        });
        return { url, cache, fetchedAtSec: Math.floor(now() / 1000), retries };
      }
      if (!RETRY_STATUS.has(res.status)) {
        const body = (await res.text().catch(() => '')).slice(0, 200);
        throw new SourceError(`Hugging Face Hub ${url}: HTTP ${res.status}${body ? `: ${body}` : ''}`, { inputError: res.status === 400 || res.status === 404 });
      }
      why = `HTTP ${res.status}`;
    } catch (err) {
      if (err instanceof SourceError || err instanceof DecodeError) throw err;
      why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error: ${(err as Error).message}`;
    }
    if (attempt >= maxRetries) throw new SourceError(`Hugging Face Hub ${url}: ${why}, giving up after ${attempt + 1} attempt(s)`);
    const asked = res ? retryAfterMs(res.headers.get('retry-after'), now()) : null;
    await res?.body?.cancel().catch(() => {});
    retries++;
    await sleep(Math.min(maxWait, asked ?? 1000 * 2 ** attempt));
  }
}
