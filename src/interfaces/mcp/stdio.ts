/**
 * @module The MCP server over stdio (`nakamoto mcp`): JSON-RPC messages on stdin/stdout, anything
 * else (start-up line, failures) on stderr. Serves until stdin ends (the client closed it or went
 * away; calls in progress are answered first) or the stop signal; the caller then closes the store.
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { SeriesCache } from '../../pipeline/queries/load-distribution.js';
import type { Store } from '../../store/store.js';
import { clearingOnDataChange, createVersions } from '../http/caching.js';
import { DEFAULT_LIMITS, type HttpLimits } from '../http/route.js';
import { createMcpServer } from './server.js';

export interface StdioOptions {
  readonly store: Store | null;
  readonly datasetsRoot: string;
  readonly log: (message: string) => void;
  /** Bounds on intervals and simulations: the HTTP API's by default (an agent should not start hour-long work). */
  readonly limits?: Partial<HttpLimits>;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  /** Resolves to stop serving early (the stop signal). */
  readonly stop?: Promise<unknown>;
}

export async function serveStdio(o: StdioOptions): Promise<void> {
  const stdin = o.stdin ?? process.stdin;
  const cache = new SeriesCache();
  const versions = clearingOnDataChange(createVersions(o.store, o.datasetsRoot), cache);
  const calls = new Set<Promise<unknown>>();
  const track = (call: Promise<unknown>) => {
    calls.add(call);
    void call.finally(() => calls.delete(call));
  };
  const server = createMcpServer({ route: { ctx: { store: o.store, datasetsRoot: o.datasetsRoot, cache }, limits: { ...DEFAULT_LIMITS, ...o.limits } }, versions, log: o.log, track });
  server.onerror = (err) => o.log(`nakamoto mcp: ${err.message}`);
  const ended = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
    void o.stop?.then(() => resolve());
  });
  await server.connect(new StdioServerTransport(stdin, o.stdout ?? process.stdout));
  await ended;
  // A client may close stdin right after its last request: answer the calls in progress first.
  while (calls.size > 0) await Promise.allSettled([...calls]);
  await new Promise((resolve) => setImmediate(resolve)); // let the protocol write the last answers
  await server.close();
}
