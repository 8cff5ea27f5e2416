/**
 * The compiled CLI (what `bin/nakamoto.js` runs after `npm ci`) as real processes: it starts,
 * prints the package version, computes the same answers as the TypeScript sources, and its
 * simulation worker threads start from the build (no tsx).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandName } from '../../src/interfaces/cli/commands/index.js';
import { PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';
import { buildPrivateCli, runProcess, type BuiltCli } from '../helpers/built-cli.js';
import { runCli } from '../helpers/run-cli.js';

const env = { NAKAMOTO_DB: join(mkdtempSync(join(tmpdir(), 'nk-build-')), 'absent.duckdb') };
let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildPrivateCli();
});
afterAll(() => cli?.remove());

describe('compiled CLI', () => {
  it('--version prints the version in package.json', async () => {
    const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = await runProcess(cli.main, ['--version']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe(`nakamoto ${version}`);
  });

  it('answers exactly as the sources do (metrics on the embedded default)', async () => {
    const args = ['metrics', 'bitcoin/pools', '--window', '1y', '--format', 'csv'];
    const [built, src] = await Promise.all([runProcess(cli.main, args, env), runCli(args, env)]);
    expect(built.code, built.err).toBe(0);
    expect(built.out).toBe(src.out);
    expect(built.out.split('\n').length).toBeGreaterThan(5);
  });

  it('runs simulation worker threads from the build, with the in-process result', async () => {
    const args = ['simulate', 'china-ban-2021', '--runs', '2', '--seed', '3', '--format', 'csv'];
    const [built, src] = await Promise.all([runProcess(cli.main, [...args, '--threads', '2'], env), runCli([...args, '--threads', '0'], env)]);
    expect(built.code, built.err).toBe(0);
    expect(built.out).toBe(src.out);
  });

  it('bad usage still exits 2 with one line', async () => {
    const r = await runProcess(cli.main, ['metrics', 'bitcoin/pools', '--window', 'bad']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/window/);
  });
});

describe('lazy command loading', () => {
  it('finds the command name after global options', () => {
    expect(commandName(['node', 'nakamoto', '--verbose', 'metrics', 'bitcoin/pools'])).toBe('metrics');
    expect(commandName(['node', 'nakamoto', '--version'])).toBeUndefined();
  });
  it('help lists every command even though a run loads only its own', async () => {
    const r = await runCli(['--help']);
    for (const c of ['ingest', 'attribute', 'attribution', 'decode', 'metrics', 'serve', 'simulate', 'sources', 'distributions']) expect(r.out).toContain(c);
  });
});
