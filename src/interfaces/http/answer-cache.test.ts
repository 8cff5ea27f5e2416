/**
 * The answer cache and what it is keyed on, and the limits in front of uncached work:
 * - answers are kept compressed (gzip and brotli, once per entry) and bounded in bytes;
 * - the data version follows file *content*: a refreshed dataset file at the same path gives a
 *   new ETag and a new answer without a restart (#16 defect 10);
 * - invalid parameters are rejected before any data is touched (#16 defect 6);
 * - uncached work is limited per client (429 with Retry-After), cached answers never are.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { datasetPath, datasetsRoot } from '../../sources/files/datasets-path.js';
import type { Store } from '../../store/store.js';
import { createApp } from './app.js';
import { AnswerCache, installCaching, pickEncoding } from './caching.js';

describe('AnswerCache', () => {
  it('is bounded in bytes (raw + gzip + brotli), least recently used out first', () => {
    const c = new AnswerCache(10_000);
    const entry = (n: number) => ({ type: 'application/json', raw: Buffer.alloc(n), gzip: Buffer.alloc(n / 10), br: Buffer.alloc(n / 20) });
    c.set('a', entry(2000)); // 2300 bytes
    c.set('b', entry(2000));
    c.set('c', entry(2000));
    expect(c.bytes).toBe(6900);
    c.get('a'); // a is now most recent
    c.set('d', entry(2000));
    c.set('e', entry(2000)); // 11500 > 10000: the least recently used (b) leaves
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.bytes).toBeLessThanOrEqual(10_000);
    c.set('huge', entry(8000)); // more than a quarter of the bound: not kept
    expect(c.get('huge')).toBeUndefined();
  });
  it('negotiates br, then gzip, then identity; q=0 refuses', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip, br;q=0')).toBe('gzip');
    expect(pickEncoding('deflate')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
  });
});

describe('answers are compressed once and served from memory', () => {
  it('br, gzip and identity carry the same JSON; the handler runs once per ETag', async () => {
    const app = fastify();
    const cache = installCaching(app, { code: () => Promise.resolve('v1'), data: () => Promise.resolve('d1') }, false);
    let calls = 0;
    const big = Array.from({ length: 2000 }, (_, i) => ({ i, name: `entity-${i % 37}` }));
    app.get('/api/x', { config: { cache: 'data' } }, async () => ({ calls: ++calls, big }));
    const br = await app.inject({ url: '/api/x', headers: { 'accept-encoding': 'gzip, br' } });
    const gz = await app.inject({ url: '/api/x', headers: { 'accept-encoding': 'gzip' } });
    const plain = await app.inject({ url: '/api/x' });
    expect(calls).toBe(1);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers.vary).toMatch(/accept-encoding/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(JSON.parse(plain.body)).toEqual({ calls: 1, big });
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(plain.rawPayload.length + gz.rawPayload.length + br.rawPayload.length);
    await app.close();
  });
});

describe('#16 defect 10: the data version follows file content, not the datasets path', () => {
  it('a refreshed dataset file at the same path gives a new ETag and the new answer, without a restart', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nk-ds-'));
    const rel = 'bitcoin/cbeci-mining-map/cbeci_mining_countries_2019-09_2022-01.csv';
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    cpSync(datasetPath(rel), join(root, rel));
    const app = await createApp({ store: null, datasetsRoot: root, caching: { checkEveryMs: 0 } });
    try {
      const url = '/api/metrics/bitcoin/hashrate-by-country?window=1m&metrics=max-share&from=2019-09-01&to=2019-11-01';
      const before = await app.inject({ url });
      expect(before.statusCode, before.body).toBe(200);
      const share = (body: string) => (JSON.parse(body) as { rows: { 'max-share': number }[] }).rows[0]!['max-share'];
      expect(share(before.body)).toBeCloseTo(0.7553, 3);
      // The publisher refreshes the file (same path): 10 points of September 2019 move from China to Other.
      const text = readFileSync(join(root, rel), 'utf8')
        .replace('2019-09-01,Mainland China,75.53%,66.76', '2019-09-01,Mainland China,65.53%,57.92')
        .replace('2019-09-01,Other,6.1%,5.39', '2019-09-01,Other,16.1%,14.23');
      writeFileSync(join(root, rel), text);
      const after = await app.inject({ url, headers: { 'if-none-match': before.headers.etag as string } });
      expect(after.statusCode, after.body).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(share(after.body)).toBeLessThan(share(before.body));
    } finally {
      await app.close();
    }
  });
  it('two folders with the same content share an ETag (the path is not part of it)', async () => {
    const rel = 'bitcoin/cbeci-mining-map/cbeci_mining_countries_2019-09_2022-01.csv';
    const roots = [mkdtempSync(join(tmpdir(), 'nk-ds-a-')), mkdtempSync(join(tmpdir(), 'nk-ds-b-'))];
    const etags: string[] = [];
    for (const root of roots) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      cpSync(datasetPath(rel), join(root, rel));
      const app = await createApp({ store: null, datasetsRoot: root });
      etags.push((await app.inject({ url: '/api/metrics/bitcoin/hashrate-by-country?window=1y' })).headers.etag as string);
      await app.close();
    }
    expect(etags[0]).toBe(etags[1]);
  });
});

/** A store that counts every call (and fails it): proves a request never reached the data. */
function trapStore(): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const store = new Proxy({} as Store, {
    get(_t, prop) {
      if (prop === 'dataVersion') return () => Promise.resolve('v');
      if (prop === 'location') return 'trap';
      if (prop === 'then') return undefined;
      return () => {
        calls.push(String(prop));
        return Promise.reject(new Error(`store touched: ${String(prop)}`));
      };
    },
  });
  return { store, calls };
}

describe('#16 defect 6: invalid parameters are rejected before any data is loaded', () => {
  it.each([
    ['/api/hashrate?window=bad', 'window'],
    ['/api/metrics/bitcoin/pools?window=bad', 'window'],
    ['/api/metrics/bitcoin/pools?window=1d&from=2020-13-45', 'from'],
    ['/api/metrics/bitcoin/pools?window=1d&step=0d', 'step'],
    ['/api/metrics/bitcoin/pools?window=2016b&anchor=2020-01-01', 'anchor'],
    ['/api/pools?window=7d&at=yesterday', 'at'],
    ['/api/hashrate?window=7d&from=2024-02-01&to=2024-01-01', 'to'],
  ])('%s → 400 naming %s, store untouched', async (url, param) => {
    const { store, calls } = trapStore();
    const app = await createApp({ store, datasetsRoot: join(tmpdir(), 'no-datasets-here') });
    try {
      const r = await app.inject({ url });
      expect(r.statusCode, r.body).toBe(400);
      expect((JSON.parse(r.body) as { error: { message: string } }).error.message).toContain(param);
      expect(calls).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('per-client limits on uncached work', () => {
  it('a client asking for new answers every time gets 429 with Retry-After once its bucket is empty; cached answers still flow', async () => {
    const app = await createApp({ store: null, datasetsRoot: datasetsRoot(), caching: { clientLimits: { burst: 3, perSecond: 0.01 } } });
    try {
      const codes: number[] = [];
      for (let q = 1; q <= 5; q++) codes.push((await app.inject({ url: `/api/attack/double-spend?q=0.${q}&z=6` })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const limited = await app.inject({ url: '/api/attack/double-spend?q=0.9&z=6' });
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(limited.body).error.message).toMatch(/too many uncached requests/);
      // Answers already computed are not limited.
      expect((await app.inject({ url: '/api/attack/double-spend?q=0.1&z=6' })).statusCode).toBe(200);
      // Another client has its own bucket.
      expect((await app.inject({ url: '/api/attack/double-spend?q=0.7&z=6', remoteAddress: '127.0.0.2' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
