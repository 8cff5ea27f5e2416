/**
 * `serve` without `--log` still logs what a 500 promises ("see the server log"): one line on stderr
 * naming the request and the error. Provoked for real: a store closed under the running server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { errorsOnlyLogger } from './error-log.js';
import { startServer } from './server.js';

describe('the errors-only server log', () => {
  it('writes one line per failed request (method, URL, error) and nothing for good ones', async () => {
    const store = await openDuckDbStore(join(mkdtempSync(join(tmpdir(), 'nk-errlog-')), 's.duckdb'));
    const lines: string[] = [];
    const server = await startServer({ host: '127.0.0.1', port: 0, store, datasetsRoot: datasetsRoot(), logger: errorsOnlyLogger((l) => lines.push(l)) });
    try {
      expect((await fetch(`${server.url}/api/distributions`)).status).toBe(200);
      expect(lines).toEqual([]);
      await store.close(); // the store goes away under the server: its next read fails untyped
      const r = await fetch(`${server.url}/api/sources`);
      expect(r.status).toBe(500);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe('internal error (see the server log)');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^nakamoto serve: \d{4}-\d\d-\d\dT[\d:.]+Z request failed: GET \/api\/sources: \w*Error: /);
    } finally {
      await server.close();
    }
  });
});
