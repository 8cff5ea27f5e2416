/**
 * Run `test/helpers/ingest-child.ts` (an ingest of FILE into DB in its own process) and SIGKILL it
 * `delayMs` after it reports that the input is parsed, i.e. somewhere inside the writes. Resolves with
 * how the process ended (`SIGKILL`, or `exit N` when it finished first). For crash-safety tests.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';

const CHILD = join(PROJECT_ROOT, 'test/helpers/ingest-child.ts');

export function ingestKilledAfterParse(db: string, file: string, delayMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, db, file], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let killed = false;
    p.stdout.on('data', (buf: Buffer) => {
      if (!killed && buf.toString().includes('parsed')) {
        killed = true;
        setTimeout(() => p.kill('SIGKILL'), delayMs);
      }
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`));
  });
}
