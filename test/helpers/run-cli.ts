/**
 * In-process CLI runner for tests: runs `main` with captured output, returns exit code and text.
 */
import { main } from '../../src/interfaces/cli/main.js';
import { captureIo } from '../../src/interfaces/cli/io.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliRun> {
  const io = captureIo(env, cwd);
  const code = await main(['node', 'nakamoto', ...args], io);
  return { code, out: io.out(), err: io.err() };
}
