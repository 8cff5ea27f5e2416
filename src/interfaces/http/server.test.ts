/**
 * The real server: `startServer` on 127.0.0.1 port 0 and `nakamoto serve` in-process, fetched over
 * TCP with gzip; a port in use is a one-line UsageError.
 */
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { captureIo } from '../cli/io.js';
import { register } from '../cli/commands/serve.js';
import { startServer } from './server.js';

function getRaw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('startServer', () => {
  it('listens on 127.0.0.1, answers JSON over TCP (gzip on request), and refuses a port in use', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0, store: null, datasetsRoot: datasetsRoot() });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await fetch(`${server.url}/api/attack/double-spend?q=0.1&z=5`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { nakamoto: number }).nakamoto).toBeCloseTo(0.0009137, 7);
      const z = await getRaw(`${server.url}/api/distributions`, { 'accept-encoding': 'gzip' });
      expect(z.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(z.body).toString('utf8')).distributions.length).toBeGreaterThan(5);
      const port = new URL(server.url).port;
      await expect(startServer({ host: '127.0.0.1', port: Number(port), store: null, datasetsRoot: datasetsRoot() })).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    } finally {
      await server.close();
    }
  });
});

describe('nakamoto serve', () => {
  it('serves until the stop signal, announcing its URL on stderr', async () => {
    const io = captureIo({ NAKAMOTO_DB: '/nonexistent/absent.duckdb' });
    let fetched = 0;
    const program = new Command().exitOverride();
    register(program, io, async () => {
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.err())![1]!;
      const r = await fetch(`${url}/api/distributions/bitcoin/pools`);
      fetched = r.status;
      return 'SIGTERM';
    });
    await program.parseAsync(['node', 'nakamoto', 'serve', '--port', '0']);
    expect(fetched).toBe(200);
    expect(io.err()).toMatch(/serving the embedded default and shared datasets on http:\/\/127\.0\.0\.1:\d+/);
    expect(io.err()).toMatch(/SIGTERM: stopping/);
  });
  it('refuses a bad port', async () => {
    const program = new Command().exitOverride();
    register(program, captureIo(), () => Promise.resolve('SIGTERM'));
    await expect(program.parseAsync(['node', 'nakamoto', 'serve', '--port', '70000'])).rejects.toThrow('invalid --port: 70000');
  });
});
