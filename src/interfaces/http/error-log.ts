/**
 * @module The server log when `serve` runs without `--log`: nothing per request, but every failed
 * request (a 5xx whose body says "see the server log") is written as one line to stderr, with the
 * method, URL and the error's first stack lines, so that the promise in the body holds.
 */
import type { FastifyBaseLogger } from 'fastify';

type Bindings = Record<string, unknown>;

function describe(obj: unknown, msg: unknown): string {
  const o = (obj ?? {}) as { err?: unknown };
  const err = o.err ?? (obj instanceof Error ? obj : undefined);
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`).split('\n').slice(0, 4).join('\n    ') : typeof msg === 'string' ? msg : String(obj);
  return text;
}

/** A fastify logger that drops everything below `error` and writes errors with the request line to `write`. */
export function errorsOnlyLogger(write: (line: string) => void, bindings: Bindings = {}): FastifyBaseLogger {
  const silent = () => undefined;
  const error = (obj: unknown, msg?: unknown) => {
    const req = (obj as { request?: { method?: string; url?: string } } | null)?.request;
    const where = req?.method ? `${req.method} ${req.url ?? ''}: ` : '';
    write(`nakamoto serve: ${new Date().toISOString()} ${typeof msg === 'string' ? msg : 'error'}: ${where}${describe(obj, msg)}\n`);
  };
  const logger = {
    level: 'error',
    silent,
    trace: silent,
    debug: silent,
    info: silent,
    warn: silent,
    error,
    fatal: error,
    child: (b: Bindings) => errorsOnlyLogger(write, { ...bindings, ...b }),
  };
  return logger as unknown as FastifyBaseLogger;
}
