/**
 * @module The single mapping from errors to HTTP responses: UsageError/DecodeError 400,
 * NotFoundError 404, SourceError 502, StoreBusyError 503, StoreError/RuleError 500, LimitError 429/503/504; fastify's own
 * client errors keep their 4xx status; anything else is a 500 without internals. The body is
 * always `{ "error": { "status", "type", "message" } }`, with `Cache-Control: no-store`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, DecodeError, NotFoundError, RuleError, SourceError, StoreBusyError, StoreError, UsageError } from '../../domain/errors.js';
import { LimitError } from './http-errors.js';

export interface ErrorBody {
  readonly error: { readonly status: number; readonly type: string; readonly message: string };
}

export function statusOf(err: unknown): number {
  if (err instanceof LimitError) return err.status;
  if (err instanceof StoreBusyError) return 503;
  if (err instanceof UsageError || err instanceof DecodeError) return 400;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof SourceError) return 502;
  if (err instanceof StoreError || err instanceof RuleError) return 500;
  if (err instanceof AppError) return 500;
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof code === 'number' && code >= 400 && code < 500) return code;
  return 500;
}

export function errorBody(err: unknown, status: number): ErrorBody {
  if (err instanceof AppError) return { error: { status, type: err.name, message: err.message } };
  if (status < 500 && err instanceof Error) return { error: { status, type: 'BadRequest', message: err.message } };
  return { error: { status, type: 'InternalError', message: 'internal error (see the server log)' } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const status = statusOf(err);
    if (status >= 500 && !(err instanceof LimitError) && !(err instanceof StoreBusyError)) req.log.error({ err, request: { method: req.method, url: req.url } }, 'request failed');
    if (err instanceof LimitError && err.retryAfterSec !== undefined) void reply.header('retry-after', String(err.retryAfterSec));
    if (err instanceof StoreBusyError) void reply.header('retry-after', '5');
    void reply.code(status).header('cache-control', 'no-store').removeHeader('etag').send(errorBody(err, status));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .code(404)
      .header('cache-control', 'no-store')
      .send({ error: { status: 404, type: 'NotFoundError', message: `no such endpoint: ${req.method} ${req.url.split('?')[0]} (the API is described at /openapi.json)` } } satisfies ErrorBody);
  });
}
