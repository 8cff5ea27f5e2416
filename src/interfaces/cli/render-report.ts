/**
 * @module Plain-text rendering of the concentration report for the terminal.
 */
import { formatDay } from '../../aggregate/duration.js';
import type { ConcentrationReport, PeriodSummary } from '../../analysis/concentration-report.js';
import { renderTable } from './output.js';

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, d: number): string => (x === null ? '–' : x.toFixed(d));
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

function topLine(p: PeriodSummary): string {
  return p.top.map((t) => `${t.name} ${pct(t.share)}`).join(', ');
}

function periodDates(p: PeriodSummary): string {
  return `${formatDay(p.start)} → ${formatDay(p.end - 1)}`;
}

const plural = (word: string): string => (word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`);

export function renderReportText(r: ConcentrationReport): string {
  const p = r.provenance;
  const many = plural(p.level);
  const out: string[] = [];
  out.push(`Bitcoin mining concentration by ${p.level}, ${formatDay(r.coverage.start)} → ${formatDay(r.coverage.end - 1)} (UTC)`);
  out.push(`Data: ${p.from}. ${p.description}.`);
  for (const n of p.notes ?? []) out.push(`Note: ${n}.`);
  out.push(`Shares are shares of blocks found — a sample of hash rate, so short windows are noisy. NC = Nakamoto coefficient (fewest ${many} with ≥ 50%); HHI on 0–10,000; entropy in bits.`);
  out.push('');
  const l = r.latest;
  out.push(`Latest 30 days (${periodDates(l)}, ${int(l.total)} blocks, ${l.entities} ${many})`);
  out.push(`  Top ${many}: ${topLine(l)}`);
  out.push(`  Top-5 share ${pct(l.top5Share)} · Nakamoto coefficient ${l.nakamotoCoefficient ?? '–'} · HHI ${fixed(l.hhi, 0)} · Gini ${fixed(l.gini, 3)} · entropy ${fixed(l.entropyBits, 2)} bits`);
  out.push('');
  out.push('By calendar year');
  const rows = r.years.map((y) => ({
    year: y.complete ? y.label : `${y.label}*`,
    blocks: y.total,
    [many]: y.entities,
    'top-5': pct(y.top5Share),
    NC: y.nakamotoCoefficient,
    HHI: y.hhi === null ? null : Math.round(y.hhi),
    Gini: y.gini === null ? null : Number(y.gini.toFixed(3)),
    entropy: y.entropyBits === null ? null : Number(y.entropyBits.toFixed(2)),
    [`largest ${p.level}`]: y.top[0] ? `${y.top[0].name} ${pct(y.top[0].share)}` : '–',
  }));
  const table = renderTable(rows, ['year', 'blocks', many, 'top-5', 'NC', 'HHI', 'Gini', 'entropy', `largest ${p.level}`]);
  out.push(...table.trimEnd().split('\n').map((x) => `  ${x}`));
  const partial = r.years.filter((y) => !y.complete);
  for (const y of partial) out.push(`  * ${y.label} is partial: ${periodDates(y)}.`);
  out.push('');
  out.push(`Top ${many} by year`);
  for (const y of r.years) out.push(`  ${y.complete ? y.label : `${y.label}*`}: ${topLine(y)}`);
  out.push('');
  out.push('Reproduce: nakamoto metrics bitcoin/pools --window 1y --format csv · method: docs/metrics.md');
  return out.join('\n') + '\n';
}
