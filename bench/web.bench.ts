/**
 * @module Dashboard and API speed on loopback, with the embedded default data (no store): the
 * dashboard's first contentful paint in headless Chromium (Performance API, a fresh browser
 * context each time so nothing is cached; target < 1 s), and the latency of metric queries at a
 * fixed 200 requests/s for 10 s (autocannon in a child process against 127.0.0.1 only, several
 * metric URLs in turn; target p99 < 50 ms). Figures are printed, never asserted.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildWeb, launchBrowser, startDashboard } from '../test/browser/harness.js';
import { PROJECT_ROOT } from '../src/sources/files/datasets-path.js';

const PAINTS = 5;
const RATE = 200;
const DURATION_SEC = 10;
const METRIC_PATHS = [
  '/api/metrics/bitcoin/pools?window=30d&metrics=nakamoto-coefficient,hhi,concentration-ratio=5',
  '/api/metrics/bitcoin/pools?window=1m',
  '/api/metrics/bitcoin/pools?window=1y&level=entity',
  '/api/metrics/ai/compute-owners?window=1q',
];

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// The load generator runs in its own process (the other core), not on the server's event loop.
const LOAD_SCRIPT = `
const autocannon = require(process.env.AUTOCANNON);
const o = JSON.parse(process.env.LOAD);
autocannon({ url: o.url, connections: 10, overallRate: o.rate, duration: o.duration, requests: o.paths.map((path) => ({ method: 'GET', path })) }, (err, r) => {
  if (err) { console.error(String(err)); process.exit(1); }
  console.log(JSON.stringify({ requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts }));
});`;

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function firstPaints(url: string): Promise<{ fcp: number[]; ready: number[] }> {
  const browser = await launchBrowser();
  const fcp: number[] = [];
  const ready: number[] = [];
  try {
    for (let i = 0; i < PAINTS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction("performance.getEntriesByName('first-contentful-paint').length > 0 && document.querySelector('main').dataset.status === 'ready'", undefined, { timeout: 30_000 });
      fcp.push(await page.evaluate<number>("performance.getEntriesByName('first-contentful-paint')[0].startTime"));
      ready.push(await page.evaluate<number>('performance.now()'));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { fcp, ready };
}

export async function run(log: (line: string) => void): Promise<void> {
  const dist = await mkdtemp(join(tmpdir(), 'nakamoto-web-'));
  try {
    let t = performance.now();
    await buildWeb(dist);
    log(`vite build: ${((performance.now() - t) / 1000).toFixed(2)} s`);
    t = performance.now();
    const server = await startDashboard(dist);
    log(`server start (createApp + registerWebStatic, precompressing the build): ${(performance.now() - t).toFixed(0)} ms`);
    try {
      const { fcp, ready } = await firstPaints(`${server.url}/`);
      log(`dashboard first contentful paint (${PAINTS} cold loads of /): median ${median(fcp).toFixed(0)} ms, max ${Math.max(...fcp).toFixed(0)} ms (target < 1000 ms)`);
      log(`  until every chart of / has loaded (main[data-status=ready]): median ${median(ready).toFixed(0)} ms, max ${Math.max(...ready).toFixed(0)} ms`);
      for (const path of METRIC_PATHS) await fetch(server.url + path).then((r) => r.arrayBuffer()); // load the series once
      const env = { ...process.env, AUTOCANNON: join(PROJECT_ROOT, 'node_modules/autocannon'), LOAD: JSON.stringify({ url: server.url, rate: RATE, duration: DURATION_SEC, paths: METRIC_PATHS }) };
      const cpu = process.cpuUsage();
      const load = loadavg()[0]!;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', LOAD_SCRIPT], { env, timeout: (DURATION_SEC + 30) * 1000 });
      const used = process.cpuUsage(cpu);
      const r = JSON.parse(stdout) as LoadResult;
      log(`API metric queries at ${RATE} req/s for ${DURATION_SEC} s (${METRIC_PATHS.length} URLs in turn, 10 connections): ${r.requests} requests, ${r.rps.toFixed(0)} req/s`);
      log(`  latency p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms (target p99 < 50 ms); non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`);
      // Latency at a fixed rate is queueing: it depends on the server's CPU per request and on what else the cores run.
      log(`  server CPU ${((used.user + used.system) / 1000 / r.requests).toFixed(2)} ms per request (${(((used.user + used.system) / 1e6 / DURATION_SEC) * 100).toFixed(0)}% of one core); load average before the run ${load.toFixed(2)} on ${availableParallelism()} cores`);
    } finally {
      await server.close();
    }
  } finally {
    await rm(dist, { recursive: true, force: true });
  }
}
