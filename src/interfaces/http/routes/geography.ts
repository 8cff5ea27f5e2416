/**
 * @module `GET /api/geography`: country concentration of Bitcoin hash rate vs AI compute, and the
 * 2021 China ban (`nakamoto geography`).
 */
import { z } from 'zod';
import { queryGeography } from '../../../pipeline/queries/geography-query.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const geographyRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/geography',
    openapiPath: '/api/geography',
    tag: 'geography',
    summary: 'Country concentration per year (CBECI hash rate vs Epoch GPU clusters) and China-ban snapshots with a verdict',
    query: z.object({}).strict(),
    cache: 'data',
    exampleUrl: '/api/geography',
    handler: (_input, deps) => queryGeography(deps.ctx),
  }),
];
