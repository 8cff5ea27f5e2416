/**
 * @module `GET /api/compare`: distributions side by side on one calendar axis (`nakamoto compare`).
 */
import { z } from 'zod';
import { DEFAULT_COMPARE_METRICS, queryCompare } from '../../../pipeline/queries/compare-query.js';
import { flag, seedParam, text } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const compareRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/compare',
    openapiPath: '/api/compare',
    tag: 'compare',
    summary: 'Several distributions on one calendar-aligned time axis, with intervals for block-sampled data',
    query: z
      .object({
        distributions: text({ description: 'two or more comma-separated distribution ids', example: 'bitcoin/pools,ai/compute-owners' }),
        metric: text({ description: 'comma-separated metric ids', default: DEFAULT_COMPARE_METRICS }).optional(),
        window: text({ description: 'time window: 1y, 1q, 1m, Nd', default: '1y' }).optional(),
        from: text({ description: 'first day to cover (UTC)', example: '2022-01-01' }).optional(),
        to: text({ description: 'end day (UTC, exclusive)', example: '2026-01-01' }).optional(),
        ci: flag({ description: 'intervals for block-sampled data', default: true }).optional(),
        seed: seedParam.optional(),
      })
      .strict(),
    cache: 'data',
    errors: { 404: 'unknown distribution' },
    exampleUrl: '/api/compare?distributions=bitcoin/pools,ai/compute-owners&metric=hhi',
    handler: ({ query }, deps) => queryCompare(query, deps.ctx, deps.limits),
  }),
];
