/**
 * @module The shareable report as ONE self-contained HTML file: summary tables, inline SVG charts
 * (pool share, Nakamoto coefficient / HHI / top-5 share with 95% bands, Bitcoin vs AI, the China
 * ban), claims verdicts, and methods & provenance. No scripts, no external assets.
 */
import { formatDay } from '../../aggregate/duration.js';
import { getChart } from './charts/index.js';
import { economicsSection } from './economics-section.js';
import { claimsSection, contrastSection, compareSection, geographySection, methodsSection, summarySection } from './html-sections.js';
import type { ReportData } from './report-data.js';
import { escapeXml as esc } from './svg-document.js';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1b1b1b;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}h3{margin-top:1.4em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em;display:block;max-width:100%;overflow-x:auto}th,td{padding:.25em .6em;border-bottom:1px solid #e6e6e6;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1.2em 0}figure svg{max-width:100%;height:auto}.note{color:#555;font-size:.9em}.lead{font-size:1.05em}.ci{color:#777;font-size:.9em}
.verdict{display:inline-block;padding:0 .5em;border-radius:3px;font-weight:600}.holds{background:#d7f0dd}.fails{background:#f8d7d3}.uncertain{background:#f6edc8}.no-data{background:#eee}
nav ol{columns:2}pre{background:#f6f6f6;padding:.8em;overflow:auto}dt{font-weight:600}dd{margin:0 0 .5em 1.2em}`;

async function figure(id: string, d: ReportData): Promise<string> {
  const c = getChart(id);
  const svg = (await c.render(d[c.part])).trimEnd();
  return `<figure id="chart-${id}" aria-label="${esc(c.title)}">${svg}</figure>`;
}

export interface HtmlReportOptions {
  /** Shown in the header (e.g. the generation date); omit for byte-identical output. */
  readonly generated?: string;
}

export async function renderHtmlReport(d: ReportData, o: HtmlReportOptions = {}): Promise<string> {
  const r = d.summary;
  const level = r.provenance.level;
  const span = `${formatDay(r.coverage.start)} → ${formatDay(r.coverage.end - 1)}`;
  const sections: [string, string, string][] = [
    ['answer', d.contrast.question, [await figure('contrast', d), contrastSection(d)].join('\n')],
    ['summary', 'Bitcoin mining by pool: summary', summarySection(d)],
    ['over-time', 'Concentration over time', [
      `<p>Monthly windows. Shares are shares of blocks found, a sample of hash rate: the bands show what the true ${esc(level)} shares could be given the blocks found.</p>`,
      await figure('pool-share', d),
      await figure('nakamoto-coefficient', d),
      await figure('hhi', d),
      await figure('top5-share', d),
    ].join('\n')],
    ['bitcoin-vs-ai', 'Bitcoin vs AI', [await figure('compare', d), compareSection(d)].join('\n')],
    ['geography', 'Geography and the 2021 China ban', [await figure('china-ban', d), geographySection(d)].join('\n')],
    ['economics', 'Mining economics: hash value, hash price, fees, empty blocks', economicsSection(d.economics)],
    ['claims', 'Claims', claimsSection(d)],
    ['methods', 'Methods and provenance', methodsSection(d)],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nakamoto Observatory — is Bitcoin mining centralising while AI decentralises?</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Nakamoto Observatory report</h1>
<p class="lead">Is Bitcoin mining centralising while AI decentralises? Every Bitcoin level and AI lens on the same metrics, with trends and their test, verdicts on the headline claims, then Bitcoin mining by ${esc(level)}, ${esc(span)} (UTC) — with 95% bands where the data is a sample and provenance on every figure.</p>
<p class="note">Data: ${esc(r.provenance.from)}.${o.generated ? ` Generated ${esc(o.generated)}.` : ''} This file is self-contained: no scripts, no external assets.</p>
<nav><ol>${sections.map(([id, title]) => `<li><a href="#${id}">${esc(title)}</a></li>`).join('')}</ol></nav>
</header>
<main>
${sections.map(([id, title, body]) => `<section id="${id}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`).join('\n')}
</main>
</body>
</html>
`;
}
