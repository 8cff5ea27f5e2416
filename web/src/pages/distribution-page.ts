/**
 * @module The Bitcoin and AI views of one distribution: share of the top entities over time
 * (stacked area, the rest as Other), Nakamoto coefficient / HHI / top-5 share per window with 95 %
 * intervals where the data is a block sample, the current ranking (links to each entity's page)
 * and provenance. Window, date range, level and top-N live in the URL.
 */
import { getJson } from '../api.js';
import type { DistributionInfo, MetricsResult, PoolsResult, SharesResult } from '../api-types.js';
import { chartFrame, type ChartFrame } from '../charts/frame.js';
import { metricChart, metricTable } from '../charts/metric-chart.js';
import { rankingChart, type Ranked } from '../charts/bar-charts.js';
import { shareChart, shareTable } from '../charts/share-chart.js';
import { controlBar, setOptions, type Field } from '../controls.js';
import { h, replace, table } from '../dom.js';
import { int, pct } from '../format.js';
import type { Page, PageContext } from '../router.js';
import { DAY, drawsFor, previousDay, type ParamSpecs, type ParamValues } from '../url-state.js';
import { entityHref, guarded, heading, provenanceBlock } from './sections.js';

export const METRICS = [
  ['nakamoto-coefficient', 'Nakamoto coefficient (fewest entities with ≥ 50%)', 'entities'],
  ['hhi', 'HHI (0–10,000)', 'HHI'],
  ['concentration-ratio=5', 'Top-5 share', 'top-5 share'],
] as const;

const TOP = [['5', '5'], ['8', '8'], ['10', '10'], ['15', '15']] as const;

export interface DistributionView {
  readonly kind: 'bitcoin' | 'ai';
  readonly specs: ParamSpecs;
  readonly windows: readonly (readonly [string, string])[];
}

const BTC_WINDOWS = [['1w', '1 week'], ['30d', '30 days'], ['1m', '1 month'], ['1q', '1 quarter'], ['1y', '1 year']] as const;
const AI_WINDOWS = [['1m', '1 month'], ['1q', '1 quarter'], ['1y', '1 year']] as const;

export const BITCOIN_VIEW: DistributionView = {
  kind: 'bitcoin',
  windows: BTC_WINDOWS,
  specs: {
    window: { default: '1m', choices: BTC_WINDOWS.map((w) => w[0]) },
    level: { default: 'pool', choices: ['pool', 'entity', 'template'] },
    from: { pattern: DAY },
    to: { pattern: DAY },
    top: { default: '8', choices: TOP.map((t) => t[0]) },
  },
};

export const AI_VIEW: DistributionView = {
  kind: 'ai',
  windows: AI_WINDOWS,
  specs: {
    d: { default: 'ai/compute-owners', pattern: /^(ai|bittensor|hf)\/[a-z0-9-]+$/ },
    window: { default: '1y', choices: AI_WINDOWS.map((w) => w[0]) },
    level: { pattern: /^[a-z]+$/ },
    from: { pattern: DAY },
    to: { pattern: DAY },
    top: { default: '8', choices: TOP.map((t) => t[0]) },
  },
};

/** A long title cut to fit a select on a phone. */
function short(title: string, max = 60): string {
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}

/** Span (days) the windows can cover: the from/to range, else a generous 16 years. */
function spanDays(v: ParamValues): number {
  const from = v.from ? Date.parse(v.from) : Date.UTC(2010, 0, 1);
  const to = v.to ? Date.parse(v.to) : Date.UTC(2026, 0, 1);
  return Math.max(1, Math.ceil((to - from) / 86_400_000));
}

export function createDistributionPage(view: DistributionView, ctx: PageContext): Page {
  const isBtc = view.kind === 'bitcoin';
  const fields: Field[] = [
    ...(isBtc ? [] : [{ kind: 'select', name: 'd', label: 'Distribution', options: [[AI_VIEW.specs.d!.default!, AI_VIEW.specs.d!.default!]] } as Field]),
    { kind: 'select', name: 'window', label: 'Window', options: view.windows },
    { kind: 'select', name: 'level', label: 'Level', options: isBtc ? [['pool', 'pool'], ['entity', 'owner (entity)'], ['template', 'template family']] : [['', 'default']] },
    { kind: 'date', name: 'from', label: 'From (UTC)' },
    { kind: 'date', name: 'to', label: 'To (UTC, exclusive)' },
    { kind: 'select', name: 'top', label: 'Named entities', options: TOP },
  ];
  const controls = controlBar('View', fields, (changes) => ctx.setParams(changes.d !== undefined ? { ...changes, level: undefined } : changes));
  const title = h('div');
  const shares = chartFrame('Share over time', 'share-chart');
  const metricFrames: ChartFrame[] = METRICS.map(([id, label]) => chartFrame(label, `metric-${id.replace('=', '-')}`));
  const ranking = chartFrame('Current ranking', 'ranking-chart');
  const rankingTable = h('div', { id: 'ranking-table' });
  const provenance = h('div');
  ctx.root.append(
    title,
    controls.el,
    h('section', { class: 'card', 'aria-labelledby': 'share-chart' }, shares.el),
    h('h2', {}, 'Concentration per window'),
    h('section', { class: 'grid' }, ...metricFrames.map((f) => h('div', { class: 'card' }, f.el))),
    h('h2', {}, 'Ranking'),
    h('section', { class: 'grid' }, h('div', { class: 'card' }, ranking.el), h('div', { class: 'card' }, rankingTable)),
    h('h2', {}, 'Provenance'),
    provenance,
  );
  let distributions: DistributionInfo[] | null = null;

  return {
    specs: view.specs,
    async update(v, signal) {
      const id = isBtc ? 'bitcoin/pools' : v.d!;
      if (!distributions) distributions = (await getJson<{ distributions: DistributionInfo[] }>('/api/distributions', {}, signal)).distributions;
      const info = distributions.find((d) => d.id === id);
      if (!isBtc) {
        const select = controls.el.querySelector<HTMLSelectElement>('select[name=d]')!;
        setOptions(select, distributions.filter((d) => !d.id.startsWith('bitcoin/')).map((d) => [d.id, `${d.id} — ${short(d.title)}`]));
        setOptions(controls.el.querySelector<HTMLSelectElement>('select[name=level]')!, (info?.levels ?? []).map((l, i) => [i === 0 ? '' : l, i === 0 ? `${l} (default)` : l]));
      }
      controls.sync({ ...v, level: isBtc ? v.level : (v.level ?? '') });
      replace(title, ...heading(isBtc ? 'Bitcoin mining pools' : id, info ? `${info.title}: ${info.unit} per ${info.entity}. Coverage ${info.coverage}.` : undefined), ...(info?.caveats ?? []).map((c) => h('p', { class: 'note' }, c)));
      if (!info) {
        replace(provenance, h('p', { class: 'error', role: 'alert' }, `unknown distribution: ${id}`));
        return;
      }
      const level = v.level && info.levels.includes(v.level) ? v.level : undefined;
      const common = { window: v.window, from: v.from, to: v.to, level };
      const sampled = info.unit === 'blocks';
      const loadShares = guarded(shares, async () => {
        const r = await getJson<SharesResult>(`/api/shares/${id}`, { ...common, top: v.top }, signal);
        if (r.windows.length === 0) return shares.message('No data in this range.');
        if (r.windows.length === 1) {
          // One snapshot: a ranking at that time, not a time axis with one point.
          const only = r.windows[0]!;
          const rows: Ranked[] = Object.entries(only.shares).filter(([, x]) => x > 0).map(([name, share]) => ({ name, share })).sort((a, b) => b.share - a.share);
          shares.show((w) => rankingChart(rows, w), { columns: [info.entity, 'share'], rows: rows.map((x) => [x.name, pct(x.share)]), num: [1] }, `One snapshot in this range (window ${only.start} → ${only.end}, end exclusive): shares at that time, ${r.entities.length - (r.entities.includes('Other') ? 1 : 0)} largest and Other. Ingest more snapshots (nakamoto fetch …) for a series.`);
          replace(provenance, provenanceBlock(r.provenance));
          return;
        }
        shares.show((w) => shareChart(r, w), shareTable(r), `${r.entities.length - (r.entities.includes('Other') ? 1 : 0)} largest ${info.entity} entities over the range and Other; ${r.window} windows from ${r.windows[0]!.start} to ${r.windows.at(-1)!.end} (end exclusive).`);
        replace(provenance, provenanceBlock(r.provenance));
      });
      const loadMetrics = guarded({ message: (n) => metricFrames.forEach((f) => f.message(n.cloneNode(true))) }, async () => {
        const ci = sampled ? { ci: true, draws: drawsFor(v.window!, spanDays(v)) } : {};
        const r = await getJson<MetricsResult>(`/api/metrics/${id}`, { ...common, metrics: METRICS.map((m) => m[0]).join(','), ...ci }, signal);
        const note = sampled ? `Band: 95% posterior interval (blocks are a sample of hash rate). ${r.windows}` : `${r.windows}. Not a sample: no interval.`;
        if (r.rows.length === 1) {
          // One snapshot: the values themselves, no chart of a single dot.
          const row = r.rows[0]!;
          const at = typeof row.snapshot === 'string' ? `snapshot ${row.snapshot}` : `window ${String(row.window_start)} → ${String(row.window_end)}`;
          METRICS.forEach(([m, label], i) => {
            const v = row[m];
            const text = typeof v === 'number' ? (m.startsWith('concentration-ratio') ? pct(v) : Number.isInteger(v) ? int(v) : v.toFixed(1)) : '—';
            metricFrames[i]!.show(() => h('p', { class: 'single-value', 'aria-label': `${label}: ${text}` }, h('strong', {}, text), ` at ${at}`), metricTable(r, m), `${note} One snapshot: a value, not a trend.`);
          });
          return;
        }
        METRICS.forEach(([m, , axis], i) => metricFrames[i]!.show((w) => metricChart(r, m, axis, w), metricTable(r, m), note));
      });
      const loadRanking = guarded(ranking, async () => {
        if (isBtc) {
          const r = await getJson<PoolsResult>('/api/pools', { window: '30d', at: v.to ? previousDay(v.to) : undefined, level }, signal);
          const rows: Ranked[] = r.pools.slice(0, 15).map((p) => ({ name: p.pool, share: p.share }));
          ranking.show((w) => rankingChart(rows, w), { columns: ['pool', 'share'], rows: rows.map((x) => [x.name, pct(x.share)]), num: [1] }, `${r.summary}. Largest 15 shown.`);
          replace(
            rankingTable,
            table(
              ['rank', level === 'entity' ? 'owner' : level === 'template' ? 'template family' : 'pool', 'blocks', 'share'],
              r.pools.map((p) => [p.rank, h('a', { href: entityHref('bitcoin/pools', p.pool, level) }, p.pool), int(p.blocks), pct(p.share)]),
              { num: [0, 2, 3], caption: `30 days ${r.window.start} → ${previousDay(r.window.end)}` },
            ),
          );
          return;
        }
        const r = await getJson<SharesResult>(`/api/shares/${id}`, { ...common, top: 30 }, signal);
        const last = r.windows.at(-1);
        if (!last) return ranking.message('No data in this range.');
        // "Other" is the rest, not a rival: it is never ranked, and comes last (issue 14: it used to rank first for Bittensor emission).
        const rows: Ranked[] = Object.entries(last.shares)
          .filter(([, s]) => s > 0)
          .map(([name, share]) => ({ name, share }))
          .sort((a, b) => Number(a.name === 'Other') - Number(b.name === 'Other') || b.share - a.share);
        ranking.show((w) => rankingChart(rows.slice(0, 15), w), { columns: ['entity', 'share'], rows: rows.map((x) => [x.name, pct(x.share)]), num: [1] }, `Window ${last.start} → ${last.end} (end exclusive); the 30 largest entities over the range, the rest as Other.`);
        replace(rankingTable, table(['rank', info.entity, 'share'], rows.map((x, i) => [x.name === 'Other' ? '–' : i + 1, x.name === 'Other' ? 'Other' : h('a', { href: entityHref(id, x.name, level) }, x.name), pct(x.share)]), { num: [0, 2] }));
      });
      await Promise.all([loadShares, loadMetrics, loadRanking]);
    },
  };
}
