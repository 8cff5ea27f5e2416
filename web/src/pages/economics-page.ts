/**
 * @module Economics: what one TH/s earned per day over time (hash price in USD, hash value in
 * sats, each with the band of the network hash-rate interval), the fee share of miners' revenue,
 * and empty blocks per pool in one calendar year with exact binomial intervals — all from
 * `/api/economics` (the query behind `nakamoto economics`; docs/economics.md).
 */
import { getJson } from '../api.js';
import { bandChart, emptyBlocksChart, shareLineChart, type EmptyRow } from '../charts/economics-chart.js';
import { chartFrame } from '../charts/frame.js';
import { controlBar } from '../controls.js';
import { h, replace } from '../dom.js';
import { cliNumber, pct } from '../format.js';
import type { Page, PageContext } from '../router.js';
import { DAY, type ParamSpecs } from '../url-state.js';
import { guarded, heading, provenanceBlock } from './sections.js';

type Cell = string | number | null;
interface EconomicsAnswer {
  readonly title: string;
  readonly provenance: { readonly description: string; readonly from: string; readonly labels: string; readonly notes: readonly string[] };
  readonly price: string;
  readonly method: string;
  readonly windows: string;
  readonly rows: readonly Record<string, Cell>[];
}

const WINDOWS = [['1w', '1 week'], ['1m', '1 month'], ['1q', '1 quarter'], ['1y', '1 year']] as const;
const PRICES = [['blockchair', "Blockchair's daily price"], ['monthly', 'month-end table (FRED)']] as const;
const YEARS = ['2020', '2021', '2022', '2023', '2024'].map((y) => [y, y] as const);

export const ECONOMICS_SPECS: ParamSpecs = {
  window: { default: '1m', choices: WINDOWS.map((w) => w[0]) },
  price: { default: 'blockchair', choices: PRICES.map((p) => p[0]) },
  year: { default: '2024', choices: YEARS.map((y) => y[0]) },
  from: { pattern: DAY },
  to: { pattern: DAY },
};

const num = (x: Cell): number | null => (typeof x === 'number' ? x : null);

export function createEconomicsPage(ctx: PageContext): Page {
  const controls = controlBar('Economics', [
    { kind: 'select', name: 'window', label: 'Window', options: WINDOWS },
    { kind: 'select', name: 'price', label: 'BTC/USD', options: PRICES },
    { kind: 'date', name: 'from', label: 'From (UTC)' },
    { kind: 'date', name: 'to', label: 'To (UTC, exclusive)' },
    { kind: 'select', name: 'year', label: 'Empty blocks in', options: YEARS },
  ], (changes) => ctx.setParams(changes));
  const price = chartFrame('Hash price: USD per TH/s per day', 'hashprice-chart');
  const value = chartFrame('Hash value: sats per TH/s per day', 'hashvalue-chart');
  const fees = chartFrame("Fees as a share of miners' revenue", 'feeshare-chart');
  const empty = chartFrame('Empty blocks per pool', 'empty-blocks-chart');
  const provenance = h('div');
  ctx.root.append(
    ...heading('Economics', 'What one TH/s earned per day, how much of it came from fees, and which pools mined empty blocks — from 276,385 real blocks (2020 → 2025-03-08). Bands: 95% interval of the network hash rate, carried into the revenue per TH/s.'),
    controls.el,
    h('section', { class: 'grid' }, h('div', { class: 'card' }, price.el), h('div', { class: 'card' }, value.el)),
    h('section', { class: 'grid' }, h('div', { class: 'card' }, fees.el), h('div', { class: 'card' }, empty.el)),
    h('section', { class: 'card' }, provenance),
  );
  return {
    specs: ECONOMICS_SPECS,
    async update(v, signal) {
      controls.sync(v);
      const series = guarded({ message: (n) => [price, value, fees].forEach((f) => f.message(n.cloneNode(true))) }, async () => {
        const r = await getJson<EconomicsAnswer>('/api/economics', { window: v.window, price: v.price, from: v.from, to: v.to }, signal);
        const rows = r.rows;
        const band = (prefix: string, unit: string) => rows.map((x) => ({ start: String(x.window_start), value: num(x[`${prefix}_${unit}`]!), lo: num(x[`${prefix}_lo_${unit}`]!), hi: num(x[`${prefix}_hi_${unit}`]!) }));
        const table = (prefix: string, unit: string, digits: number) => ({
          columns: ['window start', 'value', '95% low', '95% high'],
          rows: band(prefix, unit).map((p) => [p.start, p.value === null ? '–' : cliNumber(p.value, digits), p.lo === null ? '–' : cliNumber(p.lo, digits), p.hi === null ? '–' : cliNumber(p.hi, digits)]),
          num: [1, 2, 3],
        });
        price.show((w) => bandChart(band('hash_price', 'usd'), 'USD / TH/s / day', w), table('hash_price', 'usd', 5), `${r.price}. ${r.windows}.`);
        value.show((w) => bandChart(band('hash_value', 'sats'), 'sats / TH/s / day', w), table('hash_value', 'sats', 4), 'Reward (claimed subsidy + fees) per day ÷ network TH/s; independent of the BTC price.');
        const shares = rows.map((x) => ({ start: String(x.window_start), share: num(x.fee_share!) }));
        fees.show((w) => shareLineChart(shares, 'fee share of revenue (%)', w), { columns: ['window start', 'fee share', 'fees BTC', 'reward BTC', 'empty blocks'], rows: rows.map((x) => [String(x.window_start), pct(num(x.fee_share!), 2), String(x.fees_btc), String(x.reward_btc), String(x.empty_blocks)]), num: [1, 2, 3, 4] }, 'Σ fees ÷ Σ (claimed subsidy + fees), in BTC: a count over all blocks, no sampling interval.');
        replace(provenance, h('p', {}, h('strong', {}, 'Method: '), r.method), provenanceBlock({ description: r.provenance.description, from: r.provenance.from, notes: r.provenance.notes }));
      });
      const pools = guarded(empty, async () => {
        const r = await getJson<EconomicsAnswer>('/api/economics', { window: '1y', at: `${v.year}-12-31`, byPool: true }, signal);
        const rows: EmptyRow[] = r.rows
          .filter((x) => (num(x.empty_blocks!) ?? 0) > 0)
          .map((x) => ({ pool: String(x.pool), empty: num(x.empty_blocks!)!, blocks: num(x.blocks!)!, share: num(x.empty_share!)!, lo: num(x.empty_lo!)!, hi: num(x.empty_hi!)! }))
          .sort((a, b) => b.empty - a.empty);
        const none = r.rows.filter((x) => num(x.empty_blocks!) === 0 && (num(x.blocks!) ?? 0) >= 500).map((x) => `${String(x.pool)} (0 of ${String(x.blocks)})`);
        empty.show(
          (w) => emptyBlocksChart(rows, w),
          { columns: ['pool', 'empty', 'blocks', 'share', '95% low', '95% high', 'median s since previous block (empty / other)'], rows: r.rows.filter((x) => (num(x.empty_blocks!) ?? 0) > 0).map((x) => [String(x.pool), String(x.empty_blocks), String(x.blocks), pct(num(x.empty_share!), 2), pct(num(x.empty_lo!), 2), pct(num(x.empty_hi!), 2), `${String(x.empty_since_prev_median_s)} / ${String(x.other_since_prev_median_s)}`]), num: [1, 2, 3, 4, 5] },
          `${v.year}: blocks with only the coinbase. Interval: exact Clopper–Pearson. ${none.length ? `No empty block: ${none.join(', ')}.` : ''} Labels: ${r.provenance.labels}.`,
        );
      });
      await Promise.all([series, pools]);
    },
  };
}
