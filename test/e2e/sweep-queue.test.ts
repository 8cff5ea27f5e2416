/**
 * Distributed sweeps with real processes: one redis-server, three `nakamoto worker` processes and a
 * submitting `nakamoto simulate sweep --queue` process. One worker is SIGKILLed while it runs a
 * job and the submitter is SIGKILLed too; `--resume` then waits for the sweep, whose output must be
 * byte-identical to the local `simulate sweep` for the same scenario, grid and seed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfishRevenue } from '../../src/simulate/race-analytic.js';
import { Redis } from 'ioredis';
import { captureIo } from '../../src/interfaces/cli/io.js';
import { main } from '../../src/interfaces/cli/main.js';
import { parseQueueUrl } from '../../src/pipeline/sweep-queue/connection.js';
import { submitSweep } from '../../src/pipeline/sweep-queue/submit.js';
import { sweepKey } from '../../src/pipeline/sweep-queue/sweep-keys.js';
import { startSweepWorker } from '../../src/pipeline/sweep-queue/worker.js';
import { parseScenario } from '../../src/simulate/scenario-load.js';
import { runCli } from '../helpers/run-cli.js';
import { startRedis, type RedisTestServer } from '../helpers/redis-server.js';

const BIN = resolve(import.meta.dirname, '../../bin/nakamoto.js');

// ~0.1–0.4 s per replicate: a job is still running when its worker is killed.
const RACE = `name: queue-race
description: a selfish-mining race for the distributed-sweep test
model: block-race
blocks: 6000000
gamma01: 0.5
parties:
  - { name: s, share01: 0.3, strategy: selfish }
  - { name: h, share01: 0.7 }
metrics: [hhi, max-share, nakamoto-coefficient]
`;

interface Proc {
  readonly child: ChildProcess;
  out: string;
  err: string;
  /** Resolves with the first match of `re` in stderr. */
  waitErr(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function start(args: string[], cwd: string): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  const p: Proc = {
    child,
    out: '',
    err: '',
    exited: new Promise((r) => child.on('exit', (code) => r(code))),
    waitErr: (re, ms = 60_000) =>
      new Promise((resolveMatch, reject) => {
        // Checked on every chunk of stderr as it arrives (no polling delay: the kill must land mid-job).
        const check = () => {
          const m = p.err.match(re);
          if (m) {
            done();
            resolveMatch(m);
          }
        };
        const ended = () => {
          done();
          reject(new Error(`process ended before ${re}: ${p.err}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${re}: ${p.err}`));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          child.stderr!.off('data', check);
          child.off('exit', ended);
        };
        child.stderr!.on('data', check);
        child.on('exit', ended);
        check();
      }),
  };
  child.stdout!.on('data', (d: Buffer) => (p.out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (p.err += d.toString()));
  return p;
}

let redis: RedisTestServer;
let dir: string;
const workers: Proc[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'nakamoto-queue-'));
  writeFileSync(join(dir, 'race.yaml'), RACE);
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await redis?.stop();
});

describe('simulate sweep --queue', () => {
  it('survives a SIGKILLed worker and a SIGKILLed submitter, and equals the local sweep byte for byte', async () => {
    for (let i = 0; i < 3; i++) workers.push(start(['worker', '--queue', redis.url, '--lock-ms', '1500'], dir));
    await Promise.all(workers.map((w) => w.waitErr(/ready: 1 at a time/)));

    const args = ['race.yaml', '--param', 'gamma01=0,1', '--runs', '6', '--seed', '11', '--format', 'json'];
    const submitter = start(['simulate', 'sweep', ...args, '--block-size', '2', '--queue', redis.url], dir);
    const [, id] = await submitter.waitErr(/--resume ([0-9a-f]+)/);
    // Kill the first worker that starts a job, while it runs it, and the submitter with it.
    const started = await Promise.race(workers.map((w, i) => w.waitErr(/job (\S+) started/).then((m) => ({ i, job: m[1]! }))));
    workers[started.i]!.child.kill('SIGKILL');
    submitter.child.kill('SIGKILL');
    expect(workers[started.i]!.err).not.toContain(`job ${started.job} done`);

    // The submitter's successor (in this process; the workers stay separate processes).
    const resumed = await runCli(['simulate', 'sweep', '--resume', id!, '--queue', redis.url, '--format', 'json'], {}, dir);
    expect(resumed.code, resumed.err).toBe(0);
    const local = await runCli(['simulate', 'sweep', ...args, '--threads', '0'], {}, dir);
    expect(local.code, local.err).toBe(0);
    expect(resumed.out).toBe(local.out);
    const rows = JSON.parse(local.out) as { gamma01: number; distribution: string; metric: string; mean: number }[];
    expect(rows.length).toBe(2 * 2 * 3); // points × distributions (revenue, hash) × metrics
    // Sanity of what is compared: the honest party's revenue share is 1 − R(0.3, γ) (Eyal–Sirer closed form).
    const maxShare = (g: number) => rows.find((r) => r.gamma01 === g && r.distribution === 'revenue' && r.metric === 'max-share')!.mean;
    for (const g of [0, 1]) expect(Math.abs(maxShare(g) - (1 - selfishRevenue(0.3, g)))).toBeLessThan(0.01);

    // The killed job was run again, to the end, by a surviving worker.
    const survivors = workers.filter((_, i) => i !== started.i);
    expect(survivors.some((w) => w.err.includes(`job ${started.job} started`) && w.err.includes(`job ${started.job} done`))).toBe(true);

    // A plain submitter (not killed) on the two survivors, with a shipped industry scenario this time: its
    // prepared inputs (ASIC frontier as a Float64Array, from the real dataset) travel through Redis.
    const small = ['baseline-2020', '--param', 'miners.count=150', '--runs', '2', '--seed', '5', '--format', 'json'];
    const plain = await runCli(['simulate', 'sweep', ...small, '--block-size', '1', '--queue', redis.url], {}, dir);
    expect(plain.code, plain.err).toBe(0);
    const localSmall = await runCli(['simulate', 'sweep', ...small, '--threads', '0'], {}, dir);
    expect(plain.out).toBe(localSmall.out);
    expect((JSON.parse(plain.out) as unknown[]).length).toBeGreaterThan(10);

    // Workers stop cleanly on SIGTERM.
    for (const w of survivors) w.child.kill('SIGTERM');
    for (const w of survivors) expect(await w.exited).toBe(0);
    expect(survivors.every((w) => w.err.includes('stopped'))).toBe(true);
  }, 120_000); // ~25–40 s on the shared 2-core machine; headroom for a loaded CI run

  it('a job that cannot run fails for good and the submitter stops with the reason (exit 1); with no worker it says so', async () => {
    const address = parseQueueUrl(redis.url);
    const scenario = parseScenario(RACE, 'race.yaml');
    const { id } = await submitSweep(address, scenario, { gamma01: [0.5] }, { runs: 2, seed: 1, blockSize: 2 });
    const r = new Redis(redis.url);
    await r.del(sweepKey(id, 'points')); // as if the sweep's data had expired
    r.disconnect();
    const io = captureIo({}, dir);
    const submitter = main(['node', 'nakamoto', 'simulate', 'sweep', '--resume', id, '--queue', redis.url], io);
    for (let i = 0; i < 200 && !io.err().includes('no worker is connected'); i++) await new Promise((res) => setTimeout(res, 25));
    expect(io.err()).toContain(`no worker is connected yet; the sweep waits for \`nakamoto worker --queue ${redis.url}\``);
    const lines: string[] = [];
    const worker = await startSweepWorker(address, { concurrency: 1, lockMs: 1000, log: (l) => lines.push(l) });
    try {
      expect(await submitter).toBe(1);
      expect(io.err()).toMatch(new RegExp(`nakamoto: sweep ${id}: job ${id}\\.0\\.0 \\(gamma01=0\\.5, replicates 0–1\\) failed: sweep ${id} point 0: no scenario in Redis \\(sweep expired or deleted\\) \\(worker `));
      expect(lines.some((l) => l.includes('giving up'))).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('bad queue options: one line, exit 2 for usage, exit 1 when Redis is unreachable', async () => {
    const r1 = await runCli(['simulate', 'sweep', 'race.yaml', '--param', 'gamma01=0', '--queue', 'http://x:1'], {}, dir);
    expect([r1.code, r1.err.trim()]).toEqual([2, 'nakamoto: invalid --queue: http://x:1 (expected redis://HOST:PORT or rediss://…, not http:)']);
    const r2 = await runCli(['simulate', 'sweep', '--resume', 'abc'], {}, dir);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/--resume needs --queue/);
    const r3 = await runCli(['simulate', 'sweep', '--resume', 'feedfacecafe', '--queue', redis.url], {}, dir);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/unknown sweep: feedfacecafe \(not on redis:\/\/127\.0\.0\.1:\d+/);
    const r4 = await runCli(['simulate', 'sweep', 'race.yaml', '--param', 'gamma01=0', '--queue', 'redis://127.0.0.1:1'], {}, dir);
    expect(r4.code).toBe(1);
    expect(r4.err).toMatch(/^nakamoto: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);
    const r5 = await runCli(['simulate', 'sweep', 'race.yaml', '--param', 'gamma01=0', '--block-size', '2'], {}, dir);
    expect(r5.err).toMatch(/--block-size is only for a sweep on a queue/);
    const r6 = await runCli(['worker'], {}, dir);
    expect([r6.code, r6.err.trim()]).toEqual([2, 'nakamoto: worker: missing --queue redis://HOST:PORT']);
  });
});
