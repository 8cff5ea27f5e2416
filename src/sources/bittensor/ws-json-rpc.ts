/**
 * @module A minimal JSON-RPC 2.0 client over one WebSocket (the subtensor node interface).
 * Policy: connect lazily; each call has a timeout; a call that fails for a transport reason
 * (cannot connect, socket closed, timeout) is retried on a fresh connection with exponential
 * back-off, up to `maxAttempts`, by the shared retry loop (http/retry.ts); a JSON-RPC error response is final (the node answered: retrying
 * would not change it). Every failure surfaces as a SourceError naming URL and method.
 */
import WebSocket from 'ws';
import { DecodeError, SourceError } from '../../domain/errors.js';
import { withRetry } from '../http/retry.js';

export interface WsRpcOptions {
  /** Per-request timeout (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** WebSocket handshake timeout (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Attempts per call, including the first (default 3). */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled for each further retry (default 500 ms). */
  readonly retryDelayMs?: number;
  /** Largest accepted message (default 512 MiB; a 1024-UID metagraph is ~0.4 MB). */
  readonly maxPayloadBytes?: number;
}

/** A failure worth retrying on a new connection. */
class TransientError extends Error {}

interface Pending {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
  /** The connection the request was sent on: only its closing fails the request. */
  readonly ws: WebSocket;
}

export class WsJsonRpcClient {
  private ws: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Connections opened so far (observable for tests and logs). */
  connections = 0;
  private readonly opts: Required<WsRpcOptions>;

  constructor(
    readonly url: string,
    opts: WsRpcOptions = {},
  ) {
    this.opts = {
      requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
      maxAttempts: Math.max(1, opts.maxAttempts ?? 3),
      retryDelayMs: opts.retryDelayMs ?? 500,
      maxPayloadBytes: opts.maxPayloadBytes ?? 512 * 1024 * 1024,
    };
  }

  /** Call `method` with `params`; resolves to the `result` member. Transport failures go through the shared retry loop. */
  async call(method: string, params: readonly unknown[]): Promise<unknown> {
    return withRetry<unknown>(
      `subtensor ${this.url}: ${method}`,
      async () => {
        if (this.closed) throw new SourceError(`subtensor ${this.url}: client closed`);
        try {
          return { ok: await this.callOnce(method, params) };
        } catch (err) {
          if (!(err instanceof TransientError)) throw err;
          return { retry: err.message, cause: err };
        }
      },
      { retries: this.opts.maxAttempts - 1, backoffMs: this.opts.retryDelayMs, maxBackoffMs: Number.MAX_SAFE_INTEGER },
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const ws = this.ws;
    this.ws = null;
    this.failAll(new SourceError(`subtensor ${this.url}: client closed`));
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000).unref();
      });
    }
  }

  private async callOnce(method: string, params: readonly unknown[]): Promise<unknown> {
    const ws = await this.connect();
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TransientError(`no answer to ${method} within ${this.opts.requestTimeoutMs} ms`));
        // A silent connection is suspect: drop it so the retry reconnects.
        if (this.ws === ws) this.drop(ws);
      }, this.opts.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer, ws });
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new TransientError(`send failed: ${err.message}`));
      });
    }).then((msg) => this.unwrap(method, msg));
  }

  private unwrap(method: string, msg: unknown): unknown {
    const m = msg as { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
    if (m.error !== undefined && m.error !== null) {
      const e = m.error;
      const data = e.data === undefined ? '' : ` (${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)})`;
      throw new SourceError(`subtensor ${this.url}: ${method} returned JSON-RPC error ${String(e.code)}: ${String(e.message)}${data}`);
    }
    if (!('result' in m)) throw new DecodeError({ input: `${this.url} ${method}`, field: 'result' }, 'JSON-RPC response has neither result nor error');
    return m.result;
  }

  private connect(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return Promise.resolve(this.ws);
    if (this.opening) return this.opening;
    this.opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url, { handshakeTimeout: this.opts.connectTimeoutMs, maxPayload: this.opts.maxPayloadBytes });
      this.connections++;
      let opened = false;
      ws.on('open', () => {
        if (this.closed) {
          ws.terminate();
          return;
        }
        opened = true;
        this.ws = ws;
        this.opening = null;
        resolve(ws);
      });
      ws.on('message', (data) => this.onMessage(ws, data));
      ws.on('error', (err) => {
        if (!opened) {
          this.opening = null;
          reject(new TransientError(`cannot connect: ${err.message}`));
        }
      });
      ws.on('close', (code) => {
        if (!opened) {
          this.opening = null;
          reject(new TransientError(`connection closed before opening (code ${code})`));
        }
        if (this.ws === ws) this.ws = null;
        this.failAll(new TransientError(`connection closed (code ${code})`), ws);
      });
    });
    return this.opening;
  }

  private onMessage(ws: WebSocket, data: WebSocket.RawData): void {
    let msg: unknown;
    try {
      msg = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch {
      this.failAll(new DecodeError({ input: this.url }, 'node sent a message that is not JSON'), ws);
      this.drop(ws);
      return;
    }
    const id = (msg as { id?: unknown }).id;
    if (typeof id !== 'number') return; // notifications and stray messages are ignored
    const p = this.pending.get(id);
    if (!p) return; // late answer to a timed-out request
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(msg);
  }

  private drop(ws: WebSocket): void {
    if (this.ws === ws) this.ws = null;
    ws.terminate();
  }

  /** Reject pending requests (those sent on `ws`, or all). */
  private failAll(err: Error, ws?: WebSocket): void {
    for (const [id, p] of this.pending) {
      if (ws && p.ws !== ws) continue;
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }
}
