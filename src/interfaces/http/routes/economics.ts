/**
 * @module `GET /api/economics`: mining economics per window (fees, fee share, empty blocks, hash
 * value in sats and hash price in USD per TH/s per day with the hash-rate interval), or per pool
 * with `byPool` (the query behind `nakamoto economics`; definitions in docs/economics.md).
 */
import { z } from 'zod';
import { queryEconomics } from '../../../pipeline/queries/economics-query.js';
import { choice, flag, num, text, windowParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const economicsRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/economics',
    openapiPath: '/api/economics',
    tag: 'metrics',
    summary: 'Mining economics per window from per-block data: fees, fee share, empty blocks, hash value (sats/TH/s/day) and hash price (USD/TH/s/day) with the hash-rate interval; byPool for empty blocks and fees per pool',
    query: z
      .object({
        ...windowParams,
        window: text({ description: 'window length: Nd days, Nw weeks, Nm calendar months, Nq quarters, Ny calendar years (time windows only)', example: '1m', default: '1m' }),
        byPool: flag({ description: 'one row per pool and window: empty blocks with a Clopper–Pearson interval, fee median/mean, time since the previous block', default: false }),
        level: choice(['pool', 'owner', 'entity', 'template'], { description: 'with byPool: pool, owner (alias entity: pools merged by dated ownership links) or template (pools merged into template families, docs/control.md)', default: 'pool' }),
        labels: choice(['mempool', 'blockchair'], { description: "pool labels for byPool: mempool (per-block attribution dataset, by height) or blockchair (guessed_miner)", default: 'mempool' }),
        price: choice(['blockchair', 'monthly'], { description: "BTC/USD for USD columns: blockchair (each block's reward_usd, Blockchair's daily price) or monthly (data/hardware/btc-usd-monthly.csv); monthly is the default (and the only choice) with source=chain", default: 'blockchair' }),
        confidence: num({ description: 'interval level', default: 0.95 }, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
        source: text({ description: "per-block data: blockchair (the staged Blockchair dump) or chain (blocks synced into the server's store; fees = coinbase outputs − scheduled subsidy; price monthly)", example: 'blockchair' }),
        perBlock: flag({ description: 'one row per block (height, time, pool, transactions, weight, subsidy scheduled and claimed, fees, reward); from/to limit it by UTC date', default: false }),
      })
      .partial()
      .strict(),
    cache: 'data',
    exampleUrl: '/api/economics?window=1m&at=2024-05-31',
    handler: ({ query }, deps) => queryEconomics(query, deps.ctx),
  }),
];
