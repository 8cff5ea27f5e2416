/**
 * @module `nakamoto metrics <distribution>`: concentration metrics per window, with provenance;
 * `nakamoto metrics file <csv>`: metrics of any CSV of weights per entity.
 */
import type { Command } from 'commander';
import { formatDay } from '../../../aggregate/duration.js';
import { validateIntervalOptions } from '../../../analysis/uncertainty/posterior.js';
import { formatProbabilities, windowIntervals } from '../../../analysis/uncertainty/window-intervals.js';
import { computeWindowMetrics, type WindowMetrics } from '../../../analysis/window-metrics.js';
import { UsageError } from '../../../domain/errors.js';
import { computeMetrics, DEFAULT_METRIC_IDS, parseMetricList, type Metric } from '../../../metrics/index.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import type { Provenance } from '../../../pipeline/series-source.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { readWeightsCsv } from '../../../sources/files/weights-csv.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type OutputFormat, type Row } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { addWindowOptions, resolveWindows, type WindowOptions } from '../window-options.js';

interface MetricsOptions extends WindowOptions {
  entityColumn: string;
  weightColumn?: string;
  metrics: string;
  format: string;
  db?: string;
  source?: string;
  populationWindows: string;
  ci?: boolean;
  confidence: string;
  draws: string;
  seed: string;
  level?: string;
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

export function provenanceLines(p: Provenance, extra: readonly string[] = []): string {
  return [
    `# ${p.distribution} — level: ${p.level}; unit: ${p.unit}`,
    `# source: ${p.source} — ${p.description}`,
    `# from: ${p.from}; rules: ${p.rulesVersions.join(', ') || 'n/a'}`,
    ...(p.notes ?? []).map((n) => `# note: ${n}`),
    ...extra.map((l) => `# ${l}`),
  ].join('\n') + '\n';
}

function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`invalid ${what}: ${text} (expected a whole number ≥ 0)`);
  return Number(text);
}

async function metricsOfFile(path: string | undefined, opts: MetricsOptions, metrics: Metric[], format: OutputFormat, io: CliIo): Promise<void> {
  if (!path) throw new UsageError('metrics file: missing <path> (the CSV to read)');
  const dist = await readWeightsCsv(path, opts.entityColumn, opts.weightColumn);
  const values = computeMetrics(dist, metrics);
  if (format === 'json') {
    io.stdout(JSON.stringify({ entities: dist.labels.length, total: dist.total, metrics: values }, null, 2) + '\n');
    return;
  }
  io.stdout(renderRows(metrics.map((m) => ({ metric: m.id, value: values[m.id] })), ['metric', 'value'], format));
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('metrics')
    .description('Concentration metrics of a distribution per window (see `nakamoto distributions`), or of any CSV with `metrics file <csv>`.')
    .argument('<distribution>', 'distribution id, e.g. bitcoin/pools; or `file` to read a CSV')
    .argument('[path]', 'with `file`: the CSV to read')
    .option('--metrics <ids>', 'comma-separated metric ids (see docs/metrics.md)', DEFAULT_METRIC_IDS.join(','))
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--source <id>', 'data source: perblock (v1 then v2), perblock-v1, perblock-v2, perblock-node, btccom, edi, default (embedded); default: perblock if ingested, else the embedded default')
    .option('--level <level>', 'entity level: pool (Bitcoin); organisation or parent (AI organisations); see `nakamoto distributions`')
    .option('--population-windows <n>', 'count entities active in the n neighbouring windows as zero-weight members (EDI convention)', '0')
    .option('--ci', 'add _lo/_hi columns: posterior intervals from the multinomial sampling model (blocks are a sample of hash rate; see docs/uncertainty.md), P(value) for the Nakamoto coefficient, and an `unstable` flag')
    .option('--confidence <level>', 'with --ci: central interval level', '0.95')
    .option('--draws <n>', 'with --ci: posterior draws per window', '1000')
    .option('--seed <n>', 'with --ci: random seed (results are reproducible for a seed)', '1')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--entity-column <name>', 'with `file`: column naming the entity', 'entity')
    .option('--weight-column <name>', 'with `file`: column holding the weight (omit: 1 per row)');
  addWindowOptions(cmd).action(async (distribution: string, path: string | undefined, opts: MetricsOptions) => {
    const format = parseFormat(opts.format);
    const metrics = parseMetricList(opts.metrics);
    if (distribution === 'file') return metricsOfFile(path, opts, metrics, format, io);
    if (path !== undefined) throw new UsageError(`unexpected argument: ${path} (only \`metrics file\` takes a path)`);
    const entry = getDistribution(distribution);
    const population = parseCount(opts.populationWindows, '--population-windows');
    const store = await openExistingStore(opts.db, io, false);
    try {
      const sourced = await entry.load({ store, source: opts.source, level: opts.level, datasetsRoot: datasetsRoot(io.env) });
      // A stock is read at a snapshot, so a window that contains the last snapshot is meaningful even if it runs past it.
      const { spec, range } = resolveWindows({ ...opts, partial: opts.partial || sourced.series.kind === 'stock' }, sourced.coverage);
      const all = computeWindowMetrics({ time: sourced.series, height: sourced.heightSeries }, spec, range, metrics, population);
      // A stock has a value only where a snapshot falls: windows without one are left out, not printed empty.
      const results = sourced.series.kind === 'stock' ? all.filter((r) => r.observations > 0) : all;
      if (results.length === 0) throw new UsageError(`no complete ${spec.size.text} window between ${formatDay(range.start)} and ${formatDay(range.end)} (use --partial, a shorter window, or a wider --from/--to)`);
      const totalColumn = sourced.provenance.unit === 'blocks' ? 'blocks' : 'total';
      const rows = windowRows(results, metrics, totalColumn);
      let columns = ['window_start', 'window_end', totalColumn, ...metrics.map((m) => metricColumn(m.id))];
      if (opts.ci) {
        if (sourced.provenance.unit !== 'blocks') throw new UsageError(`--ci: intervals model block sampling; ${entry.id} is not a sample (its figures are estimates without a sampling model here)`);
        const ivOpts = validateIntervalOptions({ confidence: Number(opts.confidence), draws: Number(opts.draws), prior: 0.5 });
        const seed = parseCount(opts.seed, '--seed');
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
      }
      const ciText = opts.ci ? `; intervals: ${opts.confidence} central, Dirichlet(counts + ½) posterior, ${opts.draws} draws, seed ${opts.seed}` : '';
      const windowText = `windows: ${spec.size.text}, step ${spec.step.text}, ${results.length} windows${population ? `, population ±${population} windows` : ''}; window_end exclusive; UTC${ciText}`;
      if (format === 'json') {
        io.stdout(JSON.stringify({ distribution: entry.id, provenance: sourced.provenance, windows: windowText, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) }, null, 2) + '\n');
        return;
      }
      if (format === 'table') io.stdout(provenanceLines(sourced.provenance, [windowText]));
      else io.stderr(provenanceLines(sourced.provenance, [windowText]));
      io.stdout(renderRows(rows, columns, format));
    } finally {
      await store?.close();
    }
  });
}
