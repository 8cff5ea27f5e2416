/**
 * @module `nakamoto hashrate`: network (and per-pool) hash rate per window from blocks found and
 * their difficulty — Σ difficulty·2³² / window length, in EH/s, with an exact interval from the
 * Poisson model of block arrivals (docs/hashrate.md).
 */
import type { Command } from 'commander';
import { queryHashrate } from '../../../pipeline/queries/hashrate-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { flagged } from '../flag-names.js';
import type { CliIo } from '../io.js';
import { renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { addParquetOutput, FORMAT_HELP_WITH_PARQUET, parseOutput, writeParquetOutput } from '../parquet-option.js';
import { addWindowOptions, type WindowOptions } from '../window-options.js';

interface HashrateOptions extends WindowOptions {
  source?: string;
  byPool?: boolean;
  confidence: string;
  interval: string;
  format: string;
  output?: string;
  db?: string;
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('hashrate')
    .description('Network hash rate per window from blocks found × difficulty (Σ D·2³² / seconds), in EH/s with an exact confidence interval; --by-pool for each pool (share × network). Difficulty: synced block headers, else the difficulty-epochs dataset (to height 840,236).')
    .option('--source <id>', 'data: a chain:<rules> source synced from a node, perblock, another per-block store source, or default (embedded daily counts); default: the synced chain if any, else perblock if ingested, else the embedded default')
    .option('--by-pool', 'one row per pool and window: share of blocks × network estimate, interval on the pool\'s own block count')
    .option('--confidence <level>', 'confidence level of the interval', '0.95')
    .option('--interval <kind>', 'poisson: fixed window, count varies (exact Garwood interval, default for time windows); gamma: fixed count, time varies (always used for block windows)', 'poisson')
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table')
    .option('--db <path>', DB_OPTION_HELP);
  addWindowOptions(addParquetOutput(cmd), '7d').action(async (opts: HashrateOptions) => {
    const { format, parquet } = parseOutput(opts, io);
    const store = await openExistingStore(opts.db, io, false);
    try {
      const r = await flagged(['confidence', 'interval', 'window', 'step', 'anchor', 'from', 'to', 'at', 'source'], () => queryHashrate(opts, { store, datasetsRoot: datasetsRoot(io.env) }));
      const p = r.provenance;
      if (parquet) return writeParquetOutput(io, parquet, r.rows, r.columns, { provenance: { ...p, difficulty: r.difficulty, method: r.method }, types: { difficulty: 'DOUBLE', hashrate_ehs: 'DOUBLE', lo_ehs: 'DOUBLE', hi_ehs: 'DOUBLE' } });
      if (format === 'json') {
        io.stdout(JSON.stringify({ provenance: p, difficulty: r.difficulty, method: r.method, rows: r.rows }, null, 2) + '\n');
        return;
      }
      const header = [`# hash rate — source: ${p.source} — ${p.description}`, `# from: ${p.from}; difficulty: ${r.difficulty}`, `# ${r.method}`];
      (format === 'table' ? io.stdout : io.stderr)(header.join('\n') + '\n');
      io.stdout(renderRows(r.rows, r.columns, format));
    } finally {
      await store?.close();
    }
  });
}
