/**
 * @module `GET /api/claims`: verdicts of the shipped claims file (`nakamoto claims`). Only the
 * default file: the API reads no paths given by clients.
 */
import { z } from 'zod';
import { queryClaims } from '../../../pipeline/queries/claims-query.js';
import { num, seedParam, text } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const claimsRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/claims',
    openapiPath: '/api/claims',
    tag: 'claims',
    summary: 'Evaluate the shipped claims (data/claims/default.yaml): holds / fails / uncertain with probability and evidence',
    query: z
      .object({
        confidence: num({ description: 'probability needed for holds (and 1 − it for fails)', default: 0.95 }, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
        draws: num({ description: 'posterior draws per window', default: 400 }, { min: 100, max: 2000, integer: true }),
        seed: seedParam,
        only: text({ description: 'comma-separated claim ids', example: 'us-overtook-china-mining' }),
      })
      .partial()
      .strict(),
    cache: 'data',
    errors: { 404: 'unknown claim id in only' },
    exampleUrl: '/api/claims?only=us-overtook-china-mining',
    handler: async ({ query }, deps) => {
      const r = await queryClaims(query, deps.ctx);
      return { file: 'data/claims/default.yaml', intervals: r.intervals, seed: r.seed, rule: r.rule, claims: r.claims };
    },
  }),
];
