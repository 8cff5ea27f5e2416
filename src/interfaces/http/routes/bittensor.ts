/**
 * @module `GET /api/bittensor/subnets`: every subnet with a metagraph ranked by stake and incentive
 * concentration, as `nakamoto bittensor subnets`.
 */
import { z } from 'zod';
import { queryBittensorSubnets } from '../../../pipeline/queries/bittensor-subnets-query.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const bittensorRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/bittensor/subnets',
    openapiPath: '/api/bittensor/subnets',
    tag: 'bittensor',
    summary: 'Every subnet with a metagraph (latest ingested snapshot of each; the staged SN1 without a store) ranked by the concentration of stake and of miner incentive across coldkeys, with its emission share',
    query: z.object({ metric: z.string().optional().describe('comma-separated metric ids; the first ranks the table (default nakamoto-coefficient)') }).strict(),
    cache: 'data',
    exampleUrl: '/api/bittensor/subnets?metric=nakamoto-coefficient,hhi',
    handler: (input, deps) => queryBittensorSubnets({ metric: input.query.metric }, deps.ctx),
  }),
];
