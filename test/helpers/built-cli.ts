/**
 * The compiled CLI for tests that run real processes: builds src/ with the same function as
 * `npm run build:cli`, into a private folder beside dist/ (same depth under the project root, so
 * the build finds package.json, data/ and the datasets exactly as dist/ does), and removes it after.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, ROOT } from '../../scripts/build-cli.js';

export interface BuiltCli {
  /** The compiled CLI entry (`node <main> args…`). */
  readonly main: string;
  remove(): void;
}

export async function buildPrivateCli(): Promise<BuiltCli> {
  const dir = join(ROOT, `dist-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  await buildCli(dir);
  return { main: join(dir, 'interfaces/cli/main.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ProcessRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Run `node main args…` to completion (bounded by timeoutMs). */
export function runProcess(main: string, args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [main, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}
