/**
 * HTTP caching and compression: weak ETags keyed on the request and the data version, 304 on
 * If-None-Match, Cache-Control by route class, gzip; with a real DuckDB store, an ingest changes
 * the ETag (and the answer) of data routes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ingestDataset } from '../../pipeline/ingest-dataset.js';
import { datasetPath, datasetsRoot } from '../../sources/files/datasets-path.js';
import { openDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { createApp } from './app.js';
import { installCaching } from './caching.js';
import { canonicalRequest, etagMatches } from './caching.js';

describe('ETag helpers', () => {
  it('sorts query parameters and compares weakly, with lists and *', () => {
    expect(canonicalRequest('/api/x?b=2&a=1')).toBe(canonicalRequest('/api/x?a=1&b=2'));
    expect(canonicalRequest('/api/x?a=1')).not.toBe(canonicalRequest('/api/x?a=2'));
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});

describe('without a store', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createApp({ store: null, datasetsRoot: datasetsRoot() });
  });
  afterAll(() => app.close());

  it('answers 304 with no body to a matching If-None-Match, and 200 again to a stale one', async () => {
    const url = '/api/pools?window=7d';
    const first = await app.inject({ url });
    const etag = first.headers.etag as string;
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const stale = await app.inject({ url, headers: { 'if-none-match': 'W/"0000"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });
  it('keys the ETag on the request: parameter order does not matter, values do', async () => {
    const a = await app.inject({ url: '/api/attack/double-spend?q=0.1&z=5' });
    const b = await app.inject({ url: '/api/attack/double-spend?z=5&q=0.1' });
    const c = await app.inject({ url: '/api/attack/double-spend?q=0.1&z=6' });
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(a.headers.etag).not.toBe(c.headers.etag);
    expect(a.headers['cache-control']).toBe('public, max-age=86400');
  });
  it('answers 304 before doing the work (a ci request that takes ~100 ms answers 304 in a fraction)', async () => {
    const url = '/api/metrics/bitcoin/pools?window=1m&metrics=hhi&ci&draws=1000';
    const first = await app.inject({ url });
    expect(first.statusCode).toBe(200);
    const t0 = performance.now();
    const r = await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
    expect(r.statusCode).toBe(304);
    expect(performance.now() - t0).toBeLessThan(50);
  });
  it('gzips large answers for clients that accept it; the body is the same JSON', async () => {
    const url = '/api/metrics/bitcoin/pools?window=1m';
    const plain = await app.inject({ url });
    const zipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    const raw = zipped.rawPayload;
    expect(raw.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(raw).toString('utf8')).toBe(plain.body);
  });
});

describe('with a store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nk-http-'));
  it('revalidates (no-cache), and an ingest changes the ETag, the answer, and the cached series', async () => {
    const store = await openDuckDbStore(join(dir, 'store.duckdb'));
    const app = await createApp({ store, datasetsRoot: datasetsRoot() });
    try {
      const before = await app.inject({ url: '/api/sources' });
      expect(before.headers['cache-control']).toBe('no-cache');
      expect(JSON.parse(before.body)).toEqual({ store: true, sources: [] });
      const metricsBefore = await app.inject({ url: '/api/metrics/bitcoin/pools?window=1y&source=edi' });
      expect(metricsBefore.statusCode).toBe(404);
      await ingestDataset(store, datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv'));
      const after = await app.inject({ url: '/api/sources', headers: { 'if-none-match': before.headers.etag as string } });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(JSON.parse(after.body).sources.map((s: { source: string }) => s.source)).toEqual(['edi']);
      const metricsAfter = await app.inject({ url: '/api/metrics/bitcoin/pools?window=1y&source=edi' });
      expect(metricsAfter.statusCode).toBe(200);
      expect((await app.inject({ url: '/api/sources/ingests' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('server-side answer cache', () => {
  it('answers a repeated request from memory (the handler runs once per ETag) with the same body', async () => {
    const fastify = (await import('fastify')).default;
    const app = fastify();
    installCaching(app, { code: () => Promise.resolve('v1'), data: () => Promise.resolve('d1') }, false);
    let calls = 0;
    app.get('/api/x', { config: { cache: 'data' } }, async () => ({ calls: ++calls }));
    app.get('/api/y', { config: { cache: 'none' } }, async () => ({ calls: ++calls }));
    const a = await app.inject('/api/x?b=2&a=1');
    const b = await app.inject('/api/x?a=1&b=2');
    expect(a.json()).toEqual({ calls: 1 });
    expect(b.json()).toEqual({ calls: 1 });
    expect(b.headers.etag).toBe(a.headers.etag);
    await app.inject('/api/y');
    await app.inject('/api/y');
    expect(calls).toBe(3); // uncached route runs every time
    await app.close();
  });
});
