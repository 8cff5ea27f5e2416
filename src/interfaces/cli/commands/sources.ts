/**
 * @module `nakamoto sources`: what the store holds — each source with its span, rules versions,
 * and (with --ingests) every ingest run.
 */
import type { Command } from 'commander';
import { formatDay } from '../../../aggregate/duration.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('sources')
    .description('List the sources in the store (granularity, blocks, heights, dates, rules versions).')
    .option('--ingests', 'list every ingest run instead')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: { ingests?: boolean; format: string; db?: string }) => {
      const format = parseFormat(opts.format);
      const store = await openExistingStore(opts.db, io, true);
      try {
        if (opts.ingests) {
          const rows = (await store!.listIngests()).map((r) => ({ ...r }));
          io.stdout(renderRows(rows, ['id', 'source', 'kind', 'input', 'sha256', 'rulesVersion', 'rows', 'skipped', 'inserted', 'updated', 'unchanged', 'finishedAt'], format));
          return;
        }
        const rows = (await store!.listSources()).map((s) => ({
          source: s.source,
          granularity: s.granularity,
          blocks: s.blocks,
          heights: s.firstHeight === null ? '' : `${s.firstHeight}–${s.lastHeight}`,
          dates: s.firstTimeSec === null ? 'no times' : `${formatDay(s.firstTimeSec)} → ${formatDay(s.lastTimeSec!)}`,
          rules: s.rulesVersions.join(' '),
          description: s.description,
        }));
        io.stdout(renderRows(rows, ['source', 'granularity', 'blocks', 'heights', 'dates', 'rules', 'description'], format));
      } finally {
        await store?.close();
      }
    });
}
