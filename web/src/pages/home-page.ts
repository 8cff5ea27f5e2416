/**
 * @module Home page: the question the project exists for — is Bitcoin mining centralising while AI
 * decentralises? — answered as `nakamoto report` answers it (the same /api/contrast): verdicts on
 * the three headline claims per Bitcoin level and AI lens with their evidence, HHI over time for
 * every series (Bitcoin and AI panels, one scale), the side-by-side table, and the 2024–2025
 * country estimates. The HHI chart is the report's (shared spec src/interfaces/charts/contrast.ts: colours by series label).
 */
import * as Plot from '@observablehq/plot';
import { contrastSpec } from '../../../src/interfaces/charts/contrast.js';
import { getJson } from '../api.js';
import type { ContrastResult, ContrastRow, HeadlineVerdict } from '../api-types.js';
import { chartFrame } from '../charts/frame.js';
import { h, replace, table } from '../dom.js';
import { int, pct } from '../format.js';
import type { Page, PageContext } from '../router.js';
import { guarded, heading } from './sections.js';

const label = (r: ContrastRow) => `${r.world === 'bitcoin' ? 'Bitcoin' : 'AI'} · ${r.lens}`;
const day = (t: number | null) => (t === null ? '–' : new Date(t * 1000).toISOString().slice(0, 10));

function trendText(r: ContrastRow): string {
  const t = r.trend;
  if (r.unavailable) return 'no data';
  if (t.direction === 'too short') return `too short (${t.n} snapshot${t.n === 1 ? '' : 's'})`;
  const s = t.slopePerYear!;
  const q = r.recent;
  const recent = q && q.direction !== 'too short' ? `; last ${q.n} windows: ${q.direction}, ${q.slopePerYear! >= 0 ? '+' : '−'}${Math.abs(q.slopePerYear!).toFixed(0)}/yr` : '';
  return `${t.direction}, ${s >= 0 ? '+' : '−'}${Math.abs(s).toFixed(0)}/yr [${t.slopeLo!.toFixed(0)}, ${t.slopeHi!.toFixed(0)}], p = ${t.p!.toFixed(3)}, ${day(t.from)} → ${day(t.to)}${recent}`;
}

function range(lo: number | null | undefined, hi: number | null | undefined, f: (x: number) => string): string {
  if (lo === null || lo === undefined || lo === hi) return '';
  return ` [${f(lo)}–${hi === null || hi === undefined ? '…' : f(hi)}]`;
}

function verdictItem(v: HeadlineVerdict): HTMLElement {
  return h(
    'li',
    { 'data-series': v.series, 'data-verdict': v.verdict },
    h('p', {}, h('span', { class: `verdict ${v.verdict === 'not settled' ? 'uncertain' : v.verdict}` }, v.verdict), ' ', h('strong', {}, v.label)),
    h('p', { class: 'note' }, v.evidence),
    v.needs ? h('p', { class: 'note' }, h('strong', {}, 'Would settle it: '), v.needs) : null,
  );
}

function hhiChart(rows: readonly ContrastRow[], width: number): Element {
  return Plot.plot(contrastSpec(Plot, rows.map((r) => ({ label: label(r), world: r.world, points: r.points })), { width, height: 460, interactive: true }).options);
}

export function createHomePage(ctx: PageContext): Page {
  const rule = h('p', { class: 'note', id: 'contrast-rule' });
  const answer = h('ul', { id: 'contrast-answer', class: 'lede' });
  const claims = h('div', { id: 'contrast-claims' }, h('p', { class: 'status' }, 'Measuring both worlds…'));
  const chart = chartFrame('Concentration (HHI) over time: Bitcoin levels vs AI lenses', 'contrast-chart');
  const side = h('div', { id: 'contrast-table' });
  const geo = h('div', { id: 'contrast-geography' });
  ctx.root.append(
    ...heading('Is Bitcoin mining centralising while AI decentralises?', 'Every Bitcoin level and AI lens on the same metrics — largest share, top-5, Nakamoto coefficient, HHI, entity count — with intervals where the data is a sample, the direction over time with its test, and a verdict per claim.'),
    answer,
    rule,
    chart.el,
    h('h2', {}, 'Side by side, latest'),
    side,
    claims,
    h('h2', {}, 'Geography 2024–2025'),
    geo,
    h('p', { class: 'note' }, 'Same as ', h('code', {}, 'nakamoto report'), ' · Bitcoin pools in detail: ', h('a', { href: '/bitcoin', 'data-nav': true }, 'Bitcoin'), ' · method: docs/trends.md'),
  );
  return {
    specs: {},
    async update(_v, signal) {
      await guarded(claims, async () => {
        const c = await getJson<ContrastResult>('/api/contrast', {}, signal);
        replace(
          answer,
          ...c.claims.map((claim) => {
            const vs = c.verdicts.filter((v) => v.claim === claim);
            const n = (k: string) => vs.filter((v) => v.verdict === k).length;
            return h('li', {}, h('strong', {}, `“${claim}”`), ` — holds for ${n('holds')}, fails for ${n('fails')}, not settled for ${n('not settled')} of ${vs.length} ${vs[0]?.label.startsWith('Bitcoin') ? 'Bitcoin levels' : 'AI lenses'} (details below).`);
          }),
        );
        replace(rule, `Trend: ${c.trendMethod}. Rising HHI = centralising. ${c.latestRule}.`);
        replace(
          claims,
          ...c.claims.flatMap((claim) => {
            const vs = c.verdicts.filter((v) => v.claim === claim);
            const n = (k: string) => vs.filter((v) => v.verdict === k).length;
            return [h('h2', { 'data-claim': claim }, `“${claim}”: holds ${n('holds')}, fails ${n('fails')}, not settled ${n('not settled')}`), h('ol', { class: 'verdict-list' }, ...vs.map(verdictItem))];
          }),
        );
        chart.show(
          (w) => hhiChart(c.rows, w),
          { columns: ['series', 'window start', 'HHI'], rows: c.rows.flatMap((r) => r.points.map((p) => [label(r), day(p.start), int(Math.round(p.hhi))])), num: [2] },
          'one line per series; single dots are single snapshots',
        );
        replace(
          side,
          table(
            ['series', 'latest', 'largest', 'top-5', 'NC', 'HHI', 'entities', 'HHI trend'],
            c.rows.map((r) => {
              const l = r.latest;
              const iv = l?.intervals;
              return [
                label(r),
                r.unavailable ? `unavailable: ${r.unavailable}` : (l?.label ?? '–'),
                l?.largest ? `${l.largest.name} ${pct(l.largest.share)}${range(iv?.top1.lo, iv?.top1.hi, (x) => pct(x))}` : '–',
                l ? `${pct(l.top5)}${range(iv?.top5.lo, iv?.top5.hi, (x) => pct(x))}` : '–',
                !l || l.nakamotoCoefficient === null ? '–' : String(l.nakamotoCoefficient),
                !l || l.hhi === null ? '–' : `${int(Math.round(l.hhi))}${range(iv?.hhi.lo, iv?.hhi.hi, (x) => int(Math.round(x)))}`,
                !l || l.entities === null ? '–' : int(l.entities),
                trendText(r),
              ];
            }),
            { num: [3, 4, 5, 6] },
          ),
          h('ul', { class: 'note' }, ...c.rows.filter((r) => r.caveat).map((r) => h('li', {}, `${label(r)}: ${r.caveat}`))),
        );
        const g = c.geography;
        replace(
          geo,
          table(
            ['series', 'kind', 'as of', 'listed', 'top countries', 'NC', 'HHI'],
            [
              ...g.bitcoin.map((e) => [`Bitcoin · ${e.publisher}`, e.kind, e.asOf, `${e.metrics.listed} countries, ${pct(e.metrics.listedShare)}`, e.shares.slice(0, 3).map((s) => `${s.country} ${pct(s.share)}`).join(', '), e.metrics.nakamotoCoefficient.hi === null ? `≥ ${e.metrics.nakamotoCoefficient.lo}` : String(e.metrics.nakamotoCoefficient.lo), `${int(Math.round(e.metrics.hhi.lo!))}–${int(Math.round(e.metrics.hhi.hi!))}`]),
              ...g.ai.map((a) => ['AI · Epoch GPU clusters', 'capacity (H100e)', a.asOf, 'all clusters', a.top.slice(0, 3).map((s) => `${s.country} ${pct(s.share)}`).join(', '), String(a.nakamotoCoefficient ?? '–'), a.hhi === null ? '–' : int(Math.round(a.hhi))]),
            ],
          ),
          h('p', { class: 'note' }, g.note),
        );
      });
    },
  };
}
