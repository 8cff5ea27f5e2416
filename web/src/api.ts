/**
 * @module Calls to the JSON API (same origin, `/api/…`). Errors come back as
 * `{ error: { status, type, message } }`; they are thrown as ApiError with that message, so pages
 * show the server's own words (`invalid window: …`). Successful answers are kept in a small
 * in-memory cache (the API is read-only and versioned by ETag), so going back is instant.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/metrics/bitcoin/pools` + `{ window: '1y', ci: true }` → URL with the set parameters. */
export function apiUrl(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString().replace(/%2C/gi, ',');
  return s ? `${path}?${s}` : path;
}

const cache = new Map<string, unknown>();
const MAX_CACHED = 60;

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path, query);
  if (cache.has(url)) return cache.get(url) as T;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, `cannot reach the server (${(err as Error).message})`);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  cache.set(url, body);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return body as T;
}

/** Message for the page: the API's words, or a plain description of anything else. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return `unexpected error: ${(err as Error)?.message ?? String(err)}`;
}
