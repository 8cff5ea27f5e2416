/**
 * @module HTTP caching from one hook: every cacheable GET gets a weak ETag keyed on the request
 * (route, path, sorted query) and the version of what the answer depends on — the code (package
 * version) for calculators, plus the data (embedded default and claims files, the datasets folder,
 * and the store's ingest records) for data routes. A matching If-None-Match is answered 304 before
 * any work is done. Cache-Control: a day for calculators; an hour for data without a store;
 * `no-cache` (revalidate every time) when a store can change under the server.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_CLAIMS } from '../../pipeline/queries/claims-query.js';
import { DEFAULT_DAILY_FILE, DEFAULT_DATA_DIR } from '../../pipeline/load-bitcoin.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import type { Store } from '../../store/store.js';
import type { CacheClass } from './route.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    cache?: CacheClass;
  }
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

async function fileHash(path: string): Promise<string> {
  try {
    return sha(await readFile(path));
  } catch {
    return 'absent';
  }
}

export interface Versions {
  /** The code: package name and version. */
  code(): Promise<string>;
  /** The code and the data a data route reads. */
  data(): Promise<string>;
}

export function createVersions(store: Store | null, datasetsRoot: string): Versions {
  let code: Promise<string> | undefined;
  let files: Promise<string> | undefined;
  const codeVersion = () =>
    (code ??= readFile(join(PROJECT_ROOT, 'package.json'), 'utf8').then((t) => {
      const p = JSON.parse(t) as { name?: string; version?: string };
      return `${p.name}@${p.version}`;
    }));
  const fileVersion = () =>
    (files ??= Promise.all([fileHash(join(DEFAULT_DATA_DIR, DEFAULT_DAILY_FILE)), fileHash(DEFAULT_CLAIMS)]).then((h) => sha(`${datasetsRoot}|${h.join('|')}`)));
  return {
    code: codeVersion,
    async data() {
      const parts = [await codeVersion(), await fileVersion()];
      if (store) parts.push(sha(JSON.stringify(await store.listIngests())));
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

/** How many answers the server keeps in memory, keyed by ETag (which already encodes request and data version). */
export const RESPONSE_CACHE_ENTRIES = 500;

export function installCaching(app: FastifyInstance, versions: Versions, hasStore: boolean): void {
  // Answers by ETag: a repeated request for unchanged data is served without recomputing it.
  const answers = new Map<string, unknown>();
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const cache = req.routeOptions.config?.cache;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !cache || cache === 'none') return;
    const version = cache === 'static' ? await versions.code() : await versions.data();
    const etag = `W/"${sha(`${version}|${canonicalRequest(req.url)}`).slice(0, 32)}"`;
    void reply.header('etag', etag).header('cache-control', cacheControl(cache, hasStore));
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    if (answers.has(etag)) {
      const body = answers.get(etag);
      answers.delete(etag);
      answers.set(etag, body); // most recently used last
      return reply.send(body);
    }
  });
  app.addHook('preSerialization', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const etag = reply.getHeader('etag');
    const cache = req.routeOptions.config?.cache;
    if (typeof etag !== 'string' || reply.statusCode !== 200 || !cache || cache === 'none' || answers.has(etag)) return payload;
    answers.set(etag, payload);
    if (answers.size > RESPONSE_CACHE_ENTRIES) answers.delete(answers.keys().next().value!);
    return payload;
  });
}
