import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { createApp } from './app.js';
import { cacheControlFor, contentType, IMMUTABLE, pickEncoding, registerWebStatic, requestPath, REVALIDATE } from './web-static.js';

// A build folder shaped like Vite's output (index.html, hashed assets/, public files).
const INDEX = '<!doctype html><html><head><title>t</title></head><body><main id="main">shell</main></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
const ICON = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';

let dir: string;
let app: FastifyInstance;

/** The API app serving the dashboard from `distDir` (given to createApp once it registers the dashboard itself). */
async function appWith(distDir: string): Promise<FastifyInstance> {
  const options = { store: null, datasetsRoot: datasetsRoot(), webDistDir: distDir };
  const a = await createApp(options);
  if (!a.hasRoute({ method: 'GET', url: '/*' })) await registerWebStatic(a, { distDir });
  return a;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-static-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'assets', 'index-AbC123.js'), SCRIPT);
  await writeFile(join(dir, 'favicon.svg'), ICON);
  app = await appWith(dir);
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('registerWebStatic', () => {
  it('serves the shell at / with a validator and no-cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(res.body).toBe(INDEX);
  });

  it('answers 304 to a matching If-None-Match (also weak, also in a list)', async () => {
    const first = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    const etag = first.headers.etag as string;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'if-none-match': inm } });
      expect(res.statusCode).toBe(304);
      expect(res.body).toBe('');
    }
    const miss = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'if-none-match': '"nope"' } });
    expect(miss.statusCode).toBe(200);
  });

  it('serves hashed assets as immutable, precompressed as the client accepts', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

    const gz = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('serves public files with their type and a short cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body).toBe(ICON);
  });

  it('falls back to the shell for client-side routes, dots and queries included', async () => {
    for (const url of ['/bitcoin?window=1y', '/pool/BTC.com', '/pool/Foundry%20USA?level=entity', '/ai/entity/Google?d=ai/compute-owners', '/no/such/page']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
    }
  });

  it('leaves /api to the API: its routes answer, unknown paths get its JSON 404', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/distributions' });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { distributions: { id: string }[] }).distributions.map((d) => d.id)).toContain('bitcoin/pools');
    const open = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect((open.json() as { openapi: string }).openapi).toBe('3.1.0');
    for (const url of ['/api/nope', '/api', '/api/metrics']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect((res.json() as { error: { type: string } }).error.type, url).toBe('NotFoundError');
    }
  });

  it('answers 404 for a missing asset instead of the shell', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-gone.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<html');
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/%00', '/%E0%A4%A']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('"devDependencies"');
      expect([200, 400, 404], url).toContain(res.statusCode);
    }
    expect((await app.inject({ method: 'GET', url: '/%E0%A4%A' })).statusCode).toBe(400);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/assets/index-AbC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body).toBe('');
  });
});

describe('registerWebStatic without a build', () => {
  it('answers pages with 503 naming the build command; the API still works', async () => {
    const bare = await appWith(join(dir, 'missing'));
    try {
      const page = await bare.inject({ method: 'GET', url: '/bitcoin' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build:web');
      expect(page.headers['cache-control']).toBe('no-store');
      expect((await bare.inject({ method: 'GET', url: '/api/distributions' })).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('registerWebStatic result', () => {
  it('reports whether a build was found and how many files it serves', async () => {
    const a = Fastify();
    const b = Fastify();
    try {
      expect(await registerWebStatic(a, { distDir: dir })).toEqual({ built: true, files: 3 });
      expect(await registerWebStatic(b, { distDir: join(dir, 'missing') })).toEqual({ built: false, files: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('helpers', () => {
  it('content types by extension', () => {
    expect(contentType('/a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/x.css')).toBe('text/css; charset=utf-8');
    expect(contentType('/x.png')).toBe('image/png');
    expect(contentType('/x.unknown')).toBe('application/octet-stream');
  });

  it('cache classes', () => {
    expect(cacheControlFor('/assets/x-1.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/index.html')).toBe(REVALIDATE);
    expect(cacheControlFor('/favicon.svg')).toBe('public, max-age=3600');
  });

  it('request paths: decoded, query dropped, traversal and bad escapes refused', () => {
    expect(requestPath('/pool/Foundry%20USA?x=1')).toBe('/pool/Foundry USA');
    expect(requestPath('/a/../b')).toBeNull();
    expect(requestPath('/a/%2e%2e/b')).toBeNull();
    expect(requestPath('/%ZZ')).toBeNull();
  });

  it('encoding choice: br only when br (or *) is accepted with q > 0, else gzip likewise, else none', () => {
    const both = { br: Buffer.from('b'), gzip: Buffer.from('g') };
    const token = fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'br;q=0', 'gzip;q=0', 'br;q=0.5', 'gzip; q=1', '*;q=0');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 5 }), (tokens) => {
        const header = tokens.join(', ');
        const on = (name: string) => tokens.some((t) => t.split(';')[0]!.trim() === name && !/q=0$/.test(t.replace(/\s/g, '')));
        const expected = on('br') || on('*') ? 'br' : on('gzip') || on('*') ? 'gzip' : null;
        expect(pickEncoding(header, both)).toBe(expected);
      }),
    );
    expect(pickEncoding('br', { gzip: Buffer.from('g') })).toBeNull();
    expect(pickEncoding(undefined, both)).toBeNull();
  });
});
