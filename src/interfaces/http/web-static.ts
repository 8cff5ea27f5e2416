/**
 * @module The built dashboard (`npm run build:web` → web/dist) as a fastify plugin:
 * `registerWebStatic(app, { distDir })` reads every file once, answers GET/HEAD with the right
 * content type, a strong ETag (304 on If-None-Match) and caching — hashed files under /assets/ are
 * immutable for a year, index.html is revalidated every time — precompressed (br, gzip) when the
 * client accepts it, and falls back to index.html for any other non-/api path (client-side routes
 * such as /pool/AntPool). /api/… paths that no route matched stay the API's JSON 404. Without a
 * build, pages answer 503 naming the command that builds them; the API is unaffected.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';

/** Where `npm run build:web` (and `npm ci`, through `prepare`) puts the dashboard. */
export const DEFAULT_WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

export interface WebStaticOptions {
  /** Folder of the Vite build (holds index.html and assets/). */
  readonly distDir: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Content type by file extension; unknown types are served as bytes. */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
export const SHORT = 'public, max-age=3600';

/** Cache-Control of a served path: hashed assets forever, the HTML shell never without revalidation. */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  if (urlPath === '/index.html' || urlPath.endsWith('.html')) return REVALIDATE;
  return SHORT;
}

interface Entry {
  readonly type: string;
  readonly etag: string;
  readonly cache: string;
  readonly body: Buffer;
  readonly br?: Buffer;
  readonly gzip?: Buffer;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listFiles(p)));
    else if (d.isFile()) out.push(p);
  }
  return out;
}

function entry(urlPath: string, body: Buffer): Entry {
  const type = contentType(urlPath);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const base = { type, etag, cache: cacheControlFor(urlPath), body };
  if (!COMPRESSIBLE.test(type) || body.length < 1024) return base;
  const br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const gzip = gzipSync(body, { level: 9 });
  return { ...base, ...(br.length < body.length ? { br } : {}), ...(gzip.length < body.length ? { gzip } : {}) };
}

/** Read a build folder into URL path → entry (`/index.html`, `/assets/index-abc.js`, …). */
export async function loadDist(distDir: string): Promise<Map<string, Entry> | null> {
  const ok = await stat(join(distDir, 'index.html')).then((s) => s.isFile(), () => false);
  if (!ok) return null;
  const files = new Map<string, Entry>();
  for (const file of await listFiles(distDir)) {
    const urlPath = '/' + relative(distDir, file).split(sep).join('/');
    files.set(urlPath, entry(urlPath, await readFile(file)));
  }
  return files;
}

/** Which precompressed body to send for an Accept-Encoding header (br preferred, q=0 respected). */
export function pickEncoding(header: string | undefined, e: Pick<Entry, 'br' | 'gzip'>): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name) accepted.add(name);
  }
  if (e.br && (accepted.has('br') || accepted.has('*'))) return 'br';
  if (e.gzip && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return null;
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
}

/** URL path of a request, decoded, or null when it is malformed or tries to leave the folder. */
export function requestPath(url: string): string | null {
  const raw = url.split('?')[0]!.split('#')[0]!;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.split('/').some((seg) => seg === '..')) return null;
  return path;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Dashboard not built</title>
<p>The dashboard has not been built. Run <code>npm run build:web</code> (it runs on <code>npm ci</code>), then restart <code>nakamoto serve</code>. The JSON API is at <a href="/openapi.json">/openapi.json</a>.</p></html>`;

function send(req: FastifyRequest, reply: FastifyReply, e: Entry, status = 200): FastifyReply {
  void reply.header('etag', e.etag).header('cache-control', e.cache).header('x-content-type-options', 'nosniff').header('vary', 'Accept-Encoding');
  if (ifNoneMatch(req.headers['if-none-match'], e.etag)) return reply.code(304).send();
  const enc = pickEncoding(req.headers['accept-encoding'], e);
  const body = enc === 'br' ? e.br! : enc === 'gzip' ? e.gzip! : e.body;
  if (enc) void reply.header('content-encoding', enc);
  return reply.code(status).type(e.type).send(body);
}

/**
 * Register the dashboard on an app (after its API routes). Resolves once the build is read; a
 * missing build is not an error (pages answer 503 until it exists and the server restarts).
 */
export async function registerWebStatic(app: FastifyInstance, opts: WebStaticOptions): Promise<{ built: boolean; files: number }> {
  const files = await loadDist(opts.distDir);
  const index = files?.get('/index.html');
  const handler = (req: FastifyRequest, reply: FastifyReply) => {
    const path = requestPath(req.url);
    if (path === null) return reply.code(400).type('text/plain; charset=utf-8').send('bad request path');
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    if (!files || !index) return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
    const hit = files.get(path === '/' ? '/index.html' : path);
    if (hit) return send(req, reply, hit);
    if (path.startsWith('/assets/')) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(`no such file: ${path}`);
    return send(req, reply, index);
  };
  app.get('/', handler);
  app.get('/*', handler);
  return { built: Boolean(index), files: files?.size ?? 0 };
}
