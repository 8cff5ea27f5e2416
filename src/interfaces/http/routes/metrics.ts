/**
 * @module `GET /api/metrics/<distribution>`: concentration metrics per window with provenance and,
 * with `ci`, posterior intervals (the query behind `nakamoto metrics`).
 */
import { z } from 'zod';
import { DEFAULT_METRIC_IDS } from '../../../metrics/index.js';
import { queryMetrics } from '../../../pipeline/queries/metrics-query.js';
import { flag, levelParam, num, seedParam, sourceParam, text, windowParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const metricsQuery = z
  .object({
    ...windowParams,
    metrics: text({ description: 'comma-separated metric ids (docs/metrics.md)', example: 'nakamoto-coefficient,hhi', default: DEFAULT_METRIC_IDS.join(',') }),
    source: sourceParam.optional(),
    level: levelParam.optional(),
    populationWindows: num({ description: 'count entities active in the n neighbouring windows as zero-weight members (EDI convention)', default: 0 }, { min: 0, max: 1000, integer: true }),
    ci: flag({ description: 'add _lo/_hi posterior intervals (block-sampled data only), P(value) of the Nakamoto coefficient and an `unstable` flag', default: false }),
    confidence: num({ description: 'with ci: central interval level', default: 0.95 }, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
    draws: num({ description: 'with ci: posterior draws per window (windows × draws is bounded per request)', default: 1000 }, { min: 100, max: 10_000, integer: true }),
    seed: seedParam,
  })
  .partial()
  .strict();

export const metricsRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/metrics/*',
    openapiPath: '/api/metrics/{distribution}',
    tag: 'metrics',
    summary: 'Concentration metrics per window, with provenance (and intervals with ci)',
    description: 'Same as `nakamoto metrics <distribution>`. Rows carry window_start, window_end (exclusive), the total and one column per metric; with ci also <metric>_lo, <metric>_hi, nakamoto-coefficient_p and unstable.',
    pathParams: [{ name: 'distribution', description: 'distribution id, e.g. bitcoin/pools', example: 'bitcoin/pools' }],
    query: metricsQuery,
    cache: 'data',
    errors: { 404: 'unknown distribution, or a source that needs a store' },
    exampleUrl: '/api/metrics/bitcoin/pools?window=1y&metrics=nakamoto-coefficient,hhi',
    handler: ({ query, params }, deps) => queryMetrics({ ...query, distribution: params.distribution! }, deps.ctx, deps.limits),
  }),
];
