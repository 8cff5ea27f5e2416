/**
 * @module Plain-text rendering of the contrast (the headline of `nakamoto report`): the verdicts on
 * the three headline claims per level and lens, the side-by-side table, caveats, and Bitcoin's
 * post-CBECI country estimates (publishers apart) against AI cluster capacity by country.
 */
import type { ContrastRow } from '../../analysis/contrast/series-summary.js';
import { rowLabel } from '../../analysis/contrast/verdicts.js';
import type { ContrastResult } from '../../pipeline/queries/contrast-query.js';
import type { CountryEstimates } from '../../pipeline/queries/country-estimates-query.js';
import { renderTable } from './output.js';

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
const day = (t: number | null): string => (t === null ? '–' : new Date(t * 1000).toISOString().slice(0, 10));
const month = (t: number | null): string => day(t).slice(0, 7);
const TAG = { holds: '[HOLDS]      ', fails: '[FAILS]      ', 'not settled': '[NOT SETTLED]' } as const;
const PER = { '1m': 'monthly', '1q': 'quarterly', '1y': 'yearly' } as Record<string, string>;

function range(lo: number | null | undefined, hi: number | null | undefined, f: (x: number) => string): string {
  if (lo === null || lo === undefined) return '';
  if (hi === null || hi === undefined) return ` [≥ ${f(lo)}]`;
  return lo === hi ? '' : ` [${f(lo)}–${f(hi)}]`;
}

export function trendCell(r: ContrastRow): string {
  const t = r.trend;
  if (r.unavailable) return 'no data';
  if (t.direction === 'too short') return `too short (${t.n} snapshot${t.n === 1 ? '' : 's'})`;
  const p = t.p! < 0.001 ? '<0.001' : t.p!.toFixed(3);
  const slope = `${t.slopePerYear! >= 0 ? '+' : '−'}${Math.abs(t.slopePerYear!).toFixed(0)}/yr`;
  const q = r.recent;
  const recent = q && q.direction !== 'too short' ? `; last ${q.n}: ${q.direction} ${q.slopePerYear! >= 0 ? '+' : '−'}${Math.abs(q.slopePerYear!).toFixed(0)}/yr` : '';
  return `${t.direction} ${slope} p=${p}, ${month(t.from)}→${month(t.to)} ${PER[t.window] ?? t.window}${recent}`;
}

export function renderContrastText(c: ContrastResult): string {
  const out: string[] = [];
  out.push(c.question);
  out.push(`Trend: ${c.trendMethod} (docs/trends.md). Rising HHI = centralising.`);
  out.push(`Latest: ${c.latestRule}.`);
  out.push('');
  for (const claim of c.claims) {
    const vs = c.verdicts.filter((v) => v.claim === claim);
    const n = (k: string) => vs.filter((v) => v.verdict === k).length;
    out.push(`"${claim}" — holds ${n('holds')}, fails ${n('fails')}, not settled ${n('not settled')} (of ${vs.length} levels/lenses)`);
    for (const v of vs) {
      out.push(`  ${TAG[v.verdict]} ${v.label.replace(/^(Bitcoin|AI) · /, '')}: ${v.evidence}`);
      if (v.needs) out.push(`                needs: ${v.needs}`);
    }
    out.push('');
  }
  out.push('Side by side — latest value ([95% interval] where the data is a sample of blocks, [bounds] where the publisher lists only its largest countries)');
  const rows = c.rows.map((r) => {
    const l = r.latest;
    const iv = l?.intervals;
    return {
      series: rowLabel(r),
      latest: r.unavailable ? 'unavailable' : (l?.label ?? '–'),
      largest: l?.largest ? `${shorten(l.largest.name)} ${pct(l.largest.share)}${range(iv?.top1.lo, iv?.top1.hi, (x) => (x * 100).toFixed(1))}` : '–',
      'top-5': l ? `${pct(l.top5)}${range(iv?.top5.lo, iv?.top5.hi, (x) => (x * 100).toFixed(1))}` : '–',
      NC: !l || l.nakamotoCoefficient === null ? '–' : `${iv && iv.nakamotoCoefficient.lo !== null && iv.nakamotoCoefficient.hi !== iv.nakamotoCoefficient.lo ? `${iv.nakamotoCoefficient.lo}${iv.nakamotoCoefficient.hi === null ? '+' : `–${iv.nakamotoCoefficient.hi}`}` : l.nakamotoCoefficient}`,
      HHI: !l || l.hhi === null ? '–' : `${l.hhi.toFixed(0)}${range(iv?.hhi.lo, iv?.hhi.hi, (x) => x.toFixed(0))}`,
      entities: l?.entities ?? '–',
      'HHI trend': trendCell(r),
    };
  });
  out.push(...renderTable(rows, ['series', 'latest', 'largest', 'top-5', 'NC', 'HHI', 'entities', 'HHI trend']).trimEnd().split('\n').map((x) => `  ${x}`));
  const caveats = c.rows.filter((r) => r.caveat || r.unavailable);
  if (caveats.length) {
    out.push('  Caveats:');
    for (const r of caveats) out.push(`    ${rowLabel(r)}: ${r.unavailable ? `unavailable — ${r.unavailable}` : r.caveat}`);
  }
  out.push('');
  out.push(...renderGeographyText(c));
  return out.join('\n') + '\n';
}

function shorten(name: string): string {
  if (name === 'United States of America') return 'USA';
  return name.length > 22 ? `${name.slice(0, 10)}…${name.slice(-6)}` : name;
}

export function renderGeographyText(c: ContrastResult): string[] {
  return ['Geography 2024–2025 — Bitcoin hash rate by country (each publisher apart) vs AI GPU-cluster capacity by country', ...renderCountryEstimates(c.geography)];
}

/** The 2024–2025 country table (Bitcoin per publisher, AI clusters per year) and its note, indented. */
export function renderCountryEstimates(g: CountryEstimates): string[] {
  const out: string[] = [];
  if (g.unavailable) out.push(`  Bitcoin country estimates unavailable: ${g.unavailable}`);
  const rows = [
    ...g.bitcoin.map((e) => ({
      series: `Bitcoin · ${e.publisher.replace(/ \(.*\)$/, '').replace(/ global hashrate heatmap$/, '')}`,
      kind: e.kind,
      'as of': e.asOf,
      listed: `${e.metrics.listed} countries, ${pct(e.metrics.listedShare)}`,
      top: e.shares.slice(0, 3).map((s) => `${shorten(s.country)} ${pct(s.share)}`).join(', '),
      NC: e.metrics.nakamotoCoefficient.hi === null ? `≥ ${e.metrics.nakamotoCoefficient.lo}` : String(e.metrics.nakamotoCoefficient.lo),
      HHI: `${e.metrics.hhi.lo!.toFixed(0)}–${e.metrics.hhi.hi!.toFixed(0)}`,
    })),
    ...g.ai.map((a) => ({
      series: 'AI · Epoch GPU clusters',
      kind: 'capacity (H100e)',
      'as of': a.asOf,
      listed: 'all clusters',
      top: a.top.slice(0, 3).map((s) => `${shorten(s.country)} ${pct(s.share)}`).join(', '),
      NC: String(a.nakamotoCoefficient ?? '–'),
      HHI: a.hhi === null ? '–' : a.hhi.toFixed(0),
    })),
  ];
  out.push(...renderTable(rows, ['series', 'kind', 'as of', 'listed', 'top', 'NC', 'HHI']).trimEnd().split('\n').map((x) => `  ${x}`));
  out.push(`  ${g.note}`);
  return out;
}
