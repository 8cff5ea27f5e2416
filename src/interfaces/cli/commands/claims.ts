/**
 * @module `nakamoto claims [file]`: evaluate each claim over the whole history and print a verdict
 * (holds / fails / uncertain, with the probability from the intervals) and the evidence.
 * A renderer over `queryClaims`.
 */
import type { Command } from 'commander';
import { DEFAULT_CLAIMS, queryClaims } from '../../../pipeline/queries/claims-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

export { DEFAULT_CLAIMS };

export function register(program: Command, io: CliIo): void {
  program
    .command('claims')
    .description('Evaluate checkable claims (YAML; default: data/claims/default.yaml) per window over the whole history: holds / fails / uncertain, with the probability from the sampling model, and the evidence.')
    .argument('[file]', 'claims file (YAML, schema in docs/claims.md)')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--confidence <level>', 'probability needed for holds (and 1 − it for fails)', '0.95')
    .option('--draws <n>', 'posterior draws per window', '400')
    .option('--seed <n>', 'random seed', '1')
    .option('--only <ids>', 'comma-separated claim ids to evaluate')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (file: string | undefined, opts: { format: string; confidence: string; draws: string; seed: string; only?: string; db?: string }) => {
      const format = parseFormat(opts.format);
      const store = await openExistingStore(opts.db, io, false);
      try {
        const r = await queryClaims({ ...opts, file }, { store, datasetsRoot: datasetsRoot(io.env) });
        if (format === 'json') {
          io.stdout(JSON.stringify(r.claims, null, 2) + '\n');
          return;
        }
        if (format === 'csv') {
          const rows = r.claims.map((c) => ({ id: c.id, text: c.text, verdict: c.verdict, probability: c.probability, holds: c.tally.holds, fails: c.tally.fails, uncertain: c.tally.uncertain, evidence: c.evidence }));
          io.stdout(renderRows(rows, ['id', 'text', 'verdict', 'probability', 'holds', 'fails', 'uncertain', 'evidence'], 'csv'));
          return;
        }
        for (const c of r.claims) io.stdout(`[${c.verdict.toUpperCase()}] ${c.text}\n    ${c.evidence}\n`);
        io.stdout(`\n${renderRows(r.claims.map((c) => ({ claim: c.id, verdict: c.verdict, P: c.probability })), ['claim', 'verdict', 'P'], 'table')}`);
        io.stdout(`${r.rule}\n`);
        if (r.untestable.length) {
          io.stdout('\nNot testable with these data:\n');
          for (const u of r.untestable) io.stdout(`[UNTESTABLE] ${u.text}\n    why: ${u.reason}\n    needs: ${u.needs}\n`);
        }
      } finally {
        await store?.close();
      }
    });
}
