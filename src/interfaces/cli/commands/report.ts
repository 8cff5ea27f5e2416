/**
 * @module `nakamoto report`: a readable summary of Bitcoin mining concentration — works with no
 * flags on the embedded default data. `--html FILE` writes the shareable self-contained report;
 * `--svg FILE --chart NAME` (or `--png`) exports one chart. A renderer over `queryReport` and the
 * report module.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SourceError, UsageError } from '../../../domain/errors.js';
import type { QueryContext } from '../../../pipeline/queries/context.js';
import { queryContrast } from '../../../pipeline/queries/contrast-query.js';
import { SeriesCache } from '../../../pipeline/queries/load-distribution.js';
import { queryReport } from '../../../pipeline/queries/report-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { CHART_IDS, getChart } from '../../report/charts/index.js';
import { renderHtmlReport } from '../../report/html-report.js';
import { gatherReportData, loadPart, type ReportOptions as DataOptions } from '../../report/report-data.js';
import { svgToPng } from '../../report/svg-to-png.js';
import type { CliIo } from '../io.js';
import { renderContrastText } from '../render-contrast.js';
import { renderReportText } from '../render-report.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';

interface ReportOptions {
  format: string;
  source?: string;
  level?: string;
  db?: string;
  top: string;
  html?: string;
  svg?: string;
  png?: string;
  chart?: string;
  contrast: boolean;
}

async function write(path: string, data: string | Buffer, io: CliIo): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (err) {
    throw new SourceError(`cannot write ${path}: ${(err as Error).message}`, { cause: err, inputError: true });
  }
  io.stdout(`wrote ${path} (${(Buffer.byteLength(data) / 1024).toFixed(0)} KB)\n`);
}

async function exportFiles(opts: ReportOptions, ctx: QueryContext, data: DataOptions, io: CliIo): Promise<void> {
  if (opts.svg !== undefined || opts.png !== undefined) {
    const chart = getChart(opts.chart!);
    const svg = await chart.render(await loadPart(chart.part, ctx, data));
    if (opts.svg !== undefined) await write(opts.svg, svg, io);
    if (opts.png !== undefined) await write(opts.png, await svgToPng(svg), io);
  }
  if (opts.html !== undefined) await write(opts.html, await renderHtmlReport(await gatherReportData(ctx, data), { generated: io.now().toISOString().slice(0, 10) }), io);
}

export function register(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('Is Bitcoin mining centralising while AI decentralises? The contrast first — every Bitcoin level and AI lens on the same metrics (largest share, top-5, Nakamoto coefficient, HHI, entities) with intervals, HHI trends with their test, and verdicts on the headline claims — then Bitcoin mining by pool: latest 30 days and each calendar year. Uses the store if it has per-block data, else the embedded default. --html writes the shareable report (one self-contained file with charts, claims, methods); --svg/--png export one chart.')
    .option('--format <format>', 'text or json', 'text')
    .option('--source <id>', 'data source (see `nakamoto metrics --help`)')
    .option('--top <n>', 'how many top pools to list per period', '5')
    .option('--level <level>', 'pool (default), owner (alias entity: pools merged by dated ownership links) or template (pools merged into template families, see nakamoto groups)')
    .option('--html <file>', 'write the shareable HTML report (inline SVG charts, no scripts or external assets)')
    .option('--svg <file>', 'write one chart as SVG (with --chart)')
    .option('--png <file>', 'write one chart as PNG (with --chart; needs rsvg-convert from librsvg2-bin)')
    .option('--chart <name>', `chart for --svg/--png: ${CHART_IDS.join(', ')}`)
    .option('--db <path>', DB_OPTION_HELP)
    .option('--no-contrast', 'only the Bitcoin-by-pool summary (the report before the Bitcoin-vs-AI contrast)')
    .action(async (opts: ReportOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`invalid format: ${opts.format} (expected text or json)`);
      const topN = parseNumberParam('--top', opts.top, { min: 1, max: 100, integer: true });
      const files = opts.html !== undefined || opts.svg !== undefined || opts.png !== undefined;
      if ((opts.svg !== undefined || opts.png !== undefined) && opts.chart === undefined) throw new UsageError(`--svg and --png export one chart: add --chart <name> (${CHART_IDS.join(', ')})`);
      if (opts.chart !== undefined) {
        getChart(opts.chart);
        if (opts.svg === undefined && opts.png === undefined) throw new UsageError('--chart names the chart for --svg or --png: add one of them');
      }
      const store = await openExistingStore(opts.db, io, false);
      try {
        // One run loads bitcoin/pools for several parts: a cache shares the load.
        const ctx = { store, datasetsRoot: datasetsRoot(io.env), cache: new SeriesCache() };
        const data = { source: opts.source, level: opts.level, top: topN };
        if (files) return await exportFiles(opts, ctx, data, io);
        const report = await queryReport(data, ctx);
        const contrast = opts.contrast ? await queryContrast(ctx, { source: opts.source }) : null;
        if (opts.format === 'json') io.stdout(JSON.stringify(contrast ? { ...report, contrast } : report, null, 2) + '\n');
        else io.stdout((contrast ? `${renderContrastText(contrast)}\n${'─'.repeat(100)}\n` : '') + renderReportText(report));
      } finally {
        await store?.close();
      }
    });
}
