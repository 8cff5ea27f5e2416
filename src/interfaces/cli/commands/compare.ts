/**
 * @module `nakamoto compare <id> <id> …`: distributions side by side on one time axis, with
 * intervals where the data is a sample (Bitcoin blocks), and what an entity means in each.
 * A renderer over `queryCompare`.
 */
import type { Command } from 'commander';
import { queryCompare, type CompareResultCell } from '../../../pipeline/queries/compare-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { formatNumber, renderRows, type Row } from '../output.js';
import { FORMAT_HELP_WITH_PARQUET, OUTPUT_HELP, parseOutput, writeParquetOutput } from '../parquet-option.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

interface CompareOptions {
  metric: string;
  window: string;
  from?: string;
  to?: string;
  ci: boolean;
  format: string;
  output?: string;
  db?: string;
  seed: string;
}

function cellText(c: CompareResultCell | undefined): string {
  if (!c || c.value === null) return '';
  const v = formatNumber(c.value, 4);
  return c.lo !== null && c.hi !== null ? `${v} [${formatNumber(c.lo, 4)}–${formatNumber(c.hi, 4)}]` : v;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description('Distributions side by side on one calendar-aligned time axis (e.g. Bitcoin pools vs AI compute owners), with 95% intervals for block-sampled data.')
    .argument('<distributions...>', 'two or more distribution ids (see `nakamoto distributions`); id@level for another level, e.g. bitcoin/pools@template')
    .option('--metric <ids>', 'comma-separated metric ids', 'nakamoto-coefficient,hhi,concentration-ratio=5')
    .option('--window <size>', 'window: 1y, 1q, 1m …', '1y')
    .option('--from <date>', 'first day to cover (UTC)')
    .option('--to <date>', 'end day (UTC, exclusive)')
    .option('--no-ci', 'leave out intervals')
    .option('--seed <n>', 'random seed for intervals', '1')
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table')
    .option('--output <file>', OUTPUT_HELP)
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (ids: string[], opts: CompareOptions) => {
      const { format, parquet } = parseOutput(opts, io);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const r = await queryCompare({ ...opts, distributions: ids }, { store, datasetsRoot: datasetsRoot(io.env) });
        if (format === 'json') {
          io.stdout(JSON.stringify({ window: r.window, entities: r.entities, provenance: r.provenance, cells: r.cells }, null, 2) + '\n');
          return;
        }
        const columns = ['window_start', 'window_end', 'distribution', 'metric', 'value', 'lo', 'hi', 'total'];
        const longRows = (): Row[] => r.cells.map((c) => ({ window_start: c.windowStart, window_end: c.windowEnd, distribution: c.distribution, metric: c.metric, value: c.value, lo: c.lo, hi: c.hi, total: c.total }));
        if (parquet) return writeParquetOutput(io, parquet, longRows(), columns, { provenance: { window: r.window, entities: r.entities, sources: r.provenance }, types: { value: 'DOUBLE', lo: 'DOUBLE', hi: 'DOUBLE', total: 'DOUBLE' } });
        if (format === 'csv') {
          io.stdout(renderRows(longRows(), columns, 'csv'));
          return;
        }
        io.stdout('What an entity is in each distribution:\n');
        io.stdout(renderRows(r.entities.map((e) => ({ ...e })), ['distribution', 'entity', 'unit', 'aggregation', 'caveat'], 'table'));
        for (const m of r.metrics) {
          const starts = [...new Set(r.cells.filter((c) => c.metric === m).map((c) => c.windowStart))].sort();
          const rows: Row[] = starts.map((s) => {
            const row: Row = { window: s };
            for (const id of r.distributions) row[id] = cellText(r.cells.find((c) => c.metric === m && c.windowStart === s && c.distribution === id));
            return row;
          });
          io.stdout(`\n${m} per ${r.window} window${opts.ci ? ' (value [95% interval] where the data is a sample)' : ''}:\n`);
          io.stdout(renderRows(rows, ['window', ...r.distributions], 'table'));
        }
      } finally {
        await store?.close();
      }
    });
}
