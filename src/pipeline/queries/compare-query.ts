/**
 * @module The compare query behind `nakamoto compare` and `GET /api/compare`: distributions side by
 * side on one calendar-aligned time axis, with intervals where the data is a block sample, and
 * what an entity means in each.
 */
import { formatDay, parseDate, parseDuration } from '../../aggregate/duration.js';
import { divideWindows } from '../../aggregate/windows.js';
import { compareDistributions, type CompareCell } from '../../analysis/compare.js';
import { DEFAULT_INTERVALS } from '../../analysis/uncertainty/posterior.js';
import { UsageError } from '../../domain/errors.js';
import { parseMetricList } from '../../metrics/index.js';
import { getDistribution } from '../catalogue.js';
import type { Provenance } from '../series-source.js';
import type { QueryContext } from './context.js';
import { loadDistribution } from './load-distribution.js';
import type { QueryLimits } from './metrics-query.js';
import { parseListParam, parseNumberParam } from './query-params.js';

export interface CompareRequest {
  /** Two or more distribution ids (an array, or comma-separated); `id@level` for another level (e.g. `bitcoin/pools@template`). */
  readonly distributions: string | readonly string[];
  /** Comma-separated metric ids (default `nakamoto-coefficient,hhi,concentration-ratio=5`). */
  readonly metric?: string;
  readonly window?: string;
  readonly from?: string;
  readonly to?: string;
  /** Intervals for block-sampled data (default true). */
  readonly ci?: boolean;
  readonly seed?: string | number;
}

export interface EntityMeaning {
  readonly distribution: string;
  readonly entity: string;
  readonly unit: string;
  readonly aggregation: string;
  readonly caveat: string;
}

export interface CompareResultCell extends Omit<CompareCell, 'windowStart' | 'windowEnd'> {
  readonly windowStart: string;
  readonly windowEnd: string;
}

export interface CompareResult {
  readonly window: string;
  readonly metrics: readonly string[];
  readonly distributions: readonly string[];
  readonly entities: readonly EntityMeaning[];
  readonly provenance: readonly Provenance[];
  readonly cells: readonly CompareResultCell[];
}

export const DEFAULT_COMPARE_METRICS = 'nakamoto-coefficient,hhi,concentration-ratio=5';

export async function queryCompare(q: CompareRequest, ctx: QueryContext, limits: QueryLimits = {}): Promise<CompareResult> {
  const ids = parseListParam('distributions', q.distributions);
  if (ids.length < 2) throw new UsageError('compare needs at least two distributions');
  const metrics = parseMetricList(q.metric ?? DEFAULT_COMPARE_METRICS);
  const size = parseDuration(q.window ?? '1y', 'window');
  if (size.unit === 'block') throw new UsageError('compare uses time windows (1y, 1q, 1m, Nd): block counts mean nothing for AI data');
  const from = q.from !== undefined ? parseDate(q.from, '--from') : undefined;
  const to = q.to !== undefined ? parseDate(q.to, '--to') : undefined;
  const seed = parseNumberParam('seed', q.seed ?? 1, { min: 0, integer: true });
  const ci = q.ci ?? true;
  // `id@level` compares one distribution at another level, e.g. bitcoin/pools@template beside bitcoin/pools.
  const parts = ids.map((x) => {
    const at = x.indexOf('@');
    return at < 0 ? { label: x, id: x, level: undefined } : { label: x, id: x.slice(0, at), level: x.slice(at + 1) };
  });
  if (new Set(ids).size !== ids.length) throw new UsageError(`invalid distributions: ${ids.join(',')} (each at most once)`);
  const entries = parts.map((p) => ({ ...getDistribution(p.id), id: p.label }));
  const inputs = [];
  for (const p of parts) inputs.push({ id: p.label, sourced: await loadDistribution(ctx, p.id, p.level !== undefined ? { level: p.level } : {}) });
  const spec = { size, step: size, anchor: 0 };
  if (ci && limits.maxIntervalDraws !== undefined) {
    let windows = 0;
    for (const { sourced } of inputs) {
      const cov = sourced.coverage.time;
      if (cov && sourced.provenance.unit === 'blocks') windows += divideWindows(spec, Math.max(cov.start, from ?? cov.start), Math.min(cov.end, to ?? cov.end)).length;
    }
    if (windows * DEFAULT_INTERVALS.draws > limits.maxIntervalDraws) {
      throw new UsageError(`too much work for intervals: ${windows} sampled windows × ${DEFAULT_INTERVALS.draws} draws > ${limits.maxIntervalDraws} (use a longer window, a narrower from/to, or ci=false)`);
    }
  }
  const cells = compareDistributions(inputs, metrics, { spec, from, to, intervals: ci ? DEFAULT_INTERVALS : null, seed });
  return {
    window: size.text,
    metrics: metrics.map((m) => m.id),
    distributions: entries.map((e) => e.id),
    entities: entries.map((e) => ({ distribution: e.id, entity: e.entityKind, unit: e.unit, aggregation: e.aggregation, caveat: e.caveats[0] ?? '' })),
    provenance: inputs.map((x) => x.sourced.provenance),
    cells: cells.map((c) => ({ ...c, windowStart: formatDay(c.windowStart), windowEnd: formatDay(c.windowEnd) })),
  };
}
