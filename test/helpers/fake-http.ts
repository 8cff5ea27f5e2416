/**
 * Plumbing for the fake nodes: an HTTP server on 127.0.0.1 (random port) that logs every request,
 * lets a test intercept requests (to inject 429s, delays, bad bodies), refuses to serve more than
 * `maxRequests` (so a runaway client loop ends quickly and visibly), and closes every connection
 * and pending timer on `close()`.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  /** Path and query, e.g. `/rest/block/…bin?x=1`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Wait this long before answering (to exercise client timeouts). */
  readonly delayMs?: number;
}

export type FakeHandler = (req: FakeRequest) => FakeReply;
export type Interceptor = (req: FakeRequest, count: number) => FakeReply | undefined;

export interface FakeServer {
  readonly url: string;
  readonly port: number;
  readonly requests: FakeRequest[];
  /** Set to inject faults: return a reply to answer with it, undefined to serve normally. */
  intercept: Interceptor | null;
  /** True once a request arrived beyond `maxRequests` (it got HTTP 500). */
  readonly overBudget: boolean;
  close(): Promise<void>;
}

export async function startFakeServer(handler: FakeHandler, opts: { maxRequests?: number } = {}): Promise<FakeServer> {
  const maxRequests = opts.maxRequests ?? 2000;
  const timers = new Set<NodeJS.Timeout>();
  const state = { overBudget: false };
  const requests: FakeRequest[] = [];
  const send = (res: ServerResponse, reply: FakeReply): void => {
    const body = reply.body === undefined ? '' : reply.body;
    res.writeHead(reply.status, { 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length), ...reply.headers });
    res.end(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      if (requests.length > maxRequests) {
        state.overBudget = true;
        send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'fake node: request budget exceeded\n' });
        return;
      }
      let reply: FakeReply;
      try {
        reply = fake.intercept?.(r, requests.length) ?? handler(r);
      } catch (err) {
        reply = { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake node error: ${(err as Error).message}\n` };
      }
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) send(res, reply);
        }, reply.delayMs);
        timers.add(t);
      } else {
        send(res, reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fake: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    intercept: null,
    get overBudget() {
      return state.overBudget;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

export const text = (status: number, body: string, headers: Record<string, string> = {}): FakeReply => ({ status, headers: { 'content-type': 'text/plain', ...headers }, body });
export const json = (status: number, value: unknown): FakeReply => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) + '\n' });
export const binary = (bytes: Uint8Array): FakeReply => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bytes });
