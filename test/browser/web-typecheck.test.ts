/**
 * The dashboard's TypeScript (web/, with the API shapes imported as types from the query layer)
 * type-checks: a change to a query result that the dashboard reads fails here, not in a browser.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';

it('web/ type-checks against the API result types', async () => {
  const tsc = join(PROJECT_ROOT, 'node_modules/typescript7/bin/tsc');
  const r = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'web/tsconfig.json'], { cwd: PROJECT_ROOT, timeout: 60_000 }).then(
    (x) => ({ code: 0, out: x.stdout + x.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
  expect(r.out).toBe('');
  expect(r.code).toBe(0);
});
