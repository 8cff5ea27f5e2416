/**
 * The OpenAPI document served at /openapi.json describes every route with every parameter.
 */
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { createApp } from './app.js';
import { ROUTES } from './routes/index.js';

type Op = { parameters: { name: string; in: string; required: boolean; schema: { type?: string } }[]; responses: Record<string, unknown>; operationId: string };

describe('/openapi.json', () => {
  it('lists every route with its path and query parameters, required ones marked, and its error statuses', async () => {
    const app = await createApp({ store: null, datasetsRoot: datasetsRoot() });
    try {
      const r = await app.inject({ url: '/openapi.json' });
      expect(r.statusCode).toBe(200);
      const doc = JSON.parse(r.body) as { openapi: string; paths: Record<string, { get: Op }> };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual([...ROUTES.map((x) => x.openapiPath), '/openapi.json'].sort());
      const ids = new Set<string>();
      for (const spec of ROUTES) {
        const op = doc.paths[spec.openapiPath]!.get;
        ids.add(op.operationId);
        const names = op.parameters.map((p) => `${p.in}:${p.name}`);
        expect(names.sort()).toEqual([...(spec.pathParams ?? []).map((p) => `path:${p.name}`), ...Object.keys(spec.query.shape).map((k) => `query:${k}`)].sort());
        for (const [k, schema] of Object.entries(spec.query.shape)) {
          const p = op.parameters.find((x) => x.name === k)!;
          expect(p.required, `${spec.openapiPath} ${k}`).toBe(!(schema as { isOptional(): boolean }).isOptional());
        }
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400']));
        for (const code of Object.keys(spec.errors ?? {})) expect(op.responses[code]).toBeDefined();
      }
      expect(ids.size).toBe(ROUTES.length);
      const ds = doc.paths['/api/attack/double-spend']!.get.parameters;
      expect(ds.find((p) => p.name === 'q')).toMatchObject({ required: true, schema: { type: 'number', minimum: 0, maximum: 1 } });
      expect(ds.find((p) => p.name === 'z')!.schema.type).toBe('integer');
      const ci = doc.paths['/api/metrics/{distribution}']!.get.parameters.find((p) => p.name === 'ci')!;
      expect(ci.schema).toEqual({ type: 'boolean', default: false });
    } finally {
      await app.close();
    }
  });
});
