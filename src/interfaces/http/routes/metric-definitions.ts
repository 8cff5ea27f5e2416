/**
 * @module `GET /api/metric-definitions`: what a metric id means — formula, scale and notes from
 * docs/metrics.md, description and range from the metric registry (the MCP tool `explain_metric`).
 */
import { z } from 'zod';
import { queryMetricDefinitions } from '../../../pipeline/queries/metric-definitions-query.js';
import { text } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const metricDefinitionRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/metric-definitions',
    openapiPath: '/api/metric-definitions',
    tag: 'metrics',
    summary: "A metric's exact definition (formula, scale, notes, pinned conventions) from docs/metrics.md and the metric registry; without metric, every metric",
    query: z
      .object({
        metric: text({ description: 'metric id, parameter included (hhi, nakamoto-coefficient, tau-index=0.66, concentration-ratio=5)', example: 'nakamoto-coefficient' }),
      })
      .partial()
      .strict(),
    cache: 'static',
    exampleUrl: '/api/metric-definitions?metric=nakamoto-coefficient',
    handler: ({ query }) => queryMetricDefinitions(query),
  }),
];
