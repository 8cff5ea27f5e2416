/**
 * @module Client for the Hub's trending list, `GET {baseUrl}/api/trending`: the models among
 * `recentlyTrending` (entries `{ repoData, repoType }`, in the Hub's rank order), returned in the
 * raw trending-cache shape (model id → entry) that `decode/huggingface/trending.ts` reads. Same
 * HTTP client and retry policy as the model listing (http/request.ts: 429 and 502/503/504, network
 * errors and timeouts retried with Retry-After or exponential back-off, at most `retries` times). Needs network access to
 * huggingface.co (or a mirror given as `baseUrl`).
 */
import { DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { bodyText, httpRequest } from '../http/request.js';
import { hubHttpOptions, type HubClientOptions } from './hub-client.js';

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
  const now = opts.now ?? Date.now;
  let retries = 0;
  const http = hubHttpOptions(opts, () => retries++);
  const res = await httpRequest(url, { headers: { accept: 'application/json', 'user-agent': 'nakamoto-observatory' } }, http, `Hugging Face Hub ${url}`);
  if (res.status < 200 || res.status > 299) {
    const body = bodyText(res).slice(0, 200);
    throw new SourceError(`Hugging Face Hub ${url}: HTTP ${res.status}${body ? `: ${body}` : ''}`, { inputError: res.status === 400 || res.status === 404 });
  }
  let json: unknown;
  try {
    json = JSON.parse(bodyText(res));
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
