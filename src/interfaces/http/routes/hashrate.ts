/**
 * @module `GET /api/hashrate`: network (or per-pool) hash rate per window with an exact interval
 * (the query behind `nakamoto hashrate`).
 */
import { z } from 'zod';
import { queryHashrate } from '../../../pipeline/queries/hashrate-query.js';
import { choice, flag, num, sourceParam, windowParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const hashrateRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/hashrate',
    openapiPath: '/api/hashrate',
    tag: 'metrics',
    summary: 'Network hash rate per window (Σ difficulty·2³² / seconds, EH/s) with an exact interval; byPool for each pool',
    query: z
      .object({
        ...windowParams,
        source: sourceParam.optional(),
        byPool: flag({ description: 'one row per pool and window (share × network estimate)', default: false }),
        confidence: num({ description: 'interval level', default: 0.95 }, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
        interval: choice(['poisson', 'gamma'], { description: 'poisson: fixed window (Garwood); gamma: fixed block count', default: 'poisson' }),
      })
      .partial()
      .strict(),
    cache: 'data',
    exampleUrl: '/api/hashrate?window=30d&from=2024-01-01&to=2024-04-01',
    handler: ({ query }, deps) => queryHashrate(query, deps.ctx),
  }),
];
