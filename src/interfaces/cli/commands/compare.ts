/**
 * @module `nakamoto compare <id> <id> …`: distributions side by side on one time axis, with
 * intervals where the data is a sample (Bitcoin blocks), and what an entity means in each.
 */
import type { Command } from 'commander';
import { formatDay, parseDate, parseDuration } from '../../../aggregate/duration.js';
import { compareDistributions, type CompareCell } from '../../../analysis/compare.js';
import { DEFAULT_INTERVALS } from '../../../analysis/uncertainty/posterior.js';
import { UsageError } from '../../../domain/errors.js';
import { parseMetricList } from '../../../metrics/index.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { formatNumber, parseFormat, renderRows, type Row } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

interface CompareOptions {
  metric: string;
  window: string;
  from?: string;
  to?: string;
  ci: boolean;
  format: string;
  db?: string;
  seed: string;
}

function cellText(c: CompareCell | undefined): string {
  if (!c || c.value === null) return '';
  const v = formatNumber(c.value, 4);
  return c.lo !== null && c.hi !== null ? `${v} [${formatNumber(c.lo, 4)}–${formatNumber(c.hi, 4)}]` : v;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description('Distributions side by side on one calendar-aligned time axis (e.g. Bitcoin pools vs AI compute owners), with 95% intervals for block-sampled data.')
    .argument('<distributions...>', 'two or more distribution ids (see `nakamoto distributions`)')
    .option('--metric <ids>', 'comma-separated metric ids', 'nakamoto-coefficient,hhi,concentration-ratio=5')
    .option('--window <size>', 'window: 1y, 1q, 1m …', '1y')
    .option('--from <date>', 'first day to cover (UTC)')
    .option('--to <date>', 'end day (UTC, exclusive)')
    .option('--no-ci', 'leave out intervals')
    .option('--seed <n>', 'random seed for intervals', '1')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (ids: string[], opts: CompareOptions) => {
      const format = parseFormat(opts.format);
      if (ids.length < 2) throw new UsageError('compare needs at least two distributions');
      const metrics = parseMetricList(opts.metric);
      const size = parseDuration(opts.window, 'window');
      if (size.unit === 'block') throw new UsageError('compare uses time windows (1y, 1q, 1m, Nd): block counts mean nothing for AI data');
      const entries = ids.map(getDistribution);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const inputs = [];
        for (const e of entries) inputs.push({ id: e.id, sourced: await e.load({ store, datasetsRoot: datasetsRoot(io.env) }) });
        const cells = compareDistributions(inputs, metrics, {
          spec: { size, step: size, anchor: 0 },
          from: opts.from ? parseDate(opts.from, '--from') : undefined,
          to: opts.to ? parseDate(opts.to, '--to') : undefined,
          intervals: opts.ci ? DEFAULT_INTERVALS : null,
          seed: Number(opts.seed),
        });
        const meaning = entries.map((e) => ({ distribution: e.id, entity: e.entityKind, unit: e.unit, aggregation: e.aggregation, caveat: e.caveats[0] ?? '' }));
        if (format === 'json') {
          io.stdout(JSON.stringify({ window: size.text, entities: meaning, provenance: inputs.map((x) => x.sourced.provenance), cells: cells.map((c) => ({ ...c, windowStart: formatDay(c.windowStart), windowEnd: formatDay(c.windowEnd) })) }, null, 2) + '\n');
          return;
        }
        if (format === 'csv') {
          const rows: Row[] = cells.map((c) => ({ window_start: formatDay(c.windowStart), window_end: formatDay(c.windowEnd), distribution: c.distribution, metric: c.metric, value: c.value, lo: c.lo, hi: c.hi, total: c.total }));
          io.stdout(renderRows(rows, ['window_start', 'window_end', 'distribution', 'metric', 'value', 'lo', 'hi', 'total'], 'csv'));
          return;
        }
        io.stdout('What an entity is in each distribution:\n');
        io.stdout(renderRows(meaning, ['distribution', 'entity', 'unit', 'aggregation', 'caveat'], 'table'));
        for (const m of metrics) {
          const starts = [...new Set(cells.filter((c) => c.metric === m.id).map((c) => c.windowStart))].sort((a, b) => a - b);
          const rows: Row[] = starts.map((s) => {
            const row: Row = { window: formatDay(s) };
            for (const e of entries) row[e.id] = cellText(cells.find((c) => c.metric === m.id && c.windowStart === s && c.distribution === e.id));
            return row;
          });
          io.stdout(`\n${m.id} per ${size.text} window${opts.ci ? ' (value [95% interval] where the data is a sample)' : ''}:\n`);
          io.stdout(renderRows(rows, ['window', ...entries.map((e) => e.id)], 'table'));
        }
      } finally {
        await store?.close();
      }
    });
}
