/**
 * @module `nakamoto metrics <distribution>`: concentration metrics per window, with provenance;
 * `nakamoto metrics file <csv>`: metrics of any CSV of weights per entity.
 */
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { computeMetrics, DEFAULT_METRIC_IDS, parseMetricList, type Metric } from '../../../metrics/index.js';
import { queryMetrics, type MetricsRequest } from '../../../pipeline/queries/metrics-query.js';
import type { Provenance } from '../../../pipeline/series-source.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { flagged } from '../flag-names.js';
import type { CliIo } from '../io.js';
import { renderRows, type OutputFormat } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { addParquetOutput, FORMAT_HELP_WITH_PARQUET, parseOutput, writeParquetOutput } from '../parquet-option.js';
import { addWindowOptions, type WindowOptions } from '../window-options.js';

interface MetricsOptions extends WindowOptions {
  entityColumn: string;
  weightColumn?: string;
  metrics: string;
  format: string;
  output?: string;
  db?: string;
  source?: string;
  populationWindows: string;
  ci?: boolean;
  confidence: string;
  draws: string;
  seed: string;
  level?: string;
  netuid?: string;
  input?: string;
}

export { metricColumn, windowRows } from '../../../pipeline/queries/metrics-query.js';

export function provenanceLines(p: Provenance, extra: readonly string[] = []): string {
  return [
    `# ${p.distribution} — level: ${p.level}; unit: ${p.unit}`,
    `# source: ${p.source} — ${p.description}`,
    `# from: ${p.from}; rules: ${p.rulesVersions.join(', ') || 'n/a'}`,
    ...(p.notes ?? []).map((n) => `# note: ${n}`),
    ...extra.map((l) => `# ${l}`),
  ].join('\n') + '\n';
}

async function metricsOfFile(path: string | undefined, opts: MetricsOptions, metrics: Metric[], format: OutputFormat, io: CliIo): Promise<void> {
  if (!path) throw new UsageError('metrics file: missing <path> (the CSV to read)');
  const { readWeightsCsv } = await import('../../../sources/files/weights-csv.js');
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
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table')
    .option('--source <id>', 'data source: perblock (v1 then v2), perblock-v1, perblock-v2, perblock-node, btccom, edi, default (embedded); default: perblock if ingested, else the embedded default')
    .option('--netuid <n|all>', 'bittensor/stake and bittensor/incentive: the subnet, or all (every ingested subnet at each block, summed per coldkey); same as --source sn<n>|all')
    .option('--level <level>', 'entity level: pool, owner (alias entity) or template (Bitcoin); organisation or parent (AI organisations); see `nakamoto distributions`')
    .option('--population-windows <n>', 'count entities active in the n neighbouring windows as zero-weight members (EDI convention)', '0')
    .option('--ci', 'add _lo/_hi columns: posterior intervals from the multinomial sampling model (blocks are a sample of hash rate; see docs/uncertainty.md), P(value) for the Nakamoto coefficient, and an `unstable` flag')
    .option('--confidence <level>', 'with --ci: central interval level', '0.95')
    .option('--draws <n>', 'with --ci: posterior draws per window', '1000')
    .option('--seed <n>', 'with --ci: random seed (results are reproducible for a seed)', '1')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--input <file>', 'bitcoin/pools: compute straight from a dataset file (per-block CSV or CSV.gz, node file, BTC.com or EDI file) in one streaming pass, without a store; --source picks one of its sources')
    .option('--entity-column <name>', 'with `file`: column naming the entity', 'entity')
    .option('--weight-column <name>', 'with `file`: column holding the weight (omit: 1 per row)');
  addWindowOptions(addParquetOutput(cmd)).action(async (distribution: string, path: string | undefined, opts: MetricsOptions) => {
    const out = parseOutput(opts, io);
    const format = out.format;
    if (distribution === 'file') {
      if (out.parquet) throw new UsageError('metrics file: --format parquet is for distributions (use csv here)');
      return metricsOfFile(path, opts, parseMetricList(opts.metrics), format, io);
    }
    if (path !== undefined) throw new UsageError(`unexpected argument: ${path} (only \`metrics file\` takes a path)`);
    if (opts.input !== undefined && distribution !== 'bitcoin/pools') throw new UsageError(`--input reads a Bitcoin dataset file: it works with bitcoin/pools, not ${distribution}`);
    if (opts.input !== undefined && opts.db !== undefined) throw new UsageError('--input reads the file instead of a store: do not combine it with --db');
    const store = opts.input === undefined ? await openExistingStore(opts.db, io, false) : null;
    try {
      if (opts.netuid !== undefined && !/^(all|\d+)$/.test(opts.netuid)) throw new UsageError(`invalid --netuid: ${opts.netuid} (expected a subnet id or all)`);
      const subnet = opts.netuid === undefined ? undefined : opts.netuid === 'all' ? 'all' : `sn${opts.netuid}`;
      const source = subnet === undefined ? opts.source : [opts.source, subnet].filter((x) => x !== undefined).join(':');
      const request: MetricsRequest = { ...opts, source, distribution };
      const r = await flagged(['confidence', 'draws', 'seed', 'populationWindows'], () => queryMetrics(request, { store, datasetsRoot: datasetsRoot(io.env), ...(opts.input !== undefined ? { input: opts.input } : {}) }));
      if (out.parquet) return writeParquetOutput(io, out.parquet, r.rows, r.columns, { provenance: { ...r.provenance, windows: r.windows, method: 'docs/metrics.md' } });
      if (format === 'json') {
        io.stdout(JSON.stringify({ distribution: r.distribution, provenance: r.provenance, windows: r.windows, rows: r.rows }, null, 2) + '\n');
        return;
      }
      (format === 'table' ? io.stdout : io.stderr)(provenanceLines(r.provenance, [r.windows]));
      io.stdout(renderRows(r.rows, r.columns, format));
    } finally {
      await store?.close();
    }
  });
}
