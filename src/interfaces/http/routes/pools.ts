/**
 * @module `GET /api/pools` (pool ranking in one window), `GET /api/pools/<slug>/rules` (how a pool is
 * identified: mempool tags and addresses, owners over time) and `GET /api/shares/<distribution>`
 * (share of the top entities per window, the data of the report's stacked-area charts).
 */
import { z } from 'zod';
import { queryPoolRules } from '../../../pipeline/queries/pool-rules-query.js';
import { queryPools } from '../../../pipeline/queries/pools-query.js';
import { queryShares } from '../../../pipeline/queries/shares-query.js';
import { levelParam, num, sourceParam, text, windowParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const poolRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/pools',
    openapiPath: '/api/pools',
    tag: 'pools',
    summary: 'Pool ranking (blocks, share) for one time window, by default the one ending with the last day of data',
    query: z
      .object({
        window: text({ description: 'window length in days, weeks, months or years', example: '7d', default: '30d' }),
        at: text({ description: 'last day of the window (UTC, inclusive)', example: '2025-12-31' }),
        source: sourceParam,
        level: levelParam,
      })
      .partial()
      .strict(),
    cache: 'data',
    exampleUrl: '/api/pools?window=30d',
    handler: ({ query }, deps) => queryPools(query, deps.ctx),
  }),
  defineRoute({
    path: '/api/pools/:slug/rules',
    openapiPath: '/api/pools/{slug}/rules',
    tag: 'pools',
    summary: 'How a pool is identified: its coinbase tags and payout addresses in the mempool rule set (with the rule set version), and its owners over time from the EDI ownership links',
    pathParams: [{ name: 'slug', description: 'pool slug as in /api/pools (mempool.space slug: lower-case letters and digits of the name)', example: 'foundryusa' }],
    query: z.object({}).strict(),
    cache: 'data',
    errors: { 404: 'no pool with this slug in the mempool rule set' },
    exampleUrl: '/api/pools/foundryusa/rules',
    handler: ({ params }, deps) => queryPoolRules(params.slug!, deps.ctx),
  }),
  defineRoute({
    path: '/api/shares/*',
    openapiPath: '/api/shares/{distribution}',
    tag: 'pools',
    summary: 'Share of each top entity (and Other) per window',
    pathParams: [{ name: 'distribution', description: 'distribution id', example: 'bitcoin/pools' }],
    query: z
      .object({
        window: windowParams.window,
        from: windowParams.from,
        to: windowParams.to,
        top: num({ description: 'entities to name; the rest are Other', default: 8 }, { min: 1, max: 30, integer: true }),
        include: z.string().max(200).describe('an entity (display name) to name whatever its rank, e.g. for its own page'),
        source: sourceParam,
        level: levelParam,
      })
      .partial()
      .strict(),
    cache: 'data',
    errors: { 404: 'unknown distribution' },
    exampleUrl: '/api/shares/bitcoin/pools?window=1y&top=5',
    handler: ({ query, params }, deps) => queryShares({ ...query, distribution: params.distribution! }, deps.ctx),
  }),
];
