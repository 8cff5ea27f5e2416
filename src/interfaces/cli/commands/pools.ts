/**
 * @module `nakamoto pools`: the pool ranking (blocks, share) for one window, by default the one
 * ending with the last complete day of data. A renderer over `queryPools`.
 */
import type { Command } from 'commander';
import { POOL_COLUMNS, queryPools } from '../../../pipeline/queries/pools-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { FORMAT_HELP_WITH_PARQUET, OUTPUT_HELP, parseOutput, writeParquetOutput } from '../parquet-option.js';
import { provenanceLines } from './metrics.js';

interface PoolsOptions {
  window: string;
  at?: string;
  format: string;
  output?: string;
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
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table')
    .option('--source <id>', 'data source (see `nakamoto metrics --help`)')
    .option('--level <level>', 'pool (default), owner (alias entity: pools merged by dated ownership links) or template (pools merged into template families, see nakamoto groups)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--output <file>', OUTPUT_HELP)
    .action(async (opts: PoolsOptions) => {
      const { format, parquet } = parseOutput(opts, io);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const r = await queryPools(opts, { store, datasetsRoot: datasetsRoot(io.env) });
        if (parquet) return writeParquetOutput(io, parquet, r.pools.map((p) => ({ ...p })), POOL_COLUMNS, { provenance: { ...r.provenance, window: r.window, blocks: r.blocks }, types: { share: 'DOUBLE', blocks: 'BIGINT', rank: 'BIGINT' } });
        if (format === 'json') {
          io.stdout(JSON.stringify({ window: r.window, blocks: r.blocks, provenance: r.provenance, pools: r.pools }, null, 2) + '\n');
          return;
        }
        if (format === 'table') {
          io.stdout(provenanceLines(r.provenance, [r.summary]));
          io.stdout(renderRows(r.pools.map((p) => ({ ...p, share: `${(p.share * 100).toFixed(2)}%` })), POOL_COLUMNS, format));
          return;
        }
        io.stderr(provenanceLines(r.provenance, [r.summary]));
        io.stdout(renderRows(r.pools.map((p) => ({ ...p })), POOL_COLUMNS, format));
      } finally {
        await store?.close();
      }
    });
}
