/**
 * @module The metrics query behind `nakamoto metrics <id>` and `GET /api/metrics/<id>`: metrics per
 * window with provenance, optionally with posterior intervals.
 */
import { formatDay } from '../../aggregate/duration.js';
import { computeWindowMetrics, type WindowMetrics } from '../../analysis/window-metrics.js';
import { UsageError } from '../../domain/errors.js';
import { DEFAULT_METRIC_IDS, parseMetricList, type Metric } from '../../metrics/index.js';
import { findDistribution } from '../find-distribution.js';
import type { Provenance } from '../series-source.js';
import type { QueryContext, Row } from './context.js';
import { parseNumberParam } from './query-params.js';
import { loadDistribution } from './load-distribution.js';
import { checkWindowRequest, resolveWindows, type WindowRequest } from './window-request.js';

export interface MetricsRequest extends Partial<WindowRequest> {
  readonly distribution: string;
  /** Comma-separated metric ids (default: the issue's column set). */
  readonly metrics?: string;
  readonly source?: string;
  readonly level?: string;
  readonly populationWindows?: string | number;
  readonly ci?: boolean;
  readonly confidence?: string | number;
  readonly draws?: string | number;
  readonly seed?: string | number;
}

export interface MetricsResult {
  readonly distribution: string;
  readonly provenance: Provenance;
  /** One line describing the windows and intervals used. */
  readonly windows: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

/** Column name of a metric in tabular output (`total-entities` is printed as `total_entities`). */
export function metricColumn(id: string): string {
  return id === 'total-entities' ? 'total_entities' : id;
}

export function windowRows(results: readonly WindowMetrics[], metrics: readonly Metric[], totalColumn: string): Row[] {
  return results.map((r) => {
    const time = r.window.axis === 'time';
    const row: Row = {
      window_start: time ? formatDay(r.window.start) : r.window.start,
      window_end: time ? formatDay(r.window.end) : r.window.end,
      [totalColumn]: r.total,
    };
    for (const m of metrics) row[metricColumn(m.id)] = r.values[m.id] ?? null;
    return row;
  });
}

/** Server-side bounds (the HTTP API); the CLI runs unbounded. */
export interface QueryLimits {
  /** Most posterior draws per request (windows × draws) for `ci`; more → UsageError. */
  readonly maxIntervalDraws?: number;
}

export async function queryMetrics(q: MetricsRequest, ctx: QueryContext, limits: QueryLimits = {}): Promise<MetricsResult> {
  const metrics = parseMetricList(q.metrics ?? DEFAULT_METRIC_IDS.join(','));
  const entry = await findDistribution(q.distribution);
  const population = parseNumberParam('populationWindows', q.populationWindows ?? 0, { min: 0, max: 1000, integer: true });
  checkWindowRequest({ ...q, window: q.window ?? '30d' });
  // The interval machinery (posterior sampling) is imported only when asked for.
  const uncertainty = q.ci ? await Promise.all([import('../../analysis/uncertainty/posterior.js'), import('../../analysis/uncertainty/window-intervals.js')]) : null;
  if (uncertainty) {
    const [{ validateIntervalOptions }] = uncertainty;
    validateIntervalOptions({ confidence: parseNumberParam('confidence', q.confidence ?? 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true }), draws: parseNumberParam('draws', q.draws ?? 1000, { min: 100, max: 1_000_000, integer: true }), prior: 0.5 });
    parseNumberParam('seed', q.seed ?? 1, { min: 0, integer: true });
  }
  const sourced = await loadDistribution(ctx, entry.id, { source: q.source, level: q.level });
  const stock = sourced.series.kind === 'stock';
  // A stock is read at a snapshot, so a window that contains the last snapshot is meaningful even if it runs past it.
  const { spec, range } = resolveWindows({ ...q, window: q.window ?? '30d', partial: Boolean(q.partial) || stock }, sourced.coverage, { stock });
  // --at on a stock: the latest snapshot at or before the end of that day, even if older than the window.
  const carryForward = stock && q.at !== undefined;
  const all = computeWindowMetrics({ time: sourced.series, height: sourced.heightSeries }, spec, range, metrics, population, { carryForward });
  // A stock has a value only where a snapshot falls: windows without one are left out, not printed empty.
  const results = stock ? all.filter((r) => r.observations > 0) : all;
  if (results.length === 0 && carryForward) {
    const first = sourced.series.timeSec[0];
    throw new UsageError(`no snapshot at or before ${q.at ?? ''}${first === undefined ? '' : ` (the first is ${new Date(first * 1000).toISOString()})`}`);
  }
  if (results.length === 0) {
    const show = (x: number) => (spec.size.unit === 'block' ? String(x) : formatDay(x));
    throw new UsageError(`no complete ${spec.size.text} window between ${show(range.start)} and ${show(range.end)} (use partial windows, a shorter window, or a wider from/to)`);
  }
  const totalColumn = sourced.provenance.unit === 'blocks' ? 'blocks' : 'total';
  const rows = windowRows(results, metrics, totalColumn);
  // A stock row names the exact snapshot it read (UTC, to the second).
  if (stock) results.forEach((r, i) => (rows[i]!.snapshot = r.distribution.snapshotSec === null ? null : new Date(r.distribution.snapshotSec * 1000).toISOString().replace('.000Z', 'Z')));
  let columns = ['window_start', 'window_end', ...(stock ? ['snapshot'] : []), totalColumn, ...metrics.map((m) => metricColumn(m.id))];
  let ciText = '';
  if (uncertainty) {
    const [{ validateIntervalOptions }, { formatProbabilities, windowIntervals }] = uncertainty;
    if (sourced.provenance.unit !== 'blocks') throw new UsageError(`--ci: intervals model block sampling; ${entry.id} is not a sample (its figures are estimates without a sampling model here)`);
    const ivOpts = validateIntervalOptions({ confidence: parseNumberParam('confidence', q.confidence ?? 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true }), draws: parseNumberParam('draws', q.draws ?? 1000, { min: 100, max: 1_000_000, integer: true }), prior: 0.5 });
    const seed = parseNumberParam('seed', q.seed ?? 1, { min: 0, integer: true });
    if (limits.maxIntervalDraws !== undefined && results.length * ivOpts.draws > limits.maxIntervalDraws) {
      throw new UsageError(`too much work for intervals: ${results.length} windows × ${ivOpts.draws} draws > ${limits.maxIntervalDraws} (use a longer window, a narrower from/to, or fewer draws)`);
    }
    const ivs = windowIntervals(results, metrics, ivOpts, seed);
    rows.forEach((row, i) => {
      const iv = ivs[i]!;
      for (const m of metrics) {
        const col = metricColumn(m.id);
        row[`${col}_lo`] = iv.intervals[m.id]?.lo ?? null;
        row[`${col}_hi`] = iv.intervals[m.id]?.hi ?? null;
      }
      row['nakamoto-coefficient_p'] = formatProbabilities(iv.intervals['nakamoto-coefficient']?.probabilities);
      row.unstable = iv.unstable;
    });
    columns = ['window_start', 'window_end', totalColumn, ...metrics.flatMap((m) => [metricColumn(m.id), `${metricColumn(m.id)}_lo`, `${metricColumn(m.id)}_hi`]), 'nakamoto-coefficient_p', 'unstable'];
    ciText = `; intervals: ${ivOpts.confidence} central, Dirichlet(counts + ½) posterior, ${ivOpts.draws} draws, seed ${seed}`;
  }
  const stockText = stock ? `; a stock: each window reads the last snapshot inside it (snapshot column)${carryForward ? `, --at: the latest snapshot at or before the end of ${q.at ?? ''}` : ''}` : '';
  const windows = `windows: ${spec.size.text}, step ${spec.step.text}, ${results.length} windows${population ? `, population ±${population} windows` : ''}; window_end exclusive; UTC${stockText}${ciText}`;
  // windowRows gives every column in order; snapshot and interval columns were added after: put them in order.
  const ordered = stock || uncertainty ? rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) : rows;
  return { distribution: entry.id, provenance: sourced.provenance, windows, columns, rows: ordered };
}
