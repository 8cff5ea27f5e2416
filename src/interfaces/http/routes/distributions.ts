/**
 * @module `GET /api/distributions` (every distribution) and `GET /api/distributions/<id>` (one).
 */
import { z } from 'zod';
import { queryDistribution, queryDistributions } from '../../../pipeline/queries/distributions-query.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const distributionRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/distributions',
    openapiPath: '/api/distributions',
    tag: 'distributions',
    summary: 'Every distribution the API can measure: unit, entity kind, levels, aggregation, coverage, source, caveats',
    query: z.object({}).strict(),
    cache: 'static',
    exampleUrl: '/api/distributions',
    handler: () => ({ distributions: queryDistributions() }),
  }),
  defineRoute({
    path: '/api/distributions/*',
    openapiPath: '/api/distributions/{distribution}',
    tag: 'distributions',
    summary: 'One distribution',
    pathParams: [{ name: 'distribution', description: 'distribution id (contains a slash)', example: 'bitcoin/pools' }],
    query: z.object({}).strict(),
    cache: 'static',
    errors: { 404: 'unknown distribution id' },
    exampleUrl: '/api/distributions/bitcoin/pools',
    handler: ({ params }) => queryDistribution(params.distribution!),
  }),
];
