/**
 * @module `nakamoto geography`: Bitcoin hash rate by country (CBECI) against AI compute by country
 * (Epoch GPU clusters) per year, and the 2021 China ban before/after. A renderer over `queryGeography`.
 */
import type { Command } from 'commander';
import { BTC_COUNTRIES, queryGeography } from '../../../pipeline/queries/geography-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { renderCountryEstimates } from '../render-contrast.js';
import { formatNumber, parseFormat, renderRows, type Row } from '../output.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('geography')
    .description('Bitcoin hash rate by country (Cambridge CBECI to 2022; Cambridge survey and Hashrate Index 2024–2025, publishers kept apart) vs AI compute by country (Epoch GPU clusters), and what the 2021 China ban did to the country distribution.')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format);
      const g = await queryGeography({ store: null, datasetsRoot: datasetsRoot(io.env) });
      if (format === 'json') {
        io.stdout(JSON.stringify({ yearly: g.yearly, chinaBan: g.chinaBan, verdict: g.verdict, provenance: g.provenance, recent: g.recent }, null, 2) + '\n');
        return;
      }
      const years = [...new Set(g.yearly.map((c) => c.windowStart))].sort();
      const rows: Row[] = years.map((y) => {
        const row: Row = { year: y.slice(0, 4) };
        for (const c of g.yearly.filter((x) => x.windowStart === y)) row[`${c.distribution === BTC_COUNTRIES ? 'BTC' : 'AI'} ${c.metric}`] = c.value === null ? null : Number(formatNumber(c.value, 4));
        return row;
      });
      io.stdout('Country concentration per year — Bitcoin hash rate (CBECI, last month of the year) vs AI GPU-cluster H100e (Epoch, operational by year end):\n');
      io.stdout(renderRows(rows, ['year', 'BTC hhi', 'BTC nakamoto-coefficient', 'BTC max-share', 'AI hhi', 'AI nakamoto-coefficient', 'AI max-share'], 'table'));
      io.stdout('\nThe 2021 China mining ban (CBECI monthly country shares):\n');
      io.stdout(
        renderRows(
          g.chinaBan.map((s) => ({ snapshot: s.label, 'EH/s': Number(s.totalEhs.toFixed(1)), China: `${(s.chinaShare * 100).toFixed(1)}%`, hhi: s.hhi === null ? null : Math.round(s.hhi), NC: s.nakamotoCoefficient, top: s.top.slice(0, 3).map((t) => `${t.entity} ${(t.share * 100).toFixed(1)}%`).join(', ') })),
          ['snapshot', 'EH/s', 'China', 'hhi', 'NC', 'top'],
          'table',
        ),
      );
      io.stdout(`\n${g.verdict}\n`);
      io.stdout(`Caveats: ${g.caveats}\n`);
      io.stdout('\nAfter CBECI (2024–2025):\n');
      io.stdout(renderCountryEstimates(g.recent).join('\n') + '\n');
    });
}
