/**
 * Transport failures of the HTTP block sources, each against a fake node on 127.0.0.1: rate
 * limiting (429 + Retry-After), timeouts, transient 503s, auth failures (401, cookie rotation),
 * malformed JSON, RPC errors, JSON-RPC batching and bounded concurrency.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DecodeError, NotFoundError, SourceError } from '../../domain/errors.js';
import { FakeChain, linkedChain } from '../../../test/helpers/fake-chain.js';
import { startFakeCoreRest } from '../../../test/helpers/fake-core-rest.js';
import { startFakeCoreRpc } from '../../../test/helpers/fake-core-rpc.js';
import { startFakeEsplora } from '../../../test/helpers/fake-esplora.js';
import { json, text, type FakeServer } from '../../../test/helpers/fake-http.js';
import { CoreRestSource } from './core-rest.js';
import { CoreRpcSource } from './core-rpc.js';
import { EsploraSource } from './esplora.js';
import { retryAfterMs } from '../http/request.js';

const blocks = linkedChain(40);
const chain = new FakeChain(blocks);
let server: FakeServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates (RFC 9110 §10.2.3); unreadable or absent is null', () => {
    const now = Date.parse('2024-04-20T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Sat, 20 Apr 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 19 Apr 2024 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('Esplora under rate limiting', () => {
  it('HTTP 429 with Retry-After: 1 waits about a second, then succeeds', async () => {
    const s = (server = await startFakeEsplora(chain));
    s.intercept = (_req, n) => (n === 1 ? text(429, 'Too Many Requests', { 'retry-after': '1' }) : undefined);
    const src = new EsploraSource({ url: s.api, backoffMs: 5 });
    const t0 = performance.now();
    expect(await src.hashAt(7)).toBe(blocks[7]!.hash);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(s.requests.length).toBe(2);
  });

  it('a Retry-After longer than allowed fails at once with a clear SourceError', async () => {
    const s = (server = await startFakeEsplora(chain));
    s.intercept = () => text(429, 'Too Many Requests', { 'retry-after': '3600' });
    const src = new EsploraSource({ url: s.api, maxRetryAfterMs: 60_000 });
    await expect(src.hashAt(1)).rejects.toThrow(/failed after 1 attempt\(s\): HTTP 429 Too Many Requests, asked to wait 3600 s \(more than the 60 s allowed\); try later$/);
    expect(s.requests.length).toBe(1);
  });

  it('never has more requests in flight than its concurrency', async () => {
    const s = (server = await startFakeEsplora(chain));
    const arrivals: number[] = [];
    s.intercept = (req) => {
      arrivals.push(performance.now());
      const h = Number(/block-height\/(\d+)/.exec(req.path)?.[1]);
      return { ...text(200, blocks[h]!.hash), delayMs: 60 };
    };
    const src = new EsploraSource({ url: s.api, concurrency: 2 });
    const heights = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(await src.hashesAt(heights)).toEqual(heights.map((h) => blocks[h]!.hash));
    // With at most 2 in flight, request i + 2 can only start after request i was answered (60 ms).
    for (let i = 0; i + 2 < arrivals.length; i++) expect(arrivals[i + 2]! - arrivals[i]!).toBeGreaterThanOrEqual(50);
  });
});

describe('timeouts and transient errors', () => {
  it('a node that does not answer in time: SourceError after the retries, naming the URL', async () => {
    const s = (server = await startFakeCoreRest(chain));
    s.intercept = () => ({ ...json(200, {}), delayMs: 3000 });
    const src = new CoreRestSource({ url: s.url, timeoutMs: 150, retries: 1, backoffMs: 5 });
    const err = await src.tip().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe(`${s.url}/rest/chaininfo.json failed after 2 attempt(s): no complete answer within 150 ms`);
    expect(s.requests.length).toBe(2);
  });

  it('503 (Core warming up) is retried with back-off', async () => {
    const s = (server = await startFakeCoreRest(chain));
    s.intercept = (_r, n) => (n <= 2 ? text(503, 'Service temporarily unavailable: Loading block index…\r\n') : undefined);
    const src = new CoreRestSource({ url: s.url, backoffMs: 5 });
    expect(await src.tip()).toEqual({ height: 39, hash: blocks[39]!.hash });
    expect(s.requests.length).toBe(3);
  });

  it('a REST node without -rest (404 on chaininfo) says so', async () => {
    const s = (server = await startFakeCoreRest(chain));
    s.intercept = () => text(404, 'Not Found');
    await expect(new CoreRestSource({ url: s.url }).tip()).rejects.toThrow(/is the node started with -rest\?/);
  });
});

describe('Core JSON-RPC', () => {
  it('wrong credentials: HTTP 401 → SourceError (exit 2) that does not print the password', async () => {
    const s = (server = await startFakeCoreRpc(chain));
    const src = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'wrong-horse' } });
    const err = await src.tip().catch((e: unknown) => e);
    expect(err).toMatchObject({ constructor: SourceError, exitCode: 2 });
    expect((err as Error).message).toBe(`rpc://127.0.0.1:${s.port}: HTTP 401 Unauthorized: the node rejected rpcuser/rpcpassword`);
    expect((err as Error).message).not.toContain('wrong-horse');
    expect(s.requests.length).toBe(1);
  });

  it('cookie auth re-reads the cookie once on 401 (the node restarted and wrote a new one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nk-cookie-'));
    const cookie = join(dir, '.cookie');
    writeFileSync(cookie, '__cookie__:old');
    const s = (server = await startFakeCoreRpc(chain, { user: '__cookie__', password: 'new' }));
    const src = new CoreRpcSource({ url: s.url, auth: { cookieFile: cookie } });
    await expect(src.tip()).rejects.toThrow(/rejected the cookie in .*\.cookie/);
    writeFileSync(cookie, '__cookie__:new\n');
    expect((await src.tip()).height).toBe(39);
  });

  it('a missing cookie file is a SourceError naming it', async () => {
    const src = new CoreRpcSource({ url: 'http://127.0.0.1:1/', auth: { cookieFile: '/nonexistent/.cookie' } });
    await expect(src.tip()).rejects.toThrow(/cannot read the cookie file \/nonexistent\/\.cookie/);
  });

  it('malformed JSON: DecodeError naming the call and the byte offset', async () => {
    const s = (server = await startFakeCoreRpc(chain));
    s.intercept = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"result":"0000", "error": nul' });
    const src = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' } });
    const err = await src.hashAt(3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).position.input).toBe(`rpc://127.0.0.1:${s.port} getblockhash`);
    expect((err as DecodeError).position.offset).toBeGreaterThanOrEqual(27);
  });

  it('RPC errors: height out of range (-8) and unknown block (-5) are NotFoundError; others SourceError with code and message', async () => {
    const s = (server = await startFakeCoreRpc(chain));
    const src = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' } });
    await expect(src.hashAt(40)).rejects.toThrow(new NotFoundError(`rpc://127.0.0.1:${s.port}: getblockhash 40: RPC error -8: Block height out of range`));
    await expect(src.block('cd'.repeat(32))).rejects.toBeInstanceOf(NotFoundError);
    await expect(src.call('stop')).rejects.toThrow(/RPC error -32601: Method not found/);
  });

  it('RPC_IN_WARMUP (-28) is waited out', async () => {
    const s = (server = await startFakeCoreRpc(chain));
    s.intercept = (req, n) => (n <= 2 ? json(500, { result: null, error: { code: -28, message: 'Loading block index…' }, id: (JSON.parse(req.body) as { id: number }).id }) : undefined);
    const src = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' }, backoffMs: 5 });
    expect(await src.hashAt(2)).toBe(blocks[2]!.hash);
    expect(s.requests.length).toBe(3);
  });

  it('an HTML error page (proxy in front of the node) is a SourceError with the status', async () => {
    const s = (server = await startFakeCoreRpc(chain));
    s.intercept = () => ({ status: 500, headers: { 'content-type': 'text/html' }, body: '<html>Internal Server Error</html>' });
    const src = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' } });
    await expect(src.tip()).rejects.toThrow(/HTTP 500 Internal Server Error: <html>Internal Server Error<\/html>/);
  });

  it('batches getblockhash: 35 heights in one HTTP request (two with maxBatch 20)', async () => {
    const s = (server = await startFakeCoreRpc(chain));
    const heights = Array.from({ length: 35 }, (_, i) => 34 - i);
    const one = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' } });
    expect(await one.hashesAt(heights)).toEqual(heights.map((h) => blocks[h]!.hash));
    expect(s.requests.length).toBe(1);
    const two = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' }, maxBatch: 20 });
    expect(await two.hashesAt(heights)).toEqual(heights.map((h) => blocks[h]!.hash));
    expect(s.requests.length).toBe(3);
  });

  it('a batch entry that fails fails the batch with that entry\'s error', async () => {
    const s = (server = await startFakeCoreRpc(chain, { style: '2.0' }));
    const src = new CoreRpcSource({ url: s.url, auth: { user: 'alice', password: 'secret' } });
    await expect(src.hashesAt([1, 2, 99])).rejects.toThrow(/getblockhash 99: RPC error -8/);
  });
});
