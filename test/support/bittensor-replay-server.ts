/**
 * @module A loopback WebSocket JSON-RPC server that answers from a recording of real node
 * responses (`{ method: { "<JSON params>": response | response[] } }`, the shape of the staged
 * `recorded_jsonrpc_block…json`). Params are matched by value (the key is parsed, so spacing does
 * not matter); arrays of responses are served in turn, cycling. Unknown methods or params get a
 * JSON-RPC error. `onRequest` can inject faults (drop the request, close the socket) for tests.
 * Listens on 127.0.0.1 on a random port; call `close()` when done.
 *
 * Replays: the recorded `result` values, byte for byte as recorded from a finney node.
 * Emulates: the JSON-RPC 2.0 envelope over WebSocket (ids echoed, batching not supported), method and
 * params dispatch, and the injected faults; no chain logic.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export type Recording = Record<string, Record<string, unknown>>;

export interface RecordedRequest {
  readonly id: unknown;
  readonly method: string;
  readonly params: unknown;
}

/** What to do with a request: answer it from the recording, ignore it, or close the connection. */
export type ReplayAction = 'answer' | 'ignore' | 'close';

export interface ReplayServer {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  connections: number;
  close(): Promise<void>;
}

export async function startReplayServer(recording: Recording, onRequest?: (req: RecordedRequest, index: number) => ReplayAction): Promise<ReplayServer> {
  const table = new Map<string, { responses: unknown[]; next: number }>();
  for (const [method, byParams] of Object.entries(recording)) {
    for (const [key, resp] of Object.entries(byParams)) {
      table.set(`${method} ${JSON.stringify(JSON.parse(key))}`, { responses: Array.isArray(resp) ? resp : [resp], next: 0 });
    }
  }
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const server: ReplayServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    requests: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (socket) => {
    server.connections++;
    socket.on('message', (data) => {
      let req: { id?: unknown; method?: unknown; params?: unknown };
      try {
        req = JSON.parse(String(data)) as typeof req;
      } catch {
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
        return;
      }
      const r: RecordedRequest = { id: req.id, method: String(req.method), params: req.params ?? [] };
      server.requests.push(r);
      const action = onRequest?.(r, server.requests.length - 1) ?? 'answer';
      if (action === 'ignore') return;
      if (action === 'close') {
        socket.terminate();
        return;
      }
      const entry = table.get(`${r.method} ${JSON.stringify(r.params)}`);
      if (!entry) {
        const known = [...table.keys()].some((k) => k.startsWith(`${r.method} `));
        const error = known ? { code: -32602, message: `Invalid params: no recorded response for ${JSON.stringify(r.params)}` } : { code: -32601, message: `Method not found: ${r.method}` };
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: r.id, error }));
        return;
      }
      const resp = entry.responses[entry.next % entry.responses.length] as Record<string, unknown>;
      entry.next++;
      socket.send(JSON.stringify({ jsonrpc: '2.0', ...resp, id: r.id }));
    });
  });
  return server;
}
