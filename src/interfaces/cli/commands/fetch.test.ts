/**
 * @module In-process tests of `nakamoto fetch epoch-ai` against the loopback Epoch server
 * (test/support/epoch-server.ts): what it prints, where it writes (default
 * .nakamoto/datasets), that `NAKAMOTO_DATASETS=DIR nakamoto metrics ai/…` on the download gives
 * the same output as on ../shared/datasets, and how failures and bad options are reported.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError, UsageError } from '../../../domain/errors.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { startTestEpochServer, type TestEpochServer } from '../../../../test/support/epoch-server.js';
import { captureIo } from '../io.js';
import { register as registerMetrics } from './metrics.js';
import { register } from './fetch.js';

let server: TestEpochServer;
let cwd: string;

beforeAll(async () => {
  server = await startTestEpochServer();
  cwd = mkdtempSync(join(tmpdir(), 'fetch-cmd-'));
});
afterAll(async () => {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}): Promise<{ out: string; err: string }> {
  const io = captureIo(env, cwd);
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  registerMetrics(program, io);
  await program.parseAsync(['node', 'nakamoto', ...args]);
  return { out: io.out(), err: io.err() };
}

const server_ = () => ['--base-url', server.baseUrl, '--chip-counts-url', server.chipCountsUrl];

describe('nakamoto fetch epoch-ai', () => {
  it('fills .nakamoto/datasets by default, prints one row per file, and the metrics read it with NAKAMOTO_DATASETS', async () => {
    const { out, err } = await run(['fetch', 'epoch-ai', '--only', 'chip-owners,clusters', '--format', 'csv', ...server_()]);
    const dir = join(cwd, '.nakamoto/datasets');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('dataset,file,rows,bytes,sha256,status');
    // 5 infrastructure files + 37 chip-owner files (their PROVENANCE.md), all new.
    expect(lines).toHaveLength(1 + 42);
    expect(lines).toContain('clusters,ai/epoch-compute-infrastructure/gpu_clusters.csv,786,485167,' + lines.find((l) => l.includes('gpu_clusters'))!.split(',')[4] + ',updated');
    expect(existsSync(join(dir, 'ai/epoch-ai-chip-owners/owners/nvidia_owners_cumulative_totals.csv'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'epoch-download.json'), 'utf8')).files).toHaveProperty(['ai/epoch-compute-infrastructure/gpu_clusters.csv']);
    expect(err).toContain(`# read them with: NAKAMOTO_DATASETS=${dir} nakamoto metrics ai/clusters-by-country\n`);
    // …and ingested them into the default store (.nakamoto/nakamoto.duckdb).
    expect(err).toMatch(/# ingested into .*\.nakamoto\/nakamoto\.duckdb as source epoch-ai \(ingest #1: 42 new, 0 updated, 0 unchanged\)/);

    const noStore = { NAKAMOTO_DB: join(cwd, 'absent.duckdb') };
    for (const id of ['ai/compute-owners', 'ai/clusters-by-country', 'ai/clusters-by-owner']) {
      const fromDownload = await run(['metrics', id, '--format', 'csv', '--window', '1y'], { NAKAMOTO_DATASETS: dir, ...noStore });
      const fromShared = await run(['metrics', id, '--format', 'csv', '--window', '1y'], { NAKAMOTO_DATASETS: datasetsRoot(), ...noStore });
      const fromStore = await run(['metrics', id, '--format', 'csv', '--window', '1y'], { NAKAMOTO_DATASETS: datasetsRoot() });
      expect(fromDownload.out.split('\n').length, id).toBeGreaterThan(3);
      expect(fromDownload.out, id).toBe(fromShared.out);
      expect(fromStore.out, id).toBe(fromShared.out);
      expect(fromDownload.err, id).toContain(`# from: ${dir}/ai/`);
      expect(fromStore.err, id).toMatch(/Epoch file\(s\) from the store/);
    }
  });

  it('saves what it can, then fails naming each rejected unit; a second run says unchanged', async () => {
    const to = join(cwd, 'partial');
    server.fault('/data/gpu_clusters.csv', 'html');
    const err = await run(['fetch', 'epoch-ai', '--to', to, '--only', 'clusters', ...server_()]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).exitCode).toBe(1);
    expect((err as SourceError).message).toMatch(/^1 download\(s\) failed; the files they would have replaced are kept as they were:\n {2}- GPU clusters: http:\/\/127\.0\.0\.1:\d+\/data\/gpu_clusters\.csv: got a web page/);
    expect(existsSync(join(to, 'ai/epoch-compute-infrastructure/gpu_clusters.csv'))).toBe(false);
    expect(existsSync(join(to, 'ai/epoch-compute-infrastructure/ml_hardware.csv'))).toBe(true);

    const again = JSON.parse((await run(['fetch', 'epoch-ai', '--to', to, '--only', 'clusters', '--format', 'json', ...server_()])).out) as {
      fetched: { path: string; changed: boolean }[];
      failed: unknown[];
    };
    expect(again.failed).toEqual([]);
    const status = Object.fromEntries(again.fetched.map((f) => [f.path, f.changed]));
    expect(status['ai/epoch-compute-infrastructure/gpu_clusters.csv']).toBe(true);
    expect(status['ai/epoch-compute-infrastructure/ml_hardware.csv']).toBe(false);
  });

  it('rejects bad options with usage errors before any download', async () => {
    const before = server.requests.length;
    await expect(run(['fetch', 'epoch-ai', '--only', 'models,gpus', ...server_()])).rejects.toThrow(/invalid dataset: gpus/);
    await expect(run(['fetch', 'epoch-ai', '--timeout', '0', ...server_()])).rejects.toThrow(UsageError);
    await expect(run(['fetch', 'epoch-ai', '--retries', '1.5', ...server_()])).rejects.toThrow(/invalid --retries: 1\.5/);
    await expect(run(['fetch', 'epoch-ai', '--format', 'xml', ...server_()])).rejects.toThrow(/invalid format: xml/);
    await expect(run(['fetch', 'epoch-ai', '--base-url', 'epoch.ai'])).rejects.toThrow(/invalid --base-url: epoch\.ai/);
    expect(server.requests.length).toBe(before);
  });
});
