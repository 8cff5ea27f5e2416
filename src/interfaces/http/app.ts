/**
 * @module The HTTP API as a factory: `createApp({ store, datasetsRoot, logger? })` returns a fastify
 * instance with every read route registered (not listening; no import-time side effects). One error
 * handler, one caching layer (ETag/Cache-Control/304, answers kept compressed, per-client limits on
 * uncached work), gzip/deflate compression of the rest, and the OpenAPI
 * document at `/openapi.json`, generated from the same route specs.
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { SeriesCache } from '../../pipeline/queries/load-distribution.js';
import type { Store } from '../../store/store.js';
import { clearingOnDataChange, createVersions, installCaching, type CachingOptions, type VersionOptions } from './caching.js';
import { installErrorHandler } from './error-handler.js';
import { buildOpenApi } from './openapi.js';
import { DEFAULT_LIMITS, registerRoute, type HttpLimits, type RouteSpec } from './route.js';
import { DEFAULT_WEB_DIST, registerWebStatic } from './web-static.js';
import { registerMcpEndpoint, type McpMode } from '../mcp/http-endpoint.js';
import { ROUTES } from './routes/index.js';
import { z } from 'zod';
import { defineRoute } from './route.js';

export interface AppOptions {
  /** The store to read (null: embedded default and shared datasets only). The caller opens and closes it. */
  readonly store: Store | null;
  readonly datasetsRoot: string;
  /** fastify logging: false (default), true (pino to stdout), or a pino-compatible logger. */
  readonly logger?: boolean | FastifyBaseLogger;
  readonly limits?: Partial<HttpLimits>;
  /** The built dashboard (`npm run build:web`); default web/dist. */
  readonly webDistDir?: string;
  /** Who may use the MCP endpoint `/mcp`: loopback clients (default), anyone (`network`), or nobody (`off`). */
  readonly mcp?: McpMode;
  /** Answer cache bound, how often data files are checked for changes, per-client limits on uncached work. */
  readonly caching?: CachingOptions & VersionOptions;
}

function openApiRoute(specs: readonly RouteSpec[], version: () => Promise<string>): RouteSpec {
  let doc: Promise<unknown> | undefined;
  return defineRoute({
    path: '/openapi.json',
    openapiPath: '/openapi.json',
    tag: 'meta',
    summary: 'This API described as an OpenAPI 3.1 document',
    query: z.object({}).strict(),
    cache: 'static',
    exampleUrl: '/openapi.json',
    handler: () => (doc ??= version().then((v) => buildOpenApi([...specs, openApiRoute([], version)], v.split('@').pop() ?? v))),
  });
}

export async function createApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof o.logger === 'object' ? { loggerInstance: o.logger } : { logger: o.logger ?? false }),
    // Query strings are short; paths carry distribution ids with a slash (bitcoin/pools).
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const cache = new SeriesCache();
  // Loaded series are kept between requests until the data version changes (a new ingest).
  const versions = clearingOnDataChange(createVersions(o.store, o.datasetsRoot, o.caching), cache);
  installErrorHandler(app);
  installCaching(app, versions, o.store !== null, o.caching);
  await app.register(compress, { global: true, encodings: ['gzip', 'deflate'], threshold: 1024 });
  const deps = { ctx: { store: o.store, datasetsRoot: o.datasetsRoot, cache }, limits };
  for (const spec of [...ROUTES, openApiRoute(ROUTES, versions.code)]) registerRoute(app, spec, deps);
  registerMcpEndpoint(app, { route: deps, versions, log: (m) => app.log.error(m) }, o.mcp ?? 'loopback');
  await registerWebStatic(app, { distDir: o.webDistDir ?? DEFAULT_WEB_DIST });
  return app;
}
