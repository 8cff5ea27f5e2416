/**
 * @module Block-source URLs, as `nakamoto ingest <url>` takes them:
 * - `rpc://user:pass@host:port` or `rpc://host:port?cookie=/path/.cookie` — Core JSON-RPC
 *   (no credentials: the default cookie `~/.bitcoin/.cookie`); `rpcs://` for TLS via a proxy;
 * - `rest+http://host:port` (`rest+https://`) — Core REST;
 * - `esplora+https://host/api` (`esplora+http://` for a local instance) — Esplora REST;
 * - `blocks-dir:/path/to/blocks` (`?start=<height>:<hash>` for a pruned node) — blk files.
 * Credentials never appear in the source name used for messages and provenance.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import type { ChainStart } from '../../decode/bitcoin/best-chain.js';
import type { BlockSource } from './block-source.js';
import type { RpcAuth } from './core-rpc.js';
import type { HttpOptions } from '../http/request.js';

export type SourceSpec =
  | { readonly kind: 'rpc'; readonly name: string; readonly url: string; readonly auth: RpcAuth }
  | { readonly kind: 'rest'; readonly name: string; readonly url: string }
  | { readonly kind: 'esplora'; readonly name: string; readonly url: string }
  | { readonly kind: 'blocks-dir'; readonly name: string; readonly dir: string; readonly start?: ChainStart };

const SCHEMES = /^(rpcs?:\/\/|rest\+https?:\/\/|esplora\+https?:\/\/|blocks-dir:)/i;

/** Does `text` name a live block source (rather than a dataset file)? */
export function isSourceUrl(text: string): boolean {
  return SCHEMES.test(text);
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new UsageError(`invalid source URL: ${text.replace(/\/\/[^@/]*@/, '//***@')}`);
  }
}

function parseStart(value: string, text: string): ChainStart {
  const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(value);
  if (!m) throw new UsageError(`invalid start in ${text}: ${value} (expected <height>:<64-hex block hash>)`);
  return { height: Number(m[1]), hash: m[2]!.toLowerCase() };
}

export function parseSourceUrl(text: string, env: Readonly<Record<string, string | undefined>> = process.env): SourceSpec {
  const scheme = (SCHEMES.exec(text)?.[1] ?? '').toLowerCase();
  if (scheme === 'blocks-dir:') {
    const rest = text.slice(scheme.length);
    const q = rest.indexOf('?');
    const dir = decode(q < 0 ? rest : rest.slice(0, q));
    if (dir === '') throw new UsageError('invalid source: blocks-dir: needs a folder, e.g. blocks-dir:/home/me/.bitcoin/blocks');
    const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
    const start = params.get('start');
    return { kind: 'blocks-dir', name: `blocks-dir:${dir}`, dir, ...(start ? { start: parseStart(start, text) } : {}) };
  }
  if (scheme === 'rpc://' || scheme === 'rpcs://') {
    const u = parseUrl(text);
    const http = `${scheme === 'rpcs://' ? 'https' : 'http'}://${u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname}:${u.port || '8332'}/`;
    const name = `${scheme}${u.host.includes(':') || u.port ? u.host : `${u.host}:8332`}`;
    const cookie = u.searchParams.get('cookie');
    let auth: RpcAuth;
    if (u.username !== '' || u.password !== '') {
      if (cookie) throw new UsageError(`invalid source ${name}: give either user:password@ or ?cookie=, not both`);
      auth = { user: decode(u.username), password: decode(u.password) };
    } else if (cookie) {
      auth = { cookieFile: cookie };
    } else {
      const home = env.HOME ?? env.USERPROFILE;
      const fallback = home ? join(home, '.bitcoin', '.cookie') : null;
      if (!fallback || !existsSync(fallback)) throw new UsageError(`source ${name} needs credentials: rpc://user:password@host:port or rpc://host:port?cookie=/path/to/.cookie`);
      auth = { cookieFile: fallback };
    }
    return { kind: 'rpc', name, url: http, auth };
  }
  if (scheme.startsWith('rest+') || scheme.startsWith('esplora+')) {
    const inner = text.slice(text.indexOf('+') + 1);
    const u = parseUrl(inner);
    if (u.username || u.password) throw new UsageError(`invalid source ${scheme}…: REST and Esplora take no credentials in the URL`);
    const url = inner.replace(/\/+$/, '');
    return scheme.startsWith('rest+') ? { kind: 'rest', name: `rest+${url}`, url } : { kind: 'esplora', name: `esplora+${url}`, url };
  }
  throw new UsageError(`invalid source: ${text} (expected rpc://, rest+http(s)://, esplora+http(s):// or blocks-dir:)`);
}

export interface OpenSourceOptions {
  /** Requests in flight at once (REST, Esplora). */
  readonly concurrency?: number;
  readonly http?: HttpOptions;
}

/** Each source's client is loaded when it is opened (`isSourceUrl` stays cheap for `ingest <file>`). */
export async function openBlockSource(spec: SourceSpec, opts: OpenSourceOptions = {}): Promise<BlockSource> {
  const common = { ...opts.http, name: spec.name };
  switch (spec.kind) {
    case 'rpc':
      return new (await import('./core-rpc.js')).CoreRpcSource({ ...common, url: spec.url, auth: spec.auth });
    case 'rest':
      return new (await import('./core-rest.js')).CoreRestSource({ ...common, url: spec.url, concurrency: opts.concurrency });
    case 'esplora':
      return new (await import('./esplora.js')).EsploraSource({ ...common, url: spec.url, concurrency: opts.concurrency });
    case 'blocks-dir':
      return (await import('./blocks-dir-source.js')).BlocksDirSource.open(spec.dir, spec.start ? { start: spec.start } : {});
  }
}
