/**
 * @module Test helper: the HTTP app on the embedded default data and the shared datasets (no store),
 * created before a file's tests and closed after them, with a `get` that answers status, headers,
 * body and parsed JSON through `app.inject()` (no socket).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/interfaces/http/app.js';
import { datasetsRoot } from '../../src/sources/files/datasets-path.js';

export interface InjectedAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
  /** The body parsed as JSON (parsed when first read; throws if it is not JSON). */
  readonly json: Record<string, any>;
}

/** Register the app's set-up and tear-down in the calling test file; call `get` inside tests. */
export function embeddedApp(): { get(url: string, headers?: Record<string, string>): Promise<InjectedAnswer>; app(): FastifyInstance } {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await createApp({ store: null, datasetsRoot: datasetsRoot() });
  });
  afterAll(async () => {
    await app?.close();
  });
  const current = () => {
    if (!app) throw new Error('embeddedApp: the app is created in beforeAll; call get() inside a test');
    return app;
  };
  return {
    app: current,
    async get(url, headers = {}) {
      const r = await current().inject({ method: 'GET', url, headers });
      let parsed: Record<string, any> | undefined;
      return {
        status: r.statusCode,
        headers: r.headers,
        body: r.body,
        get json() {
          return (parsed ??= JSON.parse(r.body) as Record<string, any>);
        },
      };
    },
  };
}
