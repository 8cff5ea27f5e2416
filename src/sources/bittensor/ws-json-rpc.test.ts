import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { DecodeError, SourceError } from '../../domain/errors.js';
import { startReplayServer, type ReplayServer } from '../../../test/support/bittensor-replay-server.js';
import { WsJsonRpcClient } from './ws-json-rpc.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function replay(recording: Record<string, Record<string, unknown>>): Promise<ReplayServer> {
  const s = await startReplayServer(recording);
  closers.push(() => s.close());
  return s;
}

function client(url: string): WsJsonRpcClient {
  const c = new WsJsonRpcClient(url, { requestTimeoutMs: 500, retryDelayMs: 5, maxAttempts: 2 });
  closers.push(() => c.close());
  return c;
}

describe('WsJsonRpcClient with the replay server', () => {
  it('matches params by value and serves arrays of responses in turn, cycling', async () => {
    const s = await replay({ chain_getHead: { '[]': [{ result: '0x01' }, { result: '0x02' }] }, echo: { '[1, "a"]': { result: 'one-a' } } });
    const c = client(s.url);
    expect(await c.call('chain_getHead', [])).toBe('0x01');
    expect(await c.call('chain_getHead', [])).toBe('0x02');
    expect(await c.call('chain_getHead', [])).toBe('0x01');
    // The recording key has Python's ", " spacing; the request is compact JSON.
    expect(await c.call('echo', [1, 'a'])).toBe('one-a');
    expect(c.connections).toBe(1);
  });

  it('unknown methods and params come back as JSON-RPC errors, surfaced as SourceErrors', async () => {
    const s = await replay({ echo: { '[1]': { result: 1 } } });
    const c = client(s.url);
    await expect(c.call('nope', [])).rejects.toThrow(/nope returned JSON-RPC error -32601: Method not found/);
    await expect(c.call('echo', [2])).rejects.toThrow(/echo returned JSON-RPC error -32602/);
    // The error data member is quoted too.
    const s2 = await replay({ state_call: { '[]': { error: { code: 1002, message: 'Verification Error', data: 'Runtime error: Execution failed' } } } });
    await expect(client(s2.url).call('state_call', [])).rejects.toThrow(/error 1002: Verification Error \(Runtime error: Execution failed\)/);
  });
});

describe('WsJsonRpcClient against a misbehaving node', () => {
  async function rawServer(onMessage: (send: (s: string) => void, msg: { id: number }) => void): Promise<string> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', r));
    wss.on('connection', (ws) => ws.on('message', (d) => onMessage((s) => ws.send(s), JSON.parse(String(d)) as { id: number })));
    closers.push(
      () =>
        new Promise<void>((r) => {
          for (const c of wss.clients) c.terminate();
          wss.close(() => r());
        }),
    );
    return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  }

  it('a message that is not JSON is a DecodeError', async () => {
    const url = await rawServer((send) => send('<html>'));
    await expect(client(url).call('chain_getHead', [])).rejects.toThrow(DecodeError);
  });

  it('a response with neither result nor error is a DecodeError; a late or foreign id is ignored', async () => {
    const url = await rawServer((send, m) => {
      send(JSON.stringify({ jsonrpc: '2.0', id: m.id + 1000, result: 'stray' }));
      send(JSON.stringify({ jsonrpc: '2.0', id: m.id }));
    });
    await expect(client(url).call('chain_getHead', [])).rejects.toThrow(/neither result nor error/);
  });

  it('a closed client refuses further calls', async () => {
    const s = await replay({ chain_getHead: { '[]': { result: '0x01' } } });
    const c = new WsJsonRpcClient(s.url);
    expect(await c.call('chain_getHead', [])).toBe('0x01');
    await c.close();
    await expect(c.call('chain_getHead', [])).rejects.toThrow(SourceError);
  });
});
