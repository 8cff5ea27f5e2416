/**
 * @module Start the HTTP API on a host and port (`nakamoto serve`); returns its URL and a close
 * function. Binding failures become one-line errors naming the address.
 */
import type { FastifyBaseLogger } from 'fastify';
import { UsageError } from '../../domain/errors.js';
import type { Store } from '../../store/store.js';
import type { McpMode } from '../mcp/http-endpoint.js';
import { createApp } from './app.js';
import type { HttpLimits } from './route.js';

export interface ServerOptions {
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  readonly store: Store | null;
  readonly datasetsRoot: string;
  readonly logger?: boolean | FastifyBaseLogger;
  readonly limits?: Partial<HttpLimits>;
  /** Who may use `/mcp` (default loopback clients only). */
  readonly mcp?: McpMode;
  /** The built dashboard (default web/dist). */
  readonly webDistDir?: string;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const app = await createApp({ store: o.store, datasetsRoot: o.datasetsRoot, logger: o.logger, limits: o.limits, mcp: o.mcp, ...(o.webDistDir ? { webDistDir: o.webDistDir } : {}) });
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`cannot listen on ${o.host}:${o.port}: ${code}`, { cause: err });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
