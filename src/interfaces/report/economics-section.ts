/**
 * @module The report's mining-economics section: per calendar year, what one TH/s earned per day
 * (hash value in sats, hash price in USD, with the hash-rate interval), the fee share of revenue
 * and empty blocks; then empty blocks per pool in the last complete year with exact binomial
 * intervals. Numbers from the economics query (docs/economics.md).
 */
import type { EconomicsResult } from '../../pipeline/queries/economics-query.js';
import { pct, table } from './html-table.js';
import { escapeXml as esc } from './svg-document.js';

export interface EconomicsPart {
  readonly years: EconomicsResult;
  readonly pools: EconomicsResult;
  readonly poolYear: string;
}

type Cell = string | number | boolean | null | undefined;
const n = (x: Cell): number | null => (typeof x === 'number' ? x : null);
const band = (v: Cell, lo: Cell, hi: Cell, digits: number) => {
  const f = (x: Cell) => (n(x) === null ? '–' : n(x)!.toFixed(digits));
  return `${f(v)} <span class="ci">[${f(lo)}–${f(hi)}]</span>`;
};

export function economicsSection(e: EconomicsPart): string {
  const years = e.years.rows.map((r) => [
    esc(String(r.window_start).slice(0, 4)),
    String(r.blocks),
    band(r.hash_value_sats, r.hash_value_lo_sats, r.hash_value_hi_sats, 2),
    band(r.hash_price_usd, r.hash_price_lo_usd, r.hash_price_hi_usd, 4),
    pct(n(r.fee_share), 2),
    String(r.empty_blocks),
  ]);
  const withEmpty = e.pools.rows.filter((r) => (n(r.empty_blocks) ?? 0) > 0);
  const pools = withEmpty.map((r) => [
    esc(String(r.pool)),
    String(r.empty_blocks),
    String(r.blocks),
    `${pct(n(r.empty_share), 2)} <span class="ci">[${pct(n(r.empty_lo), 2)}–${pct(n(r.empty_hi), 2)}]</span>`,
    `${String(r.empty_since_prev_median_s ?? '–')} / ${String(r.other_since_prev_median_s ?? '–')}`,
  ]);
  const none = e.pools.rows.filter((r) => n(r.empty_blocks) === 0 && (n(r.blocks) ?? 0) >= 500).map((r) => `${String(r.pool)} (0 of ${String(r.blocks)})`);
  return [
    `<p>What one TH/s earned per day — hash value in sats and hash price in USD (reward = claimed subsidy + fees, per day, ÷ network TH/s) — with the 95% interval of the network hash rate carried through; the fee share of miners' revenue; empty blocks (coinbase only). ${esc(e.years.price)}.</p>`,
    table(['year', 'blocks', 'sats per TH/s per day', 'USD per TH/s per day', 'fee share', 'empty blocks'], years, [false, true, true, true, true, true]),
    `<h3>Empty blocks per pool, ${esc(e.poolYear)}</h3>`,
    table(['pool', 'empty', 'blocks', 'share [95% Clopper–Pearson]', 'median s since previous block: empty / other'], pools, [false, true, true, true, true]),
    none.length ? `<p class="note">No empty block: ${esc(none.join(', '))}.</p>` : '',
    `<p class="note">Data: ${esc(e.years.provenance.description)} (${esc(e.years.provenance.from)}). ${esc(e.years.provenance.notes.join('; '))}. Pool labels: ${esc(e.pools.provenance.labels)}. Definitions: docs/economics.md.</p>`,
  ].join('\n');
}
