/**
 * @module `nakamoto claims [file]`: evaluate each claim over the whole history and print a verdict
 * (holds / fails / uncertain, with the probability from the intervals) and the evidence.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { evaluateClaim, type ClaimResult } from '../../../analysis/claims/evaluate.js';
import { parseClaimsFile, type Measure } from '../../../analysis/claims/schema.js';
import { validateIntervalOptions } from '../../../analysis/uncertainty/posterior.js';
import { SourceError } from '../../../domain/errors.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import type { SourcedSeries } from '../../../pipeline/series-source.js';
import { datasetsRoot, PROJECT_ROOT } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

export const DEFAULT_CLAIMS = join(PROJECT_ROOT, 'data', 'claims', 'default.yaml');

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
      const path = file ?? DEFAULT_CLAIMS;
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        throw new SourceError(`cannot read ${path}: ${(err as Error).message}`, { cause: err, inputError: true });
      }
      const claims = parseClaimsFile(text, path).claims.filter((c) => !opts.only || opts.only.split(',').includes(c.id));
      const ivOpts = validateIntervalOptions({ confidence: Number(opts.confidence), draws: Number(opts.draws), prior: 0.5 });
      const store = await openExistingStore(opts.db, io, false);
      const cache = new Map<string, Promise<SourcedSeries>>();
      const load = (m: Measure): Promise<SourcedSeries> => {
        const key = `${m.distribution}|${m.level ?? ''}|${m.source ?? ''}`;
        if (!cache.has(key)) cache.set(key, getDistribution(m.distribution).load({ store, source: m.source, level: m.level, datasetsRoot: datasetsRoot(io.env) }));
        return cache.get(key)!;
      };
      try {
        const results: ClaimResult[] = [];
        for (const c of claims) results.push(await evaluateClaim(c, load, ivOpts, Number(opts.seed)));
        if (format === 'json') {
          io.stdout(JSON.stringify(results.map((r) => ({ id: r.claim.id, text: r.claim.text, verdict: r.verdict, probability: r.probability, tally: r.tally, evidence: r.evidence, claim: r.claim })), null, 2) + '\n');
          return;
        }
        const rows = results.map((r) => ({ claim: r.claim.id, verdict: r.verdict, P: r.probability, evidence: r.evidence }));
        if (format === 'csv') {
          io.stdout(renderRows(results.map((r) => ({ id: r.claim.id, text: r.claim.text, verdict: r.verdict, probability: r.probability, holds: r.tally.holds, fails: r.tally.fails, uncertain: r.tally.uncertain, evidence: r.evidence })), ['id', 'text', 'verdict', 'probability', 'holds', 'fails', 'uncertain', 'evidence'], 'csv'));
          return;
        }
        for (const r of results) io.stdout(`[${r.verdict.toUpperCase()}] ${r.claim.text}\n    ${r.evidence}\n`);
        io.stdout(`\n${renderRows(rows.map(({ claim, verdict, P }) => ({ claim, verdict, P })), ['claim', 'verdict', 'P'], 'table')}`);
        io.stdout(`Verdict = latest window; holds when P ≥ ${ivOpts.confidence}, fails when P ≤ ${(1 - ivOpts.confidence).toFixed(2)}, else uncertain. P comes from the multinomial sampling model for block data; other data are taken as exact.\n`);
      } finally {
        await store?.close();
      }
    });
}
