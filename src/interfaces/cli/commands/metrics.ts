/**
 * @module `nakamoto metrics …`: metrics of a distribution per window, or of any CSV file.
 */
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { computeMetrics, DEFAULT_METRIC_IDS, parseMetricList } from '../../../metrics/index.js';
import { readWeightsCsv } from '../../../sources/files/weights-csv.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('metrics')
    .description('Concentration metrics of a distribution, per window; `metrics file <csv>` for any CSV of weights per entity.')
    .argument('<distribution>', 'distribution id (see `nakamoto distributions`), or `file` to read a CSV')
    .argument('[path]', 'with `file`: the CSV to read')
    .option('--entity-column <name>', 'with `file`: column naming the entity', 'entity')
    .option('--weight-column <name>', 'with `file`: column holding the weight (empty = 1 per row)')
    .option('--metrics <ids>', 'comma-separated metric ids', DEFAULT_METRIC_IDS.join(','))
    .option('--format <format>', 'table, csv or json', 'table')
    .action(async (distribution: string, path: string | undefined, opts: { entityColumn: string; weightColumn?: string; metrics: string; format: string }) => {
      const format = parseFormat(opts.format);
      const metrics = parseMetricList(opts.metrics);
      if (distribution !== 'file') throw new UsageError(`invalid distribution: ${distribution}`);
      if (!path) throw new UsageError('metrics file: missing <path> (the CSV to read)');
      const dist = await readWeightsCsv(path, opts.entityColumn, opts.weightColumn);
      const values = computeMetrics(dist, metrics);
      if (format === 'json') {
        io.stdout(JSON.stringify({ entities: dist.labels.length, total: dist.total, metrics: values }, null, 2) + '\n');
        return;
      }
      const rows = metrics.map((m) => ({ metric: m.id, value: values[m.id] }));
      io.stdout(renderRows(rows, ['metric', 'value'], format));
    });
}
