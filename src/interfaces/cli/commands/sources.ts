/**
 * @module `nakamoto sources`: what the store holds — each source with its span, rules versions,
 * and (with --ingests) every ingest run. A renderer over `querySources` / `queryIngests`.
 */
import type { Command } from 'commander';
import { queryIngests, querySources } from '../../../pipeline/queries/sources-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

const INGEST_COLUMNS = ['id', 'source', 'kind', 'input', 'sha256', 'rulesVersion', 'rows', 'skipped', 'inserted', 'updated', 'unchanged', 'finishedAt'];
const SOURCE_COLUMNS = ['source', 'granularity', 'blocks', 'heights', 'dates', 'rules', 'description'];

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
        const ctx = { store, datasetsRoot: datasetsRoot(io.env) };
        if (opts.ingests) {
          io.stdout(renderRows((await queryIngests(ctx)).map((r) => ({ ...r })), INGEST_COLUMNS, format));
          return;
        }
        const rows = (await querySources(ctx)).sources.map((s) => ({
          source: s.source,
          granularity: s.granularity,
          blocks: s.blocks,
          heights: s.firstHeight === null ? '' : `${s.firstHeight}–${s.lastHeight}`,
          dates: s.firstDay === null ? 'no times' : `${s.firstDay} → ${s.lastDay}`,
          rules: s.rulesVersions.join(' '),
          description: s.description,
        }));
        io.stdout(renderRows(rows, SOURCE_COLUMNS, format));
      } finally {
        await store?.close();
      }
    });
}
