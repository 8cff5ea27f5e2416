/**
 * @module `nakamoto report`: a readable summary of Bitcoin mining concentration — works with no
 * flags on the embedded default data.
 */
import type { Command } from 'commander';
import { buildConcentrationReport } from '../../../analysis/concentration-report.js';
import { UsageError } from '../../../domain/errors.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import { poolName } from '../../../pipeline/pool-names.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { renderReportText } from '../render-report.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

interface ReportOptions {
  format: string;
  source?: string;
  level?: string;
  db?: string;
  top: string;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('Summary of Bitcoin mining-pool concentration: latest 30 days and each calendar year (top pools, top-5 share, Nakamoto coefficient, HHI, Gini, entropy, pool count). Uses the store if it has per-block data, else the embedded default.')
    .option('--format <format>', 'text or json', 'text')
    .option('--source <id>', 'data source (see `nakamoto metrics --help`)')
    .option('--top <n>', 'how many top pools to list per period', '5')
    .option('--level <level>', 'pool (default) or entity (pools merged by dated ownership links)')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: ReportOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`invalid format: ${opts.format} (expected text or json)`);
      const topN = Number(opts.top);
      if (!Number.isInteger(topN) || topN < 1 || topN > 100) throw new UsageError(`invalid --top: ${opts.top} (expected 1–100)`);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const sourced = await getDistribution('bitcoin/pools').load({ store, source: opts.source, level: opts.level, datasetsRoot: datasetsRoot(io.env) });
        const report = buildConcentrationReport(sourced, { topN, displayName: poolName });
        io.stdout(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderReportText(report));
      } finally {
        await store?.close();
      }
    });
}
