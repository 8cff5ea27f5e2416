/**
 * @module `GET /api/groups` (template families of Bitcoin pools in one window, with the evidence for
 * every link, owners beside, the majority count and the agreement with the staged stratum jobs) and
 * `GET /api/attribution/quality` (attribution quality per window). Method: docs/control.md.
 */
import { z } from 'zod';
import { queryAttributionQuality } from '../../../pipeline/queries/attribution-quality-query.js';
import { queryGroups } from '../../../pipeline/queries/groups-query.js';
import { flag, num, text } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

export const groupRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/groups',
    openapiPath: '/api/groups',
    tag: 'pools',
    summary: 'Template families: pools whose blocks share coinbase fingerprints beyond chance in one window, with per-link evidence, owners, majority counts and the stratum-job agreement',
    query: z
      .object({
        window: text({ description: 'window length (e.g. 90d, 1q, 1y)', example: '1y', default: '1y' }),
        at: text({ description: 'last day of the window (UTC, inclusive); default: the last day of the scriptSig data (2025-03-08)', example: '2024-12-31' }),
        history: flag({ description: 'also list monthly joins and leaves inside the window', default: false }),
        minBlocks: num({ description: 'blocks a pool needs in the window to be linked', default: 20 }, { min: 1, integer: true }),
        minOverlap: num({ description: 'minimum fingerprint overlap for a link', default: 0.5 }, { min: 0, max: 1 }),
        minKappa: num({ description: 'minimum chance-corrected agreement for a link', default: 0.5 }, { min: 0, max: 1 }),
      })
      .partial()
      .strict(),
    cache: 'data',
    exampleUrl: '/api/groups?window=1y&at=2024-12-31',
    handler: ({ query }, deps) =>
      queryGroups(
        {
          ...(query.window !== undefined ? { window: query.window } : {}),
          ...(query.at !== undefined ? { at: query.at } : {}),
          history: query.history ?? false,
          ...(query.minBlocks !== undefined ? { minBlocks: Number(query.minBlocks) } : {}),
          ...(query.minOverlap !== undefined ? { minOverlap: Number(query.minOverlap) } : {}),
          ...(query.minKappa !== undefined ? { minKappa: Number(query.minKappa) } : {}),
        },
        deps.ctx,
      ),
  }),
  defineRoute({
    path: '/api/attribution/quality',
    openapiPath: '/api/attribution/quality',
    tag: 'pools',
    summary: 'Attribution quality per window over all staged blocks: unknown, by tag vs by address, tag/label conflicts, rule sets and Blockchair disagreeing',
    query: z
      .object({ window: text({ description: 'window length (e.g. 1m, 1q, 1y)', example: '1y', default: '1m' }) })
      .partial()
      .strict(),
    cache: 'data',
    exampleUrl: '/api/attribution/quality?window=1y',
    handler: ({ query }, deps) => queryAttributionQuality({ ...(query.window !== undefined ? { window: query.window } : {}) }, deps.ctx),
  }),
];
