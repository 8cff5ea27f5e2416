/**
 * @module Client for the Hugging Face Hub model listing, `GET {baseUrl}/api/models`. Query
 * parameters: search, author, filter, sort, direction, limit (page size), full, config.
 * Pagination follows the `Link: <…>; rel="next"` header until it is absent or `maxModels` is
 * reached. Requests go through the project's one HTTP client (http/request.ts): HTTP 429 and
 * 502/503/504, network errors and timeouts are retried at most `retries` times, waiting for
 * `Retry-After` (seconds or HTTP date; one longer than `maxRetryAfterMs` fails at once), else
 * exponential back-off from `backoffMs` (default 1 s here). The bearer token (`HF_TOKEN`) is only sent to the base URL's origin.
 * Needs network access to huggingface.co (or a mirror given as `baseUrl`).
 */
import { bodyText, httpRequest, type HttpOptions, type HttpResponse } from '../http/request.js';
import { DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { decodeHubModelPage, type HubModel } from '../../decode/huggingface/hub-model.js';

export interface HubQuery {
  readonly search?: string;
  readonly author?: string;
  readonly filter?: string;
  /** e.g. `downloads`, `likes`, `createdAt`, `lastModified`, `trendingScore`. */
  readonly sort?: string;
  readonly direction?: 1 | -1;
  /** Page size sent as `limit` (the Hub caps pages at 1000; default 1000). */
  readonly limit?: number;
  /** Ask for all fields (`full=true`: author, sha, lastModified, …); default true. */
  readonly full?: boolean;
  /** Include each model's `config` (for the architecture, `config.model_type`). */
  readonly config?: boolean;
}

export interface HubClientOptions extends HttpOptions {
  /** Default `$HF_ENDPOINT` or https://huggingface.co. */
  readonly baseUrl?: string;
  /** Bearer token; default `$HF_TOKEN`; null sends none. */
  readonly token?: string | null;
  /** Stop after this many models (default: all pages). */
  readonly maxModels?: number;
  /** Stop after this many pages (default 10,000). */
  readonly maxPages?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called after each page with the number of models so far (progress). */
  readonly onPage?: (models: number, pages: number) => void;
}

export interface HubFetchResult {
  readonly models: HubModel[];
  readonly firstUrl: string;
  readonly pages: number;
  readonly requests: number;
  readonly retries: number;
  /** False when maxModels or maxPages cut the listing short. */
  readonly complete: boolean;
  readonly fetchedAtSec: number;
}


/** The `rel="next"` target of a Link header, resolved against the request URL. */
export function nextLink(header: string | null, requestUrl: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?next"?(\s|;|$)/i.test(m[2]!)) return new URL(m[1]!, requestUrl).toString();
  }
  return null;
}

export { retryAfterMs } from '../http/retry.js';

/** The shared HTTP options with the Hub's back-off defaults (1 s, doubled, at most 60 s), counting retries. */
export function hubHttpOptions(opts: HubClientOptions, onRetry: () => void): HttpOptions {
  return { ...opts, backoffMs: opts.backoffMs ?? 1000, maxBackoffMs: opts.maxBackoffMs ?? 60_000, onRetry: (...a) => (onRetry(), opts.onRetry?.(...a)) };
}

export function hubModelsUrl(baseUrl: string, q: HubQuery): string {
  let u: URL;
  try {
    u = new URL('api/models', baseUrl.endsWith('/') ? baseUrl : baseUrl + '/');
  } catch {
    throw new UsageError(`invalid Hub base URL: ${baseUrl}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`invalid Hub base URL: ${baseUrl} (expected http(s))`);
  const limit = q.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`invalid limit: ${limit} (expected a positive integer)`);
  if (q.search !== undefined) u.searchParams.set('search', q.search);
  if (q.author !== undefined) u.searchParams.set('author', q.author);
  if (q.filter !== undefined) u.searchParams.set('filter', q.filter);
  if (q.sort !== undefined) u.searchParams.set('sort', q.sort);
  if (q.direction !== undefined) u.searchParams.set('direction', String(q.direction));
  u.searchParams.set('limit', String(limit));
  if (q.full ?? true) u.searchParams.set('full', 'true');
  if (q.config) u.searchParams.set('config', 'true');
  return u.toString();
}

/** List models matching `query`, following pagination. */
export async function fetchHubModels(opts: HubQuery & HubClientOptions = {}): Promise<HubFetchResult> {
  const env = opts.env ?? process.env;
  const baseUrl = opts.baseUrl ?? env.HF_ENDPOINT ?? 'https://huggingface.co';
  const token = opts.token === undefined ? (env.HF_TOKEN ?? null) : opts.token;
  const now = opts.now ?? Date.now;
  const maxModels = opts.maxModels ?? Infinity;
  const maxPages = opts.maxPages ?? 10_000;
  const firstUrl = hubModelsUrl(baseUrl, opts);
  const origin = new URL(firstUrl).origin;
  const models: HubModel[] = [];
  let url: string | null = firstUrl;
  let pages = 0;
  let requests = 0;
  let retries = 0;
  let dropped = false;
  const http = hubHttpOptions(opts, () => {
    retries++;
    requests++;
  });

  const get = async (target: string): Promise<HttpResponse> => {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'nakamoto-observatory' };
    if (token && new URL(target).origin === origin) headers.authorization = `Bearer ${token}`;
    requests++;
    return httpRequest(target, { headers }, http, `Hugging Face Hub ${target}`);
  };

  while (url !== null && models.length < maxModels && pages < maxPages) {
    const res = await get(url);
    if (res.status < 200 || res.status > 299) {
      const body = bodyText(res).slice(0, 200);
      const hint = res.status === 401 || res.status === 403 ? ' (check HF_TOKEN)' : '';
      throw new SourceError(`Hugging Face Hub ${url}: HTTP ${res.status}${hint}${body ? `: ${body}` : ''}`, { inputError: res.status === 400 || res.status === 404 });
    }
    let json: unknown;
    try {
      json = JSON.parse(bodyText(res));
    } catch (err) {
      throw new DecodeError({ input: url }, `response is not JSON (${(err as Error).message})`, { cause: err });
    }
    const page = decodeHubModelPage(json, url);
    pages++;
    for (const m of page) {
      if (models.length < maxModels) models.push(m);
      else dropped = true;
    }
    url = nextLink(res.headers.get('link'), url);
    opts.onPage?.(models.length, pages);
  }
  return { models, firstUrl, pages, requests, retries, complete: url === null && !dropped, fetchedAtSec: Math.floor(now() / 1000) };
}
