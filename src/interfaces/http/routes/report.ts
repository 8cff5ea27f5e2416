/**
 * @module `GET /api/report` (the concentration summary, as `nakamoto report --format json`),
 * `GET /report.html` (the shareable self-contained HTML report, as `nakamoto report --html`) and
 * `GET /api/charts/<name>` (one chart as SVG, as `nakamoto report --svg --chart <name>`).
 */
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { queryContrast } from '../../../pipeline/queries/contrast-query.js';
import { queryReport } from '../../../pipeline/queries/report-query.js';
import { CHART_IDS, getChart } from '../../report/charts/index.js';
import { renderHtmlReport } from '../../report/html-report.js';
import { gatherReportData, loadPart } from '../../report/report-data.js';
import { levelParam, num, sourceParam } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

const poolsQuery = z.object({ source: sourceParam, level: levelParam }).partial().strict();
const topParam = num({ description: 'how many top entities to list per period', default: 5 }, { min: 1, max: 100, integer: true });

export const reportRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/contrast',
    openapiPath: '/api/contrast',
    tag: 'report',
    summary: 'Is Bitcoin mining centralising while AI decentralises? Every Bitcoin level and AI lens on the same metrics with intervals, HHI trends with their test, verdicts on the headline claims, and 2024–2025 country estimates (as the `contrast` part of `nakamoto report --format json`)',
    description: 'Times are UTC seconds. Trend method: docs/trends.md.',
    query: z.object({ source: sourceParam }).partial().strict(),
    cache: 'data',
    exampleUrl: '/api/contrast',
    handler: ({ query }, deps) => queryContrast(deps.ctx, { source: query.source }),
  }),
  defineRoute({
    path: '/api/report',
    openapiPath: '/api/report',
    tag: 'report',
    summary: 'Concentration summary of bitcoin/pools: latest 30 days and each calendar year (top entities, top-5 share, NC, HHI, Gini, entropy)',
    description: 'Times are UTC seconds (start inclusive, end exclusive), as in `nakamoto report --format json`.',
    query: poolsQuery.extend({ top: topParam.optional() }),
    cache: 'data',
    exampleUrl: '/api/report?top=3',
    handler: ({ query }, deps) => queryReport(query, deps.ctx),
  }),
  defineRoute({
    path: '/report.html',
    openapiPath: '/report.html',
    tag: 'report',
    summary: 'The shareable report: one self-contained HTML page with summary tables, inline SVG charts, claims verdicts, methods and provenance',
    query: poolsQuery.extend({ top: topParam.optional() }),
    cache: 'data',
    produces: 'text/html; charset=utf-8',
    exampleUrl: '/report.html',
    handler: async ({ query }, deps) => renderHtmlReport(await gatherReportData(deps.ctx, { ...query, top: query.top === undefined ? undefined : Number(query.top) })),
  }),
  defineRoute({
    path: '/api/charts/:chart',
    openapiPath: '/api/charts/{chart}',
    tag: 'report',
    summary: `One chart of the report as a standalone SVG (${CHART_IDS.join(', ')})`,
    pathParams: [{ name: 'chart', description: `chart name: ${CHART_IDS.join(', ')}`, example: 'pool-share' }],
    query: poolsQuery,
    cache: 'data',
    produces: 'image/svg+xml',
    errors: { 404: 'unknown chart' },
    exampleUrl: '/api/charts/nakamoto-coefficient',
    handler: async ({ query, params }, deps) => {
      const id = params.chart!.replace(/\.svg$/, '');
      if (!CHART_IDS.includes(id)) throw new NotFoundError(`unknown chart: ${id} (charts: ${CHART_IDS.join(', ')})`);
      const chart = getChart(id);
      return chart.render(await loadPart(chart.part, deps.ctx, query));
    },
  }),
];
