/**
 * @module HTTP caching from one place: every cacheable GET gets a weak ETag keyed on the normalised
 * request (path, sorted query) and the version of what the answer depends on — the code (package
 * version) for calculators, plus the data for data routes: the *content* of the embedded default,
 * the claims file and every file under the datasets folder (content-version.ts), and the store's
 * version. A matching If-None-Match is answered 304 before any work is done. Cache-Control: a day
 * for calculators; an hour for data without a store; `no-cache` when a store can change.
 *
 * Answers are kept in memory by ETag, already compressed: gzip and brotli are computed once per
 * entry (not once per request), and the cache is bounded in bytes (raw + gzip + brotli), least
 * recently used out first. Work that is not in the cache is limited per client (answer-limits.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_CLAIMS } from '../../pipeline/queries/claims-query.js';
import { DEFAULT_DAILY_FILE, DEFAULT_DATA_DIR } from '../../pipeline/load-bitcoin.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import type { Store } from '../../store/store.js';
import { ClientLimiter, type ClientLimits } from './client-limiter.js';
import { ContentFingerprint } from './content-version.js';
import type { CacheClass } from './route.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    cache?: CacheClass;
  }
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export interface Versions {
  /** The code: package name and version. */
  code(): Promise<string>;
  /** The code and the data a data route reads. */
  data(): Promise<string>;
}

/** A store that can say cheaply whether its data changed (e.g. a DuckDB file's stat signature). */
export interface VersionedStore {
  dataVersion(): Promise<string>;
}

function hasDataVersion(store: Store): store is Store & VersionedStore {
  return typeof (store as Partial<VersionedStore>).dataVersion === 'function';
}

export interface VersionOptions {
  /** How often the datasets folder is checked for changed files (ms; default 1000). */
  readonly checkEveryMs?: number;
}

export function createVersions(store: Store | null, datasetsRoot: string, o: VersionOptions = {}): Versions {
  let code: Promise<string> | undefined;
  const codeVersion = () =>
    (code ??= readFile(join(PROJECT_ROOT, 'package.json'), 'utf8').then((t) => {
      const p = JSON.parse(t) as { name?: string; version?: string };
      return `${p.name}@${p.version}`;
    }));
  const files = new ContentFingerprint([join(DEFAULT_DATA_DIR, DEFAULT_DAILY_FILE), DEFAULT_CLAIMS, datasetsRoot], o.checkEveryMs ?? 1000);
  return {
    code: codeVersion,
    async data() {
      const parts = [await codeVersion(), await files.value()];
      if (store) parts.push(hasDataVersion(store) ? await store.dataVersion() : sha(JSON.stringify(await store.listIngests())));
      return sha(parts.join('|'));
    },
  };
}

/** The same versions, but a change of the data version empties the series cache (a new ingest: loaded series are stale). */
export function clearingOnDataChange(versions: Versions, cache: { clear(): void }): Versions {
  let seen: string | undefined;
  return {
    code: versions.code,
    async data() {
      const v = await versions.data();
      if (seen !== undefined && seen !== v) cache.clear();
      seen = v;
      return v;
    },
  };
}

/** Path plus query parameters sorted by name, so `?a=1&b=2` and `?b=2&a=1` share an ETag. */
export function canonicalRequest(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  params.sort();
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** RFC 9110 weak comparison against an If-None-Match list (or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

export function cacheControl(cache: CacheClass, hasStore: boolean): string {
  if (cache === 'static') return 'public, max-age=86400';
  if (cache === 'data') return hasStore ? 'no-cache' : 'public, max-age=3600';
  return 'no-store';
}

type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts among br, gzip, identity (q=0 refuses one). */
export function pickEncoding(header: string | string[] | undefined): Encoding {
  const text = (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase();
  const accepts = (name: string) =>
    text.split(',').some((part) => {
      const [token, ...params] = part.trim().split(';');
      if (token?.trim() !== name && token?.trim() !== '*') return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return q === undefined || Number(q.slice(2)) > 0;
    });
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

/** One cached answer, with its compressed forms (absent below the compression threshold). */
export interface CachedAnswer {
  readonly type: string;
  readonly raw: Buffer;
  readonly gzip?: Buffer;
  readonly br?: Buffer;
}

export function answerBytes(a: CachedAnswer): number {
  return a.raw.length + (a.gzip?.length ?? 0) + (a.br?.length ?? 0);
}

/** Answers by ETag, bounded by their total size in bytes; least recently used leave first. */
export class AnswerCache {
  readonly #entries = new Map<string, CachedAnswer>();
  #bytes = 0;
  constructor(readonly maxBytes: number) {}

  get(key: string): CachedAnswer | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit); // most recently used last
    }
    return hit;
  }

  /** Keep an answer (one larger than a quarter of the bound is not kept). */
  set(key: string, a: CachedAnswer): void {
    const size = answerBytes(a);
    if (size > this.maxBytes / 4) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= answerBytes(old);
      this.#entries.delete(key);
    }
    this.#entries.set(key, a);
    this.#bytes += size;
    while (this.#bytes > this.maxBytes) {
      const [k, v] = this.#entries.entries().next().value!;
      this.#entries.delete(k);
      this.#bytes -= answerBytes(v);
    }
  }

  get bytes(): number {
    return this.#bytes;
  }
  get size(): number {
    return this.#entries.size;
  }
}

/** Default bound of the answer cache (raw + gzip + brotli bytes). */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
/** Answers smaller than this are sent uncompressed (as @fastify/compress's threshold). */
const COMPRESS_THRESHOLD = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

async function compressAnswer(type: string, raw: Buffer): Promise<CachedAnswer> {
  if (raw.length < COMPRESS_THRESHOLD) return { type, raw };
  const [gz, br] = await Promise.all([
    gzipAsync(raw, { level: 6 }),
    // Quality 5: most of brotli's gain over gzip at a small fraction of quality 11's cost.
    brotliAsync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
  ]);
  return { type, raw, gzip: gz, br };
}

function sendCached(reply: FastifyReply, a: CachedAnswer, encoding: Encoding): Buffer {
  void reply.header('vary', 'accept-encoding').type(a.type);
  const body = encoding === 'br' ? a.br : encoding === 'gzip' ? a.gzip : undefined;
  if (body) {
    void reply.header('content-encoding', encoding);
    return body;
  }
  return a.raw;
}

export interface CachingOptions {
  readonly maxBytes?: number;
  readonly clientLimits?: Partial<ClientLimits>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the answer came from the answer cache (it is already encoded). */
    nakamotoCached?: boolean;
    /** The ETag under which a computed answer is to be kept. */
    nakamotoKey?: string;
  }
}

export function installCaching(app: FastifyInstance, versions: Versions, hasStore: boolean, o: CachingOptions = {}): AnswerCache {
  const answers = new AnswerCache(o.maxBytes ?? RESPONSE_CACHE_BYTES);
  const limiter = new ClientLimiter(o.clientLimits);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const cache = req.routeOptions.config?.cache;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !cache || cache === 'none') return;
    const version = cache === 'static' ? await versions.code() : await versions.data();
    const etag = `W/"${sha(`${version}|${canonicalRequest(req.url)}`).slice(0, 32)}"`;
    void reply.header('etag', etag).header('cache-control', cacheControl(cache, hasStore));
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    const hit = answers.get(etag);
    if (hit) {
      req.nakamotoCached = true;
      return reply.send(sendCached(reply, hit, pickEncoding(req.headers['accept-encoding'])));
    }
    // Not cached: this request will do real work, which each client may do only so much of.
    await limiter.acquire(req, reply);
    if (req.method === 'GET') req.nakamotoKey = etag;
  });
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (req.nakamotoCached) return payload;
    const key = req.nakamotoKey;
    if (key === undefined || reply.statusCode !== 200 || reply.getHeader('content-encoding') || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const raw = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const answer = await compressAnswer(String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'), raw);
    answers.set(key, answer);
    return sendCached(reply, answer, pickEncoding(req.headers['accept-encoding']));
  });
  app.addHook('onResponse', async (req: FastifyRequest) => limiter.release(req));
  app.addHook('onRequestAbort', async (req: FastifyRequest) => limiter.release(req));
  return answers;
}
