/**
 * @module `nakamoto bittensor subnets --metric M`: every subnet with a metagraph ranked by how
 * concentrated its stake and its miners' incentive are across coldkeys (one call, one table).
 */
import type { Command } from 'commander';
import { queryBittensorSubnets } from '../../../pipeline/queries/bittensor-subnets-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

export function register(program: Command, io: CliIo): void {
  const cmd = program.command('bittensor').description('Bittensor across subnets (see also the bittensor/… distributions and `nakamoto fetch bittensor`).');
  cmd
    .command('subnets')
    .description('Rank every subnet with a metagraph (latest ingested snapshot of each; the staged SN1 without a store) by the concentration of stake and of miner incentive across coldkeys, with its emission share.')
    .option('--metric <ids>', 'comma-separated metric ids; the first ranks the table', 'nakamoto-coefficient')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: { metric: string; format: string; db?: string }) => {
      const format = parseFormat(opts.format);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const r = await queryBittensorSubnets({ metric: opts.metric }, { store, datasetsRoot: datasetsRoot(io.env) });
        if (format === 'json') {
          io.stdout(JSON.stringify({ notes: r.notes, rows: r.rows }, null, 2) + '\n');
          return;
        }
        (format === 'table' ? io.stdout : io.stderr)(r.notes.map((n) => `# ${n}\n`).join(''));
        io.stdout(renderRows(r.rows, r.columns, format));
      } finally {
        await store?.close();
      }
    });
}
