/**
 * @module Compare: any two or more distributions on one calendar time axis for one metric (with
 * 95 % bands where the data is a block sample), and geography — country concentration of Bitcoin
 * hash rate (CBECI) against AI GPU clusters per year, and the 2021 China ban before / after.
 */
import { getJson } from '../api.js';
import type { CompareResult, DistributionInfo, GeographyResult } from '../api-types.js';
import { chinaBanChart, countryHhiChart } from '../charts/bar-charts.js';
import { compareChart, compareTable } from '../charts/compare-chart.js';
import { chartFrame } from '../charts/frame.js';
import { controlBar } from '../controls.js';
import { append, h, replace } from '../dom.js';
import { metricText, pct } from '../format.js';
import type { Page, PageContext } from '../router.js';
import { DAY, type ParamSpecs } from '../url-state.js';
import { guarded, heading } from './sections.js';

const METRIC_CHOICES = [
  ['hhi', 'HHI'],
  ['nakamoto-coefficient', 'Nakamoto coefficient'],
  ['concentration-ratio=5', 'Top-5 share'],
  ['max-share', 'Largest share'],
  ['gini', 'Gini'],
] as const;
const WINDOWS = [['1m', '1 month'], ['1q', '1 quarter'], ['1y', '1 year']] as const;

export const COMPARE_SPECS: ParamSpecs = {
  d: { default: 'bitcoin/pools,ai/compute-owners', pattern: /^[a-z]+\/[a-z0-9-]+(,[a-z]+\/[a-z0-9-]+)*$/ },
  metric: { default: 'hhi', choices: METRIC_CHOICES.map((m) => m[0]) },
  window: { default: '1y', choices: WINDOWS.map((w) => w[0]) },
  from: { pattern: DAY },
  to: { pattern: DAY },
};

export function createComparePage(ctx: PageContext): Page {
  const controls = controlBar('Compare', [
    { kind: 'select', name: 'metric', label: 'Metric', options: METRIC_CHOICES },
    { kind: 'select', name: 'window', label: 'Window', options: WINDOWS },
    { kind: 'date', name: 'from', label: 'From (UTC)' },
    { kind: 'date', name: 'to', label: 'To (UTC, exclusive)' },
  ], (changes) => ctx.setParams(changes));
  const picker = h('fieldset', { class: 'controls' }, h('legend', { class: 'note' }, 'Distributions (two or more)'));
  const checks = h('div', { class: 'checks' });
  picker.append(checks);
  const chart = chartFrame('Concentration over time', 'compare-chart');
  const meanings = h('div', { class: 'note' });
  const ban = chartFrame('China mining ban, 2021: country concentration of Bitcoin hash rate', 'china-ban-chart');
  const yearly = chartFrame('Country concentration per year: Bitcoin hash rate vs AI GPU clusters', 'country-hhi-chart');
  const verdict = h('div');
  ctx.root.append(
    ...heading('Compare', 'Distributions side by side on one time axis. Entities mean different things in each (pools, labs, countries): read the notes under the chart.'),
    picker,
    controls.el,
    h('section', { class: 'card' }, chart.el, meanings),
    h('h2', {}, 'Geography'),
    h('section', { class: 'grid' }, h('div', { class: 'card' }, ban.el, verdict), h('div', { class: 'card' }, yearly.el)),
  );
  let distributions: DistributionInfo[] | null = null;
  let geography: Promise<void> | null = null;

  return {
    specs: COMPARE_SPECS,
    async update(v, signal) {
      controls.sync(v);
      const chosen = (v.d ?? '').split(',').filter(Boolean);
      if (!distributions) distributions = (await getJson<{ distributions: DistributionInfo[] }>('/api/distributions', {}, signal)).distributions;
      if (!checks.firstChild) {
        // Built once, then only synced: a toggled box keeps the keyboard focus.
        append(
          checks,
          ...distributions.map((d) => {
            const box = h('input', { type: 'checkbox', name: 'd', value: d.id });
            box.addEventListener('change', () => {
              const boxes = [...checks.querySelectorAll<HTMLInputElement>('input[name=d]')];
              ctx.setParams({ d: boxes.filter((b) => b.checked).map((b) => b.value).join(',') });
            });
            return h('label', {}, box, d.id);
          }),
        );
      }
      for (const b of checks.querySelectorAll<HTMLInputElement>('input[name=d]')) b.checked = chosen.includes(b.value);
      const metric = v.metric!;
      const loadCompare = guarded(chart, async () => {
        if (chosen.length < 2) {
          replace(meanings);
          return chart.message('Pick at least two distributions.');
        }
        const r = await getJson<CompareResult>('/api/compare', { distributions: chosen.join(','), metric, window: v.window, from: v.from, to: v.to }, signal);
        chart.show((w) => compareChart(r, metric, w), compareTable(r, metric), `${r.window} windows (calendar-aligned, UTC). Bands: 95% posterior interval for block-sampled data.`);
        replace(meanings, h('ul', {}, ...r.entities.map((e) => h('li', {}, h('strong', {}, e.distribution), `: ${e.entity}, ${e.unit}, ${e.aggregation}. ${e.caveat}`))));
      });
      geography ??= guarded({ message: (n) => [ban, yearly].forEach((f) => f.message(n.cloneNode(true))) }, async () => {
        const g = await getJson<GeographyResult>('/api/geography', {}, signal);
        ban.show((w) => chinaBanChart(g.chinaBan, w), { columns: ['snapshot', 'month', 'total EH/s', "China's share", 'largest share', 'HHI', 'NC'], rows: g.chinaBan.map((s) => [s.label, s.month, s.totalEhs.toFixed(1), pct(s.chinaShare), pct(s.maxShare), metricText('hhi', s.hhi), s.nakamotoCoefficient ?? '–']), num: [2, 3, 4, 5, 6] }, g.caveats);
        replace(verdict, h('p', { 'data-verdict': true }, h('strong', {}, 'Verdict: '), g.verdict));
        yearly.show((w) => countryHhiChart(g.yearly, w), { columns: ['distribution', 'year', 'metric', 'value'], rows: g.yearly.map((c) => [c.distribution, c.windowStart.slice(0, 4), c.metric, metricText(c.metric, c.value)]), num: [3] }, 'HHI of country shares (0–10,000) per calendar year.');
      }).catch((err: unknown) => {
        geography = null;
        throw err;
      });
      await Promise.all([loadCompare, geography]);
    },
  };
}
