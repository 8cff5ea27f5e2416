/**
 * @module The concentration-report query behind `nakamoto report` and `GET /api/report`: the latest
 * 30 days and each calendar year of `bitcoin/pools` (store if it has per-block data, else the
 * embedded default).
 */
import { buildConcentrationReport, type ConcentrationReport } from '../../analysis/concentration-report.js';
import { poolName } from '../pool-names.js';
import type { QueryContext } from './context.js';
import { loadDistribution } from './load-distribution.js';
import { parseNumberParam } from './query-params.js';

export interface ReportRequest {
  readonly source?: string;
  readonly level?: string;
  /** How many top entities to list per period (1–100, default 5). */
  readonly top?: string | number;
}

export async function queryReport(q: ReportRequest, ctx: QueryContext): Promise<ConcentrationReport> {
  const topN = parseNumberParam('top', q.top ?? 5, { min: 1, max: 100, integer: true });
  const sourced = await loadDistribution(ctx, 'bitcoin/pools', { source: q.source, level: q.level });
  return buildConcentrationReport(sourced, { topN, displayName: poolName });
}
