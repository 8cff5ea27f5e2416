/**
 * @module `nakamoto geography`: Bitcoin hash rate by country (CBECI) against AI compute by country
 * (Epoch GPU clusters) per year, and the 2021 China ban before/after.
 */
import type { Command } from 'commander';
import { formatDay, parseDuration } from '../../../aggregate/duration.js';
import { compareDistributions } from '../../../analysis/compare.js';
import { banVerdict, countrySnapshots } from '../../../analysis/geography.js';
import { parseMetricList } from '../../../metrics/index.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import { formatNumber, parseFormat, renderRows, type Row } from '../output.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('geography')
    .description('Bitcoin hash rate by country (Cambridge CBECI) vs AI compute by country (Epoch GPU clusters), and what the 2021 China ban did to the country distribution.')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format);
      const root = datasetsRoot(io.env);
      const btc = await getDistribution('bitcoin/hashrate-by-country').load({ store: null, datasetsRoot: root });
      const ai = await getDistribution('ai/clusters-by-country').load({ store: null, datasetsRoot: root });
      const metrics = parseMetricList('hhi,nakamoto-coefficient,max-share');
      const size = parseDuration('1y');
      const cells = compareDistributions([{ id: 'bitcoin/hashrate-by-country', sourced: btc }, { id: 'ai/clusters-by-country', sourced: ai }], metrics, { spec: { size, step: size, anchor: 0 }, intervals: null, seed: 1 });
      const snapshots = countrySnapshots(btc);
      const verdict = banVerdict(snapshots);
      if (format === 'json') {
        io.stdout(JSON.stringify({ yearly: cells.map((c) => ({ ...c, windowStart: formatDay(c.windowStart), windowEnd: formatDay(c.windowEnd) })), chinaBan: snapshots.map((s) => ({ ...s, month: formatDay(s.month) })), verdict, provenance: [btc.provenance, ai.provenance] }, null, 2) + '\n');
        return;
      }
      const years = [...new Set(cells.map((c) => c.windowStart))].sort((a, b) => a - b);
      const rows: Row[] = years.map((y) => {
        const row: Row = { year: formatDay(y).slice(0, 4) };
        for (const c of cells.filter((x) => x.windowStart === y)) row[`${c.distribution === 'bitcoin/hashrate-by-country' ? 'BTC' : 'AI'} ${c.metric}`] = c.value === null ? null : Number(formatNumber(c.value, 4));
        return row;
      });
      io.stdout('Country concentration per year — Bitcoin hash rate (CBECI, last month of the year) vs AI GPU-cluster H100e (Epoch, operational by year end):\n');
      io.stdout(renderRows(rows, ['year', 'BTC hhi', 'BTC nakamoto-coefficient', 'BTC max-share', 'AI hhi', 'AI nakamoto-coefficient', 'AI max-share'], 'table'));
      io.stdout('\nThe 2021 China mining ban (CBECI monthly country shares):\n');
      io.stdout(
        renderRows(
          snapshots.map((s) => ({ snapshot: s.label, 'EH/s': Number(s.totalEhs.toFixed(1)), China: `${(s.chinaShare * 100).toFixed(1)}%`, hhi: s.hhi === null ? null : Math.round(s.hhi), NC: s.nakamotoCoefficient, top: s.top.slice(0, 3).map((t) => `${t.entity} ${(t.share * 100).toFixed(1)}%`).join(', ') })),
          ['snapshot', 'EH/s', 'China', 'hhi', 'NC', 'top'],
          'table',
        ),
      );
      io.stdout(`\n${verdict}\n`);
      io.stdout('Caveats: CBECI locates miners by pool-reported IP addresses (VPNs move hash rate; "Other" is one entity); Epoch clusters cover ~10–20% of AI compute.\n');
    });
}
