/**
 * @module `nakamoto distributions`: every distribution id with unit, entity kind, coverage, source.
 * A renderer over `queryDistributions`.
 */
import type { Command } from 'commander';
import { queryDistributions } from '../../../pipeline/queries/distributions-query.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('distributions')
    .description('List every distribution that `nakamoto metrics <id>` can measure.')
    .option('--format <format>', 'table, csv or json', 'table')
    .action((opts: { format: string }) => {
      const format = parseFormat(opts.format);
      const rows = queryDistributions().map((d) => ({
        id: d.id,
        title: d.title,
        unit: d.unit,
        entity: d.entity,
        aggregation: d.aggregation,
        coverage: d.coverage,
        source: d.source,
        caveats: d.caveats.join(' '),
      }));
      const columns = format === 'table' ? ['id', 'unit', 'entity', 'aggregation', 'coverage'] : ['id', 'title', 'unit', 'entity', 'aggregation', 'coverage', 'source', 'caveats'];
      io.stdout(renderRows(rows, columns, format));
    });
}
