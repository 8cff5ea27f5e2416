/**
 * @module HTML fragments of the shareable report: tables for the concentration summary, the
 * Bitcoin-vs-AI comparison, the China-ban snapshots, the claims verdicts, and the methods and
 * provenance section. Every text is escaped; numbers are formatted as in the text report.
 */
import { formatDay } from '../../aggregate/duration.js';
import type { PeriodSummary } from '../../analysis/concentration-report.js';
import type { Provenance } from '../../domain/sourced-series.js';
import type { ReportData } from './report-data.js';
import { pct, table } from './html-table.js';
import { escapeXml as esc } from './svg-document.js';

export { pct, table };

const fixed = (x: number | null | undefined, d: number): string => (x === null || x === undefined ? '–' : x.toFixed(d));
const int = (x: number): string => Math.round(x).toLocaleString('en-US');


const topLine = (p: PeriodSummary) => esc(p.top.map((t) => `${t.name} ${pct(t.share)}`).join(', '));

export function summarySection(d: ReportData): string {
  const r = d.summary;
  const level = r.provenance.level;
  const l = r.latest;
  const years = r.years.map((y) => [
    esc(y.complete ? y.label : `${y.label}*`),
    int(y.total),
    String(y.entities),
    pct(y.top5Share),
    String(y.nakamotoCoefficient ?? '–'),
    fixed(y.hhi, 0),
    fixed(y.gini, 3),
    fixed(y.entropyBits, 2),
    y.top[0] ? esc(`${y.top[0].name} ${pct(y.top[0].share)}`) : '–',
  ]);
  const partial = r.years.filter((y) => !y.complete).map((y) => `<p class="note">* ${esc(y.label)} is partial: ${formatDay(y.start)} → ${formatDay(y.end - 1)}.</p>`);
  return [
    `<p class="lead">Latest 30 days (${formatDay(l.start)} → ${formatDay(l.end - 1)}, ${int(l.total)} blocks, ${l.entities} ${esc(level)}s): top-5 share <b>${pct(l.top5Share)}</b> · Nakamoto coefficient <b>${l.nakamotoCoefficient ?? '–'}</b> · HHI <b>${fixed(l.hhi, 0)}</b> · Gini ${fixed(l.gini, 3)} · entropy ${fixed(l.entropyBits, 2)} bits.</p>`,
    `<p>Largest ${esc(level)}s: ${topLine(l)}.</p>`,
    '<h3>By calendar year</h3>',
    table(['year', 'blocks', `${level}s`, 'top-5', 'NC', 'HHI', 'Gini', 'entropy', `largest ${level}`], years, [false, true, true, true, true, true, true, true, false]),
    ...partial,
    `<h3>Top ${esc(level)}s by year</h3>`,
    table(['year', `top ${level}s`], r.years.map((y) => [esc(y.complete ? y.label : `${y.label}*`), topLine(y)])),
  ].join('\n');
}

export function compareSection(d: ReportData): string {
  const c = d.compare;
  const years = [...new Set(c.cells.map((x) => x.windowStart))].sort();
  const cell = (id: string, metric: string, y: string) => {
    const x = c.cells.find((k) => k.distribution === id && k.metric === metric && k.windowStart === y);
    if (!x || x.value === null) return '';
    const v = metric === 'hhi' ? x.value.toFixed(0) : String(x.value);
    return x.lo !== null && x.hi !== null ? `${v} <span class="ci">[${metric === 'hhi' ? x.lo.toFixed(0) : x.lo}–${metric === 'hhi' ? x.hi.toFixed(0) : x.hi}]</span>` : v;
  };
  const head = ['year', ...c.distributions.flatMap((id) => [`${id} HHI`, `${id} NC`])];
  const rows = years.map((y) => [y.slice(0, 4), ...c.distributions.flatMap((id) => [cell(id, 'hhi', y), cell(id, 'nakamoto-coefficient', y)])]);
  const meaning = table(['distribution', 'entity', 'unit', 'aggregation', 'caveat'], c.entities.map((e) => [esc(e.distribution), esc(e.entity), esc(e.unit), esc(e.aggregation), esc(e.caveat)]));
  return `${table(head, rows, head.map((_, j) => j > 0))}\n<h3>What an entity is in each distribution</h3>\n${meaning}`;
}

export function geographySection(d: ReportData): string {
  const g = d.geography;
  const rows = g.chinaBan.map((s) => [esc(s.label), s.totalEhs.toFixed(1), pct(s.chinaShare), fixed(s.hhi, 0), String(s.nakamotoCoefficient ?? '–'), esc(s.top.slice(0, 3).map((t) => `${t.entity} ${pct(t.share)}`).join(', '))]);
  return [table(['snapshot', 'EH/s', 'China', 'HHI', 'NC', 'largest countries'], rows, [false, true, true, true, true, false]), `<p class="lead">${esc(g.verdict)}</p>`, `<p class="note">Caveats: ${esc(g.caveats)}</p>`].join('\n');
}

export function claimsSection(d: ReportData): string {
  const rows = d.claims.claims.map((c) => [
    `<span class="verdict ${c.verdict.replace(' ', '-')}">${esc(c.verdict)}</span>`,
    esc(c.text),
    c.probability === null ? '–' : c.probability.toFixed(3),
    esc(c.evidence) + (c.claim.event ? `<br><span class="note">Event: ${esc(c.claim.event.date)} — ${esc(c.claim.event.what)}</span>` : ''),
    esc(c.claim.origin),
  ]);
  const untestable = d.claims.untestable.length
    ? `\n<h3>Not testable with these data</h3>\n${table(['claim', 'why not', 'what data would settle it'], d.claims.untestable.map((u) => [esc(u.text), esc(u.reason), esc(u.needs)]))}`
    : '';
  return `${table(['verdict', 'claim', 'P', 'evidence', 'where the claim is made'], rows, [false, false, true, false, false])}\n<p class="note">${esc(d.claims.rule)} Claims file: data/claims/default.yaml (${d.claims.intervals.draws} draws per window, seed ${d.claims.seed}).</p>${untestable}`;
}

function provenanceRows(d: ReportData): Provenance[] {
  const all = [d.summary.provenance, d.poolShares.provenance, d.concentration.provenance, ...d.compare.provenance, ...d.geography.provenance, d.countryShares.provenance];
  const seen = new Map<string, Provenance>();
  for (const p of all) seen.set(`${p.distribution}|${p.source}|${p.level}`, p);
  return [...seen.values()];
}

const DEFINITIONS: readonly [string, string][] = [
  ['Nakamoto coefficient (NC)', 'fewest largest entities whose combined share is ≥ 50% (the strict > 50% variant is offered as nakamoto-coefficient-strict)'],
  ['HHI', 'Herfindahl–Hirschman index Σ (100·share)², from 0 to 10,000'],
  ['top-5 share (CR5)', 'combined share of the 5 largest entities'],
  ['Gini', 'mean absolute difference / (2·mean) over all entities in the window'],
  ['entropy', 'Shannon entropy of the shares, in bits'],
  ['95% band', 'central interval of the posterior Dirichlet(counts + ½) of the true hash shares given the blocks found; blocks are a sample of hash rate'],
];

const DOCS: readonly [string, string][] = [
  ['docs/metrics.md', 'metric definitions, formulas and references'],
  ['docs/uncertainty.md', 'the sampling model behind the bands'],
  ['docs/claims.md', 'the claims file and how verdicts are decided'],
  ['docs/attribution.md', 'how blocks are attributed to pools'],
  ['docs/http-api.md', 'the same figures as JSON over HTTP'],
];

export function methodsSection(d: ReportData): string {
  const prov = provenanceRows(d).map((p) => [esc(p.distribution), esc(p.source), esc(p.level), esc(p.unit), esc(p.from), esc(p.rulesVersions.join('; ') || 'n/a'), esc([p.description, ...(p.notes ?? [])].join(' — '))]);
  const dists = d.distributions.filter((x) => provenanceRows(d).some((p) => p.distribution === x.id)).map((x) => [esc(x.id), esc(x.title), esc(x.coverage), esc(x.caveats.join(' '))]);
  return [
    '<h3>Sources and rules versions</h3>',
    table(['distribution', 'source', 'level', 'unit', 'from', 'rules versions', 'description'], prov),
    '<h3>Distributions and caveats</h3>',
    table(['id', 'what', 'coverage', 'caveats'], dists),
    '<h3>Definitions</h3>',
    `<dl>${DEFINITIONS.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
    '<p>All times are UTC; a window’s end is exclusive. Windows are calendar months (charts) and calendar years (tables); the current year is partial.</p>',
    '<h3>Documentation</h3>',
    `<ul>${DOCS.map(([href, what]) => `<li><a href="${href}">${href}</a> — ${esc(what)}</li>`).join('')}</ul>`,
    '<h3>Reproduce</h3>',
    '<pre>nakamoto report --html report.html\nnakamoto metrics bitcoin/pools --window 1m --metrics nakamoto-coefficient,hhi,concentration-ratio=5 --ci --format csv\nnakamoto compare bitcoin/pools ai/compute-owners ai/clusters-by-owner --metric hhi,nakamoto-coefficient --from 2018-01-01\nnakamoto geography\nnakamoto claims</pre>',
  ].join('\n');
}

/** The contrast: verdicts per claim, the side-by-side table, caveats and the 2024–2025 country estimates. */
export function contrastSection(d: ReportData): string {
  const c = d.contrast;
  const day = (t: number | null) => (t === null ? '–' : formatDay(t));
  const parts: string[] = [];
  parts.push(`<p class="note">Trend: ${esc(c.trendMethod)} (docs/trends.md); rising HHI = centralising. ${esc(c.latestRule)}.</p>`);
  for (const claim of c.claims) {
    const vs = c.verdicts.filter((v) => v.claim === claim);
    const n = (k: string) => vs.filter((v) => v.verdict === k).length;
    parts.push(`<h3>“${esc(claim)}” — holds ${n('holds')}, fails ${n('fails')}, not settled ${n('not settled')}</h3>`);
    parts.push(
      `<ul class="verdicts">${vs
        .map((v) => `<li data-series="${esc(v.series)}"><span class="verdict ${v.verdict === 'not settled' ? 'uncertain' : v.verdict}">${esc(v.verdict)}</span> <strong>${esc(v.label)}</strong>: ${esc(v.evidence)}${v.needs ? `<br><span class="note">Needs: ${esc(v.needs)}</span>` : ''}</li>`)
        .join('\n')}</ul>`,
    );
  }
  const iv = (lo: number | null | undefined, hi: number | null | undefined, f: (x: number) => string) => (lo === null || lo === undefined || lo === hi ? '' : ` <span class="ci">[${f(lo)}–${hi === null || hi === undefined ? '…' : f(hi)}]</span>`);
  const rows = c.rows.map((r) => {
    const l = r.latest;
    const t = r.trend;
    const trend = r.unavailable ? 'no data' : t.direction === 'too short' ? `too short (${t.n})` : `${t.direction}, ${t.slopePerYear! >= 0 ? '+' : '−'}${Math.abs(t.slopePerYear!).toFixed(0)}/yr [${t.slopeLo!.toFixed(0)}, ${t.slopeHi!.toFixed(0)}], p = ${t.p!.toFixed(3)}, ${day(t.from)} → ${day(t.to)}${r.recent && r.recent.direction !== 'too short' ? `; last ${r.recent.n} windows: ${r.recent.direction}, ${r.recent.slopePerYear! >= 0 ? '+' : '−'}${Math.abs(r.recent.slopePerYear!).toFixed(0)}/yr` : ''}`;
    return [
      esc(`${r.world === 'bitcoin' ? 'Bitcoin' : 'AI'} · ${r.lens}`),
      esc(r.unavailable ? 'unavailable' : (l?.label ?? '–')),
      l?.largest ? `${esc(l.largest.name)} ${pct(l.largest.share)}${iv(l.intervals?.top1.lo, l.intervals?.top1.hi, (x) => pct(x))}` : '–',
      l ? `${pct(l.top5)}${iv(l.intervals?.top5.lo, l.intervals?.top5.hi, (x) => pct(x))}` : '–',
      !l || l.nakamotoCoefficient === null ? '–' : String(l.nakamotoCoefficient),
      !l || l.hhi === null ? '–' : `${fixed(l.hhi, 0)}${iv(l.intervals?.hhi.lo, l.intervals?.hhi.hi, (x) => x.toFixed(0))}`,
      !l || l.entities === null ? '–' : String(l.entities),
      esc(trend),
    ];
  });
  parts.push('<h3>Side by side</h3>');
  parts.push(table(['series', 'latest', 'largest', 'top-5', 'NC', 'HHI', 'entities', 'HHI trend'], rows, [false, false, false, true, true, true, true, false]));
  const cav = c.rows.filter((r) => r.caveat || r.unavailable);
  if (cav.length) parts.push(`<ul class="note">${cav.map((r) => `<li>${esc(`${r.world === 'bitcoin' ? 'Bitcoin' : 'AI'} · ${r.lens}`)}: ${esc(r.unavailable ?? r.caveat ?? '')}</li>`).join('')}</ul>`);
  const g = c.geography;
  parts.push('<h3>Geography 2024–2025: Bitcoin by country (publishers apart) vs AI cluster capacity by country</h3>');
  parts.push(
    table(
      ['series', 'kind', 'as of', 'listed', 'top countries', 'NC', 'HHI'],
      [
        ...g.bitcoin.map((e) => [esc(`Bitcoin · ${e.publisher}`), esc(e.kind), esc(e.asOf), esc(`${e.metrics.listed} countries, ${pct(e.metrics.listedShare)}`), esc(e.shares.slice(0, 3).map((s) => `${s.country} ${pct(s.share)}`).join(', ')), esc(e.metrics.nakamotoCoefficient.hi === null ? `≥ ${e.metrics.nakamotoCoefficient.lo}` : String(e.metrics.nakamotoCoefficient.lo)), `${fixed(e.metrics.hhi.lo, 0)}–${fixed(e.metrics.hhi.hi, 0)}`]),
        ...g.ai.map((a) => ['AI · Epoch GPU clusters', 'capacity (H100e)', esc(a.asOf), 'all clusters', esc(a.top.slice(0, 3).map((s) => `${s.country} ${pct(s.share)}`).join(', ')), String(a.nakamotoCoefficient ?? '–'), fixed(a.hhi, 0)]),
      ],
    ),
  );
  parts.push(`<p class="note">${esc(g.note)}</p>`);
  return parts.join('\n');
}
