/**
 * Who may use `/mcp`: by default clients on this machine with a loopback Host (and Origin), so a
 * web page cannot reach it through DNS rebinding; `network` lifts that; `off` removes the endpoint.
 * Stateless: POST only. Through `app.inject`, which sets the client address.
 */
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { createApp } from '../http/app.js';
import { isLoopbackAddress, parseMcpMode, type McpMode } from './http-endpoint.js';

const LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function post(mode: McpMode | undefined, o: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  const app = await createApp({ store: null, datasetsRoot: datasetsRoot(), ...(mode ? { mcp: mode } : {}) });
  try {
    const r = await app.inject({ method: 'POST', url: '/mcp', payload: LIST, remoteAddress: o.remoteAddress ?? '127.0.0.1', headers: { host: '127.0.0.1:8080', ...HEADERS, ...o.headers } });
    return { status: r.statusCode, body: JSON.parse(r.body) as { result?: { tools: unknown[] }; error?: { message: string } } };
  } finally {
    await app.close();
  }
}

describe('/mcp access', () => {
  it('loopback (default): answers a local client; refuses another address, a foreign Host, a foreign Origin (403, JSON-RPC error)', async () => {
    const ok = await post(undefined);
    expect(ok.status).toBe(200);
    expect(ok.body.result!.tools.length).toBeGreaterThan(10);
    expect((await post(undefined, { headers: { host: 'localhost:8080', origin: 'http://localhost:5173' } })).status).toBe(200);
    const remote = await post(undefined, { remoteAddress: '192.168.1.20' });
    expect(remote.status).toBe(403);
    expect(remote.body.error!.message).toBe('MCP over HTTP answers this machine only (client 192.168.1.20); start the server with --mcp network to allow others');
    const host = await post('loopback', { headers: { host: 'attacker.example:8080' } });
    expect([host.status, host.body.error!.message]).toEqual([403, 'MCP over HTTP needs a loopback Host header (got attacker.example:8080)']);
    const origin = await post('loopback', { headers: { origin: 'https://attacker.example' } });
    expect([origin.status, origin.body.error!.message]).toEqual([403, 'MCP over HTTP refuses cross-origin requests (Origin https://attacker.example)']);
  });

  it('network answers any client; off has no endpoint (404)', async () => {
    expect((await post('network', { remoteAddress: '192.168.1.20', headers: { host: 'observatory.lan:8080' } })).status).toBe(200);
    expect((await post('off')).status).toBe(404);
  });

  it('stateless: GET and DELETE are 405 with Allow: POST', async () => {
    const app = await createApp({ store: null, datasetsRoot: datasetsRoot() });
    try {
      for (const method of ['GET', 'DELETE'] as const) {
        const r = await app.inject({ method, url: '/mcp', headers: { accept: 'text/event-stream' } });
        expect(r.statusCode).toBe(405);
        expect(r.headers.allow).toBe('POST');
      }
    } finally {
      await app.close();
    }
  });

  it('parses --mcp and recognises loopback addresses', () => {
    expect(parseMcpMode('network')).toBe('network');
    expect(() => parseMcpMode('public')).toThrow('invalid --mcp: public (expected one of loopback, network, off)');
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', undefined].some(isLoopbackAddress)).toBe(false);
  });
});
