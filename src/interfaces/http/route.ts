/**
 * @module A read endpoint as data: path, documentation, query schema, cache class and handler. The
 * app registers every spec with fastify and builds the OpenAPI document from the same specs, so
 * the two cannot drift apart.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { QueryContext } from '../../pipeline/queries/context.js';
import { parseQuery } from './params.js';

/** `static`: depends on code only (calculators); `data`: depends on the data too (store, datasets). */
export type CacheClass = 'static' | 'data' | 'none';

export interface HttpLimits {
  /** Most posterior draws (windows × draws) per request for intervals. */
  readonly maxIntervalDraws: number;
  /** Largest MDP truncation for optimal selfish mining. */
  readonly maxTruncation: number;
  readonly maxSimulationRuns: number;
  readonly simulationTimeoutMs: number;
  readonly maxConcurrentSimulations: number;
  /** Worker threads per simulation request (≥ 1, so that the time limit can stop it). */
  readonly simulationThreads: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxIntervalDraws: 250_000,
  maxTruncation: 40,
  maxSimulationRuns: 8,
  simulationTimeoutMs: 10_000,
  maxConcurrentSimulations: 1,
  simulationThreads: 1,
};

export interface RouteDeps {
  readonly ctx: QueryContext;
  readonly limits: HttpLimits;
}

export interface PathParam {
  readonly name: string;
  readonly description: string;
  readonly example: string;
}

export interface HandlerInput<Q> {
  readonly query: Q;
  /** Path parameters by name (a trailing `*` is delivered under the name of the last PathParam). */
  readonly params: Readonly<Record<string, string>>;
}

export interface RouteSpec<S extends z.ZodObject = z.ZodObject> {
  /** fastify path, e.g. `/api/metrics/*`. */
  readonly path: string;
  /** OpenAPI path, e.g. `/api/metrics/{distribution}`. */
  readonly openapiPath: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly pathParams?: readonly PathParam[];
  readonly query: S;
  readonly cache: CacheClass;
  /** Status codes besides 200/400 this route can answer, with what they mean. */
  readonly errors?: Readonly<Record<number, string>>;
  readonly exampleUrl?: string;
  /** Media type of the answer when it is not JSON (the handler then returns a string). */
  readonly produces?: string;
  handler(input: HandlerInput<z.output<S>>, deps: RouteDeps): Promise<unknown> | unknown;
}

/** Identity with type inference for the query schema. */
export function defineRoute<S extends z.ZodObject>(spec: RouteSpec<S>): RouteSpec {
  return spec as unknown as RouteSpec;
}

function pathParams(spec: RouteSpec, raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of spec.pathParams ?? []) {
    const v = raw[p.name] ?? raw['*'];
    if (v !== undefined) out[p.name] = decodeURIComponent(v);
  }
  return out;
}

export function registerRoute(app: FastifyInstance, spec: RouteSpec, deps: RouteDeps): void {
  app.get(spec.path, { config: { cache: spec.cache } }, async (req, reply) => {
    const query = parseQuery(spec.query, req.query);
    const result = await spec.handler({ query, params: pathParams(spec, req.params as Record<string, string>) }, deps);
    if (spec.produces) void reply.type(spec.produces);
    return result;
  });
}
