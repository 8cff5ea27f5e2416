/**
 * @module The OpenAPI 3.1 document of the HTTP API, generated from the route specs (paths, path
 * parameters, query parameters from the zod schemas, status codes), served at `/openapi.json`.
 */
import { z } from 'zod';
import type { RouteSpec } from './route.js';

type Json = Record<string, unknown>;

const ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'type', 'message'],
      properties: { status: { type: 'integer' }, type: { type: 'string', examples: ['UsageError'] }, message: { type: 'string', examples: ['invalid window: 30x (expected Nd, Nw, Nm, Nq, Ny or Nb)'] } },
    },
  },
};

const STANDARD_ERRORS: Record<number, string> = {
  400: 'invalid or unknown query parameter (the message names it and what is expected)',
  500: 'internal or store failure',
  502: 'a data source could not be read',
};

export interface ObjectJsonSchema {
  readonly type: 'object';
  readonly properties: Record<string, Json>;
  readonly required?: string[];
  readonly additionalProperties?: boolean;
}

/**
 * JSON Schema (2020-12, no `$schema` key) of a query schema's input side, as clients should send it:
 * numbers and integers with their bounds, flags as booleans (not the text forms the query string
 * accepts). Used by the OpenAPI document and by the MCP tools' input schemas.
 */
export function queryJsonSchema(query: z.ZodObject): ObjectJsonSchema {
  const { properties = {}, required, additionalProperties } = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[]; additionalProperties?: boolean };
  for (const p of Object.values(properties)) if (p.type === 'boolean') delete p.enum;
  return { type: 'object', properties, ...(required ? { required } : {}), ...(additionalProperties !== undefined ? { additionalProperties } : {}) };
}

function queryParameters(spec: RouteSpec): Json[] {
  const schema = queryJsonSchema(spec.query);
  return Object.entries(schema.properties).map(([name, s]) => {
    const { description, examples, ...rest } = s;
    return {
      name,
      in: 'query',
      required: (schema.required ?? []).includes(name),
      ...(description !== undefined ? { description } : {}),
      schema: rest,
      ...(Array.isArray(examples) && examples.length ? { example: examples[0] } : {}),
    };
  });
}

function operation(spec: RouteSpec): Json {
  const errors: Record<number, string> = { ...STANDARD_ERRORS, ...(spec.errors ?? {}) };
  const responses: Json = {
    200: spec.produces ? { description: `OK (${spec.produces})`, content: { [spec.produces]: { schema: { type: 'string' } } } } : { description: 'OK (JSON)', content: { 'application/json': { schema: { type: 'object' } } } },
    ...(spec.cache !== 'none' ? { 304: { description: 'Not modified: If-None-Match matched the ETag' } } : {}),
  };
  for (const [code, description] of Object.entries(errors)) responses[code] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    operationId: spec.openapiPath.replace(/[{}]/g, '').split('/').filter(Boolean).join('_').replace(/-/g, '_'),
    parameters: [
      ...(spec.pathParams ?? []).map((p) => ({ name: p.name, in: 'path', required: true, description: p.description, schema: { type: 'string' }, example: p.example })),
      ...queryParameters(spec),
    ],
    responses,
  };
}

export function buildOpenApi(specs: readonly RouteSpec[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const s of specs) paths[s.openapiPath] = { get: operation(s) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nakamoto Observatory HTTP API',
      version,
      description: 'Read-only JSON API over the same queries as the `nakamoto` CLI: concentration metrics per window with provenance and intervals, pool rankings, reports, comparisons, claims, geography, attack calculators and bounded simulations. Distribution ids contain a slash (bitcoin/pools) and go into the path as they are. See docs/http-api.md.',
    },
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}
