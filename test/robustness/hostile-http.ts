/**
 * The hostile-HTTP figure: the real server in a child process on 127.0.0.1, then `count` requests an
 * attacker would send (path traversal in every encoding, unknown routes, every documented parameter
 * of every route with junk values, repeated and unknown parameters, huge URLs and headers, other
 * methods with bodies, malformed percent-encoding, raw malformed HTTP on a socket), mixed with valid
 * requests. Counts responses by status class (a 5xx is a defect; a dropped connection is counted
 * apart) and compares the server's memory after a full GC with its baseline after a warm-up.
 * Valid simulations are sent one at a time (the server allows one at once: a 503 then would be by
 * design, not a defect).
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEB_DIST } from '../../src/interfaces/http/web-static.js';
import { request, Agent } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../src/random/prng.js';

const CHILD = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

export interface HostileResult {
  readonly requests: number;
  readonly byClass: Record<string, number>;
  readonly fiveXx: readonly string[];
  readonly dropped: readonly string[];
  readonly seconds: number;
  /** Which dashboard build the server had. */
  readonly dashboard: string;
  readonly memory: { readonly baselineHeapMb: number; readonly afterHeapMb: number; readonly baselineRssMb: number; readonly afterRssMb: number };
}

interface Req {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Sent as raw bytes on a socket (malformed HTTP). */
  readonly raw?: string;
  /** A simulation that runs: sent alone. */
  readonly exclusive?: boolean;
}

const JUNK = ['', 'bad', '-1', '0', '1e308', '-1e308', 'NaN', 'Infinity', '0x10', '9'.repeat(400), '%00', '%zz', '<script>alert(1)</script>', '../../etc/passwd', "' OR 1=1 --", '𝄞é\u202e', '2020-13-45', '99999-01-01', '1d', '0d', '-5d', 'a,b,c', '1,,2', 'true', '{"$gt":""}', '__proto__', 'constructor', '=cmd|x'];
const TRAVERSAL = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%252e%252e/%252e%252e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json', '//etc/passwd', '/index.html%00.js', '/assets/%00', '/..\\..\\windows\\win.ini', '/.git/config', '/.env', '/node_modules/.package-lock.json', '/report.html/../../package.json', '/api/../../../etc/shadow', '/%c0%ae%c0%ae/etc/passwd', '/web/dist/../../../README.md'];

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** The routes and their query parameters, from the server's own OpenAPI document. */
interface RouteInfo {
  readonly path: string;
  readonly params: readonly string[];
}

function routesFrom(openapi: { paths: Record<string, { get?: { parameters?: { name: string; in: string; example?: unknown; schema?: { example?: unknown } }[] } }> }): RouteInfo[] {
  return Object.entries(openapi.paths).map(([p, ops]) => {
    const params = ops.get?.parameters ?? [];
    let path = p;
    for (const q of params.filter((x) => x.in === 'path')) path = path.replace(`{${q.name}}`, String(q.example ?? q.schema?.example ?? 'x'));
    return { path, params: params.filter((x) => x.in === 'query').map((x) => x.name) };
  });
}

function hostileRequest(rng: Rng, routes: readonly RouteInfo[]): Req {
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)]!;
  const route = pick(routes);
  switch (rng.int(12)) {
    case 0:
      return { method: 'GET', path: pick(TRAVERSAL) };
    case 1:
      return { method: 'GET', path: `/api/${enc(pick(JUNK))}/${rng.int(1000)}` };
    case 2:
    case 3:
    case 4: {
      // Every documented parameter of a route, some with junk, sometimes repeated or unknown.
      const qs: string[] = [];
      for (const name of route.params) if (rng.int(2) === 0) qs.push(`${name}=${enc(pick(JUNK))}`);
      if (rng.int(4) === 0 && route.params.length > 0) qs.push(`${pick(route.params)}=1`, `${pick(route.params)}=2`);
      if (rng.int(6) === 0) qs.push(`${enc(pick(JUNK))}=${enc(pick(JUNK))}`);
      return { method: 'GET', path: `${route.path}?${qs.join('&')}` };
    }
    case 5: {
      const method = pick(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']);
      const body = pick(['{', '{"a":1}', 'x'.repeat(200_000), '\u0000'.repeat(10), '[]']);
      return { method, path: route.path, headers: { 'content-type': pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) }, body };
    }
    case 6:
      return { method: 'GET', path: `${route.path}?${'a'.repeat(pick([2_000, 20_000, 80_000]))}=1` };
    case 7:
      return { method: 'GET', path: route.path, headers: { 'x-junk': 'v'.repeat(pick([1_000, 20_000])), 'accept-encoding': pick(['gzip;q=abc', 'br, *;q=-1', 'x'.repeat(500), 'identity;q=0']), 'if-none-match': pick(['"x"', '*', 'W/"' + 'a'.repeat(300) + '"']), range: 'bytes=0-1,5-' } };
    case 8:
      return { method: 'GET', path: `${route.path}?${pick(['%', '%zz', '%c0%af', '%ff%fe', 'a=%', '&&&', '=&=', 'window=%00'])}` };
    case 9:
      return {
        method: 'RAW',
        path: '(raw)',
        raw: pick([
          'GET / HTTP/9.9\r\n\r\n',
          'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
          'POST /api/sources HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
          'GET /api/sources HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
          'BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n',
          'GET /api/distributions HTTP/1.1\r\n' + 'X: y\r\n'.repeat(3000) + '\r\n',
          '\r\n\r\n\r\n',
          'GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n',
        ]),
      };
    case 10: {
      // A simulation: mostly invalid (400/404), sometimes a small valid run.
      const name = pick(['selfish-mining', 'latency-race', 'nope', '..%2fpackage', 'bittensor-like-rewards']);
      const valid = name === 'selfish-mining' && rng.int(3) === 0;
      const set = valid ? `blocks=${1 + rng.int(2000)}` : pick(['blocks=0', 'blocks=1e12', 'gamma01=2', 'reward.emissionPerStep=1e308', 'x.y.z=1', 'parties.99.share01=0.1', '=', 'a=b=c', enc(pick(JUNK))]);
      return { method: 'GET', path: `/api/simulate/${name}?runs=${valid ? 1 : pick(['1', '0', '1e9', '-1', 'x'])}&seed=${rng.int(100)}&set=${set}`, exclusive: valid };
    }
    default:
      return { method: 'GET', path: route.path };
  }
}

function send(port: number, agent: Agent, r: Req): Promise<number | string> {
  const raw = r.raw;
  if (raw !== undefined) {
    return new Promise((resolve) => {
      const s = connect(port, '127.0.0.1');
      let data = '';
      s.setTimeout(10_000, () => s.destroy());
      s.on('connect', () => s.end(raw));
      s.on('data', (d: Buffer) => (data += d.toString('latin1')));
      s.on('error', () => undefined);
      s.on('close', () => {
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
        resolve(m ? Number(m[1]) : 'closed');
      });
    });
  }
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers, agent, timeout: 60_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (e) => resolve(`response error ${e.message}`));
    });
    req.on('error', (e) => resolve(`request error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    if (r.body !== undefined) req.end(r.body);
    else req.end();
  });
}

/**
 * The dashboard build to serve: web/dist when built (as `npm ci` leaves it), else a minimal stand-in
 * (an index.html and one hashed asset), so the static-file handler is attacked as in production
 * rather than answering its "not built" 503 page.
 */
function dashboardDir(): { dir: string; label: string } {
  if (existsSync(join(DEFAULT_WEB_DIST, 'index.html'))) return { dir: DEFAULT_WEB_DIST, label: 'web/dist (the real build)' };
  const dir = mkdtempSync(join(tmpdir(), 'nk-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>nakamoto</title><script type="module" src="/assets/index-0a1b2c3d.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-0a1b2c3d.js'), 'document.title = "nakamoto";');
  return { dir, label: 'a minimal stand-in (web/dist is not built: npm run build:web)' };
}

export async function hostileHttp(o: { count: number; warmup?: number; seed?: number; concurrency?: number }): Promise<HostileResult> {
  const web = dashboardDir();
  const child = fork(CHILD, [web.dir], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /url (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (c) => reject(new Error(`server exited (${c})`)));
    });
    const port = Number(new URL(url).port);
    const mem = () =>
      new Promise<{ heapUsed: number; rss: number }>((resolve) => {
        child.once('message', (m) => resolve(m as { heapUsed: number; rss: number }));
        child.send('mem');
      });
    const openapi = (await (await fetch(`${url}/openapi.json`)).json()) as Parameters<typeof routesFrom>[0];
    const routes = routesFrom(openapi);
    // A new connection per request, as an attacker's scanner would (and no reuse of a socket the server closed).
    const agent = new Agent({ keepAlive: false, maxSockets: o.concurrency ?? 8 });
    const run = async (n: number, seed: number, tally?: { byClass: Record<string, number>; fiveXx: string[]; dropped: string[] }) => {
      let next = 0;
      let exclusive = Promise.resolve();
      const worker = async () => {
        for (;;) {
          const i = next++;
          if (i >= n) return;
          const r0 = hostileRequest(Rng.forReplicate(seed, i), routes);
          // Anything that may start a simulation is sent alone (one simulation at once is the server's limit).
          const r = /^\/api\/simulate\/[^/?]+(\?|$)/.test(r0.path) ? { ...r0, exclusive: true } : r0;
          let status: number | string;
          if (r.exclusive) {
            const prev = exclusive;
            let done!: () => void;
            exclusive = new Promise((res) => (done = res));
            await prev;
            status = await send(port, agent, r);
            done();
          } else status = await send(port, agent, r);
          if (!tally) continue;
          const cls = typeof status === 'number' ? `${Math.floor(status / 100)}xx` : 'no response';
          tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
          if (typeof status === 'number' && status >= 500 && tally.fiveXx.length < 20) tally.fiveXx.push(`${status} ${r.method} ${r.path.slice(0, 200)}`);
          if (typeof status === 'string' && tally.dropped.length < 20) tally.dropped.push(`${status}: ${r.method} ${(r.raw ?? r.path).slice(0, 120).replace(/[\r\n]+/g, ' ')}`);
        }
      };
      await Promise.all(Array.from({ length: o.concurrency ?? 8 }, worker));
    };
    await run(o.warmup ?? 1000, (o.seed ?? 1) + 1_000_000);
    const before = await mem();
    const tally = { byClass: {} as Record<string, number>, fiveXx: [] as string[], dropped: [] as string[] };
    const t0 = performance.now();
    await run(o.count, o.seed ?? 1, tally);
    const seconds = (performance.now() - t0) / 1000;
    agent.destroy();
    await new Promise((r) => setTimeout(r, 500));
    const after = await mem();
    const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;
    return { requests: o.count, dashboard: web.label, byClass: tally.byClass, fiveXx: tally.fiveXx, dropped: tally.dropped, seconds, memory: { baselineHeapMb: mb(before.heapUsed), afterHeapMb: mb(after.heapUsed), baselineRssMb: mb(before.rss), afterRssMb: mb(after.rss) } };
  } finally {
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
  }
}
