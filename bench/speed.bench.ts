/**
 * Issue #15: speed as users feel it, measured in one run on whole processes of the compiled CLI
 * (`bin/nakamoto.js`, built first from the current sources), each figure printed beside its target
 * and the ratio:
 * - start-up: `nakamoto --version` against a bare `node -e 0` (median of 7; target ratio ≤ 3);
 * - one pass from a file: every default metric of every daily window 2020–2026 with population ±1,
 *   `metrics bitcoin/pools --input <per-block CSV.gz>`, against the pandas reference
 *   (bench/pandas_metrics.py, Debian python3-pandas at /usr/bin/python3) on the same file; the two
 *   outputs are checked equal (to the printed precision) before the ratio is printed (target ≤ 1);
 *   and against the EDI tool's published cost (~100 s for daily windows; target ≥ 100×);
 * - ingest of the same file into a fresh DuckDB store, whole process (target < 1 s);
 * - the HTTP API (`nakamoto serve` on that store, a child process) under a mix of 8 GET URLs at 200
 *   requests/s for 10 s (autocannon in another process, 127.0.0.1 only; target p99 < 50 ms), then
 *   the highest rate of a doubling ladder that keeps p99 < 100 ms.
 * The machine and its load average are printed: on a shared machine the figures are noisy.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildCli } from '../scripts/build-cli.js';
import { datasetPath, PROJECT_ROOT } from '../src/sources/files/datasets-path.js';

const BIN = join(PROJECT_ROOT, 'bin/nakamoto.js');
const PYTHON = '/usr/bin/python3';
const PANDAS = join(PROJECT_ROOT, 'bench/pandas_metrics.py');
const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
/** The EDI tool's aggregation cost for daily windows from its pre-parsed input, as issue #15 measured it. */
const EDI_TOOL_SEC = 100;

export const API_MIX = [
  '/api/metrics/bitcoin/pools?window=1d',
  '/api/metrics/bitcoin/pools?window=30d',
  '/api/metrics/bitcoin/pools?window=1d&populationWindows=1&metrics=nakamoto-coefficient,hhi,gini',
  '/api/report',
  '/api/pools?window=30d',
  '/api/compare?distributions=bitcoin/pools,ai/compute-owners&metric=hhi&window=1y',
  '/api/claims',
  '/api/metrics/ai/compute-owners?window=1q',
];

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

/** CPU seconds (user + system) used by this process's finished children (Linux /proc; NaN elsewhere). */
function childrenCpuSec(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime in clock ticks (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

function timed(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): { sec: number; cpu: number; out: string; err: string } {
  const c = childrenCpuSec();
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const sec = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { sec, cpu: childrenCpuSec() - c, out: r.stdout, err: r.stderr };
}

/** Median wall time and median CPU time of n runs (CPU time is less sensitive to other load on the machine). */
function medianOf(n: number, cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): { sec: number; cpu: number; out: string } {
  const runs = Array.from({ length: n }, () => timed(cmd, args, env));
  return { sec: median(runs.map((r) => r.sec)), cpu: median(runs.map((r) => r.cpu)), out: runs[0]!.out };
}

function line(log: (l: string) => void, what: string, measured: string, target: string, ratio: string, ok: boolean): void {
  log(`${ok ? 'ok  ' : 'MISS'} ${what}: ${measured} | target ${target} | ${ratio}`);
}

/** CSV texts equal cell by cell: text cells exactly, numbers within the printed precision (1e-6 relative). */
export function sameCsv(a: string, b: string): { equal: boolean; cells: number; firstDifference?: string } {
  const rows = (t: string) => t.trim().split('\n').map((l) => l.split(','));
  const x = rows(a);
  const y = rows(b);
  if (x.length !== y.length) return { equal: false, cells: 0, firstDifference: `${x.length} vs ${y.length} lines` };
  let cells = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i]!.length !== y[i]!.length) return { equal: false, cells, firstDifference: `line ${i + 1}: ${x[i]!.length} vs ${y[i]!.length} cells` };
    for (let j = 0; j < x[i]!.length; j++) {
      const u = x[i]![j]!;
      const v = y[i]![j]!;
      cells++;
      if (u === v) continue;
      const nu = Number(u);
      const nv = Number(v);
      const empty = (s: string) => s === '' || s === 'nan';
      if (empty(u) && empty(v)) continue;
      if (u !== '' && v !== '' && Number.isFinite(nu) && Number.isFinite(nv) && Math.abs(nu - nv) <= 1.5e-6 * Math.max(1, Math.abs(nu))) continue;
      return { equal: false, cells, firstDifference: `line ${i + 1}, column ${x[0]![j]}: ${u} vs ${v}` };
    }
  }
  return { equal: true, cells };
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

const LOAD_SCRIPT = `
const autocannon = require(process.env.AUTOCANNON);
const o = JSON.parse(process.env.LOAD);
autocannon({ url: o.url, connections: o.connections, overallRate: o.rate, duration: o.duration, headers: { 'accept-encoding': 'gzip, deflate, br' },
  requests: o.paths.map((path) => ({ method: 'GET', path })) }, (err, r) => {
  if (err) { console.error(String(err)); process.exit(1); }
  console.log(JSON.stringify({ requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors + r.timeouts }));
});`;

async function load(url: string, rate: number, duration: number): Promise<LoadResult> {
  const env = { ...process.env, AUTOCANNON: join(PROJECT_ROOT, 'node_modules/autocannon'), LOAD: JSON.stringify({ url, rate, duration, connections: Math.max(10, Math.ceil(rate / 50)), paths: API_MIX }) };
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LOAD_SCRIPT], { env, timeout: (duration + 60) * 1000 });
  return JSON.parse(stdout) as LoadResult;
}

/** CPU seconds used so far by a running process (Linux /proc; NaN elsewhere). */
function processCpuSec(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime
  } catch {
    return Number.NaN;
  }
}

async function startServe(db: string): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const p = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    p.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
  return {
    url,
    pid: p.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGTERM');
      }),
  };
}

export async function run(log: (line: string) => void): Promise<void> {
  const cpu = cpus()[0];
  log(`machine: ${cpus().length} × ${cpu?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (a shared machine: figures are noisy)`);
  const t = performance.now();
  const modules = await buildCli();
  log(`build: ${modules} modules → dist/ in ${fmt((performance.now() - t) / 1000)} (what \`npm ci\` does through prepare)`);

  // 1. Start-up.
  const bareRuns = medianOf(7, process.execPath, ['-e', '0']);
  const versionRuns = medianOf(7, process.execPath, [BIN, '--version']);
  const bare = bareRuns.sec;
  const version = versionRuns.sec;
  const help = medianOf(3, process.execPath, [BIN, '--help']).sec;
  line(log, 'start-up `nakamoto --version` vs bare `node -e 0` (median of 7)', `${fmt(version)} vs ${fmt(bare)}`, 'ratio ≤ 3', `ratio ${(version / bare).toFixed(2)}`, version / bare <= 3);
  log(`     CPU time: ${fmt(versionRuns.cpu)} vs ${fmt(bareRuns.cpu)}; \`nakamoto --help\` (loads every command): ${fmt(help)} wall`);

  // 2. One pass from the file vs pandas.
  const args = ['metrics', 'bitcoin/pools', '--input', PERBLOCK, '--window', '1d', '--population-windows', '1', '--format', 'csv'];
  const ours = medianOf(3, process.execPath, [BIN, ...args]);
  if (!existsSync(PYTHON) || spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status !== 0) {
    log(`MISS one pass from the file: ${fmt(ours.sec)}; the pandas reference needs Debian python3-pandas at ${PYTHON} (apt-get install python3-pandas)`);
  } else {
    const pandas = medianOf(3, PYTHON, [PANDAS, PERBLOCK, '1']);
    const same = sameCsv(ours.out, pandas.out);
    if (!same.equal) log(`MISS pandas reference and ours disagree: ${same.firstDifference}`);
    else log(`     outputs equal: ${ours.out.trim().split('\n').length - 1} daily windows × 16 columns, ${same.cells} cells (numbers to the printed precision)`);
    line(log, 'one pass: every default metric, daily windows 2020–2026, population ±1, from the per-block CSV.gz (median of 3)', `${fmt(ours.sec)} vs pandas ${fmt(pandas.sec)}`, 'no slower than pandas (ratio ≤ 1)', `ratio ${(ours.sec / pandas.sec).toFixed(2)}`, same.equal && ours.sec <= pandas.sec);
    log(`     CPU time (user + system): ${fmt(ours.cpu)} vs pandas ${fmt(pandas.cpu)}, ratio ${(ours.cpu / pandas.cpu).toFixed(2)}`);
  }
  line(log, '  … against the EDI tool on daily windows', `${fmt(ours.sec)} vs ~${EDI_TOOL_SEC} s`, '≥ 100× faster', `${(EDI_TOOL_SEC / ours.sec).toFixed(0)}× faster`, EDI_TOOL_SEC / ours.sec >= 100);

  // 3. Ingest, whole process, into a fresh store.
  const dir = mkdtempSync(join(tmpdir(), 'nk-speed-'));
  try {
    const ingestRuns = Array.from({ length: 3 }, (_, i) => timed(process.execPath, [BIN, 'ingest', PERBLOCK, '--db', join(dir, `ingest-${i}.duckdb`)]));
    const ingest = median(ingestRuns.map((r) => r.sec));
    line(log, 'ingest of the per-block file into a fresh DuckDB store, whole process (median of 3)', fmt(ingest), '< 1 s', `ratio to target ${ingest.toFixed(2)}`, ingest < 1);
    log(`     CPU time (user + system, DuckDB's threads included): ${fmt(median(ingestRuns.map((r) => r.cpu)))}`);

    // 4. The API under the mix, on that store.
    const server = await startServe(join(dir, 'ingest-0.duckdb'));
    try {
      const t0 = performance.now();
      for (const path of API_MIX) {
        const r = await fetch(server.url + path, { headers: { 'accept-encoding': 'gzip, br' } });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
      }
      log(`     first (uncached) pass over the ${API_MIX.length} URLs: ${fmt((performance.now() - t0) / 1000)}`);
      const cpu0 = processCpuSec(server.pid);
      const r = await load(server.url, 200, 10);
      const serverCpu = processCpuSec(server.pid) - cpu0;
      line(log, `API mix of ${API_MIX.length} URLs at 200 req/s for 10 s (${r.requests} requests, ${r.rps.toFixed(0)} req/s)`, `p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; non-2xx ${r.non2xx}, errors ${r.errors}`, 'p99 < 50 ms', `ratio ${(r.p99 / 50).toFixed(2)}`, r.p99 < 50 && r.non2xx === 0);
      log(`     server CPU ${((serverCpu * 1000) / r.requests).toFixed(2)} ms per request (${((serverCpu / 10) * 100).toFixed(0)}% of one core); latency beyond that is waiting for a core`);
      let best: LoadResult | null = null;
      let bestRate = 0;
      for (let rate = 400; rate <= 12_800; rate *= 2) {
        const x = await load(server.url, rate, 5);
        log(`     ${rate} req/s offered: ${x.rps.toFixed(0)} req/s served, p99 ${x.p99} ms, non-2xx ${x.non2xx}, errors ${x.errors}`);
        if (x.p99 >= 100 || x.non2xx > 0 || x.errors > 0 || x.rps < rate * 0.9) break;
        best = x;
        bestRate = rate;
      }
      log(`     highest offered rate with p99 < 100 ms (doubling from 400 req/s, 5 s each): ${best ? `${bestRate} req/s (served ${best.rps.toFixed(0)}, p99 ${best.p99} ms)` : 'below 400 req/s'}`);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
