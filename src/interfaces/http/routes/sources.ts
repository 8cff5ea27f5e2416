/**
 * @module `GET /api/sources` (what the store holds) and `GET /api/sources/ingests` (every ingest
 * run), as `nakamoto sources [--ingests]`.
 */
import { z } from 'zod';
import { queryIngests, querySources } from '../../../pipeline/queries/sources-query.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const sourceRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/sources',
    openapiPath: '/api/sources',
    tag: 'sources',
    summary: 'Sources in the store: granularity, blocks, heights, days, rules versions (empty with store: false when the server has none)',
    query: z.object({}).strict(),
    cache: 'data',
    exampleUrl: '/api/sources',
    handler: (_input, deps) => querySources(deps.ctx),
  }),
  defineRoute({
    path: '/api/sources/ingests',
    openapiPath: '/api/sources/ingests',
    tag: 'sources',
    summary: 'Every ingest run recorded in the store (input, sha256, rules version, counts)',
    query: z.object({}).strict(),
    cache: 'data',
    errors: { 404: 'the server has no store' },
    exampleUrl: '/api/sources/ingests',
    handler: async (_input, deps) => ({ ingests: await queryIngests(deps.ctx) }),
  }),
];
