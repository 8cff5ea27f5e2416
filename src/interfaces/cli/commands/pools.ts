/**
 * @module `nakamoto pools`: the pool ranking (blocks, share) for one window, by default the one
 * ending with the last complete day of data.
 */
import type { Command } from 'commander';
import { DAY_SEC, formatDay, parseDate, parseDuration } from '../../../aggregate/duration.js';
import { windowDistributions } from '../../../aggregate/window-distributions.js';
import { rankEntities } from '../../../analysis/pool-ranking.js';
import { UsageError } from '../../../domain/errors.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import { poolName } from '../../../pipeline/pool-names.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { provenanceLines } from './metrics.js';

interface PoolsOptions {
  window: string;
  at?: string;
  format: string;
  source?: string;
  level?: string;
  db?: string;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('pools')
    .description('Pool ranking for one window: blocks and share of each pool, largest first.')
    .option('--window <size>', 'window length in days, weeks, months or years (e.g. 7d, 30d, 1m, 1y)', '30d')
    .option('--at <date>', 'last day of the window (UTC, inclusive); default: the last complete day of data')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--source <id>', 'data source (see `nakamoto metrics --help`)')
    .option('--level <level>', 'pool (default) or entity (pools merged by dated ownership links)')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: PoolsOptions) => {
      const format = parseFormat(opts.format);
      const size = parseDuration(opts.window, 'window');
      if (size.unit === 'block') throw new UsageError(`invalid window: ${opts.window} (pools takes a time window; use metrics for block windows)`);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const sourced = await getDistribution('bitcoin/pools').load({ store, source: opts.source, level: opts.level, datasetsRoot: datasetsRoot(io.env) });
        const cov = sourced.coverage.time;
        if (!cov) throw new UsageError('this source has no block times: pools needs a time window');
        const end = opts.at !== undefined ? parseDate(opts.at, '--at') + DAY_SEC : cov.end;
        const start = size.unit === 'day' ? end - size.n * DAY_SEC : (() => {
          const d = new Date(end * 1000);
          return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - size.n, d.getUTCDate()) / 1000;
        })();
        if (start < cov.start || end > cov.end) {
          throw new UsageError(`window ${formatDay(start)} → ${formatDay(end - DAY_SEC)} is outside the data (${formatDay(cov.start)} → ${formatDay(cov.end - DAY_SEC)})`);
        }
        const [d] = windowDistributions(sourced.series, [{ axis: 'time', start, end, complete: true }]);
        const ranked = rankEntities(d!, sourced.series.entities, poolName);
        const rows = ranked.map((r) => ({ rank: r.rank, pool: r.name, slug: r.entity, blocks: r.weight, share: r.share }));
        const header = `window: ${formatDay(start)} → ${formatDay(end - DAY_SEC)} (${opts.window}), ${d!.total} blocks, ${ranked.length} pools`;
        if (format === 'json') {
          io.stdout(JSON.stringify({ window: { start: formatDay(start), end: formatDay(end), endExclusive: true }, blocks: d!.total, provenance: sourced.provenance, pools: rows }, null, 2) + '\n');
          return;
        }
        if (format === 'table') {
          io.stdout(provenanceLines(sourced.provenance, [header]));
          io.stdout(renderRows(rows.map((r) => ({ ...r, share: `${(r.share * 100).toFixed(2)}%` })), ['rank', 'pool', 'slug', 'blocks', 'share'], format));
          return;
        }
        io.stderr(provenanceLines(sourced.provenance, [header]));
        io.stdout(renderRows(rows, ['rank', 'pool', 'slug', 'blocks', 'share'], format));
      } finally {
        await store?.close();
      }
    });
}
