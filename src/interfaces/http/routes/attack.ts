/**
 * @module Attack calculators: `GET /api/attack/double-spend`, `/selfish-mining` (optimal MDP with a
 * bounded truncation), `/cost`, and `/coalitions/<distribution>` (smallest coalitions above attack
 * thresholds in one window of a distribution).
 */
import { z } from 'zod';
import { CATCH_UP_RULES, DEFAULT_TRUNCATION, SHARE_BASES } from '../../../analysis/attack/index.js';
import { queryAttackCostFromData, queryDoubleSpend, querySelfishMining } from '../../../pipeline/queries/attack-query.js';
import { queryCoalitions } from '../../../pipeline/queries/coalitions-query.js';
import { choice, flag, levelParam, num, seedParam, sourceParam, text, windowParams } from '../params.js';
import { defineRoute, DEFAULT_LIMITS, type RouteSpec } from '../route.js';

const share = (description: string) => num({ description, example: 0.3 }, { min: 0, max: 1 });
const money = (description: string, example: number) => num({ description, example }, { min: 0 });

export const attackRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/attack/double-spend',
    openapiPath: '/api/attack/double-spend',
    tag: 'attack',
    summary: 'Probability that an attacker with hash share q catches up from z confirmations behind (Nakamoto §11 vs exact)',
    query: z
      .object({
        q: share('attacker hash share, 0 ≤ q ≤ 1'),
        z: num({ description: 'confirmations', example: 6 }, { min: 0, max: 100_000, integer: true }),
        target: num({ description: 'also report the fewest confirmations with P < target', example: 0.001 }, { min: 0, max: 1, minExclusive: true }).optional(),
        rule: choice(CATCH_UP_RULES as ['catch-up', 'overtake'], { description: 'success rule', default: 'catch-up' }).optional(),
      })
      .strict(),
    cache: 'static',
    exampleUrl: '/api/attack/double-spend?q=0.1&z=5',
    handler: ({ query }) => queryDoubleSpend(query),
  }),
  defineRoute({
    path: '/api/attack/selfish-mining',
    openapiPath: '/api/attack/selfish-mining',
    tag: 'attack',
    summary: 'Relative revenue of selfish mining (Eyal–Sirer SM1; with optimal, the optimal MDP policy and profit threshold)',
    query: z
      .object({
        alpha: num({ description: 'attacker hash share, 0 ≤ α ≤ 0.5', example: 0.3 }, { min: 0, max: 0.5 }),
        gamma: share('share of honest miners that build on the attacker block in a tie'),
        optimal: flag({ description: 'also solve the Sapirshtein–Sompolinsky–Zohar MDP', default: false }).optional(),
        truncation: num({ description: `MDP truncation (longest branch); bounded on the server to ${DEFAULT_LIMITS.maxTruncation}`, default: DEFAULT_TRUNCATION }, { min: 2, max: DEFAULT_LIMITS.maxTruncation, integer: true }).optional(),
      })
      .strict(),
    cache: 'static',
    exampleUrl: '/api/attack/selfish-mining?alpha=0.3&gamma=0.5&optimal=true',
    handler: ({ query }, deps) => querySelfishMining(query, { maxTruncation: deps.limits.maxTruncation }),
  }),
  defineRoute({
    path: '/api/attack/cost',
    openapiPath: '/api/attack/cost',
    tag: 'attack',
    summary: 'Hourly cost of running or renting a hash share versus the block rewards it earns (Budish 2018 flow)',
    description: 'Give efficiencyJTh with electricityUsdKwh (energy cost), or hashpriceUsdPhDay (rental), not both.',
    query: z
      .object({
        hashrateEhs: num({ description: 'network hash rate in EH/s (omit: the latest 7-day estimate from the data, with the cost at both ends of its interval)', example: 900 }, { min: 0, minExclusive: true }).optional(),
        share: share('attacker share of the total hash rate'),
        shareBasis: choice(SHARE_BASES as ['existing', 'added'], { description: 'existing (share of the stated hash rate) or added (new hardware)', default: 'existing' }).optional(),
        efficiencyJTh: num({ description: 'hardware efficiency in J/TH', example: 20 }, { min: 0, minExclusive: true }).optional(),
        electricityUsdKwh: money('electricity price in USD/kWh', 0.05).optional(),
        hashpriceUsdPhDay: money('rental / hash price in USD per PH/s per day', 50).optional(),
        btcPriceUsd: money('BTC price in USD', 100000),
        height: num({ description: 'block height fixing the subsidy', default: 840000 }, { min: 0, integer: true }).optional(),
        feesBtcPerBlock: money('average fees per block in BTC', 0.1).optional(),
        durationHours: num({ description: 'attack duration for the totals', default: 1 }, { min: 0, max: 1e6 }).optional(),
        hashpriceAt: text({ description: "also price the attacker's hash at the observed hash price of the window ending this UTC day (opportunity cost; per-block data 2020 → 2025-03-08)", example: '2024-05-31' }).optional(),
        hashpriceWindow: text({ description: 'length of that window (default 30d)', example: '30d' }).optional(),
      })
      .strict(),
    cache: 'data',
    exampleUrl: '/api/attack/cost?hashrateEhs=900&share=0.51&efficiencyJTh=20&electricityUsdKwh=0.05&btcPriceUsd=100000',
    handler: ({ query }, deps) => queryAttackCostFromData(query, deps.ctx),
  }),
  defineRoute({
    path: '/api/attack/coalitions/*',
    openapiPath: '/api/attack/coalitions/{distribution}',
    tag: 'attack',
    summary: 'Smallest coalitions of the largest entities above attack thresholds (25%, ⅓, 50%, 51%) in one window',
    pathParams: [{ name: 'distribution', description: 'distribution id', example: 'bitcoin/pools' }],
    query: z
      .object({
        window: windowParams.window,
        at: text({ description: 'last day of the window (UTC, inclusive); default: the last day of data', example: '2025-12-31' }),
        source: sourceParam,
        level: levelParam,
        thresholds: text({ description: 'comma-separated thresholds in (0, 1)', example: '0.25,0.5' }),
        ci: flag({ description: 'bound the coalition sizes with central posterior intervals of each share (block-sampled data only)', default: false }),
        confidence: num({ description: 'with ci: interval level', default: 0.95 }, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
        draws: num({ description: 'with ci: posterior draws', default: 1000 }, { min: 100, max: 10_000, integer: true }),
        seed: seedParam,
      })
      .partial()
      .strict(),
    cache: 'data',
    errors: { 404: 'unknown distribution' },
    exampleUrl: '/api/attack/coalitions/bitcoin/pools?window=30d&ci=true',
    handler: ({ query, params }, deps) => queryCoalitions({ ...query, distribution: params.distribution! }, deps.ctx),
  }),
];
