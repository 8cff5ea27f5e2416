/**
 * @module `nakamoto energy bitcoin|ai`: Bitcoin network power by the CBECI method (lower / best
 * guess / upper, every assumption printed and overridable; `--by country` for power by country
 * and the 2021 China ban), and AI compute power capacity by owner or country (Epoch GPU clusters).
 * Method and weaknesses: docs/energy.md.
 */
import type { Command } from 'commander';
import { queryAiEnergy, queryBitcoinEnergy, queryBitcoinPowerByCountry, type EnergyResult } from '../../../pipeline/queries/energy-query.js';
import { UsageError } from '../../../domain/errors.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import type { CliIo } from '../io.js';
import type { Row } from '../../../pipeline/queries/context.js';
import { parseFormat, renderRows, type OutputFormat } from '../output.js';
import { addWindowOptions, type WindowOptions } from '../window-options.js';

interface BitcoinOptions extends WindowOptions {
  by: string;
  electricityPrice?: string;
  pue?: string;
  hardware: string[];
  hashpriceUsdThDay?: string;
  btcUsd?: string;
  btcUsdTable?: string;
  feesBtcPerBlock?: string;
  feesFrom?: string;
  maxAgeYears?: string;
  smoothDays?: string;
  whenUnprofitable?: string;
  confidence?: string;
  format: string;
}

interface AiOptions extends WindowOptions {
  by: string;
  level?: string;
  wattsPerH100e?: string;
  format: string;
}

const TABLE_HEADERS: Record<string, string> = {
  window_start: 'start', hashrate_ehs: 'EH/s', hashrate_lo_ehs: 'lo', hashrate_hi_ehs: 'hi', hashprice_usd_th_day: '$/TH/day', threshold_j_th: 'PT J/TH', profitable_models: 'models',
  eff_lower_j_th: 'J/TH lo', eff_best_j_th: 'best', eff_upper_j_th: 'hi', power_lower_gw: 'GW lo', power_best_gw: 'best', power_upper_gw: 'hi',
  energy_lower_twh_yr: 'TWh/yr lo', energy_best_twh_yr: 'best', energy_upper_twh_yr: 'hi',
};
const BITCOIN_TABLE_COLUMNS = ['window_start', 'blocks', 'hashrate_ehs', 'hashrate_lo_ehs', 'hashrate_hi_ehs', 'hashprice_usd_th_day', 'threshold_j_th', 'profitable_models', 'eff_lower_j_th', 'eff_best_j_th', 'eff_upper_j_th', 'power_lower_gw', 'power_best_gw', 'power_upper_gw', 'energy_lower_twh_yr', 'energy_best_twh_yr', 'energy_upper_twh_yr'];

function headerLines(r: EnergyResult): string {
  return [
    `# ${r.title}`,
    ...r.assumptions.map((a) => `# assumption: ${a.name} = ${a.value}${a.source ? ` (${a.source})` : ''}`),
    ...r.notes.map((n) => `# note: ${n}`),
    `# ${r.windows}`,
  ].join('\n') + '\n';
}

function print(io: CliIo, format: OutputFormat, r: EnergyResult, tableColumns: readonly string[] = r.columns, extra: Record<string, unknown> = {}): void {
  if (format === 'json') {
    io.stdout(JSON.stringify({ title: r.title, assumptions: r.assumptions, notes: r.notes, windows: r.windows, rows: r.rows, ...extra }, null, 2) + '\n');
    return;
  }
  (format === 'table' ? io.stdout : io.stderr)(headerLines(r));
  io.stdout(format === 'table' ? renderRows(r.rows, tableColumns, 'table', TABLE_HEADERS) : renderRows(r.rows, r.columns, 'csv'));
}

/** Months × countries (GW) for the table view of power by country. */
function pivot(rows: readonly Row[]): { rows: Row[]; columns: string[] } {
  const countries: string[] = [];
  const byMonth = new Map<string, Row>();
  for (const r of rows) {
    const c = String(r.country);
    if (!countries.includes(c)) countries.push(c);
    const m = byMonth.get(String(r.month)) ?? { month: String(r.month), total: 0 };
    m[c] = r.power_gw ?? null;
    m.total = Number((Number(m.total) + Number(r.power_gw)).toFixed(3));
    byMonth.set(String(r.month), m);
  }
  return { rows: [...byMonth.values()], columns: ['month', 'total', ...countries] };
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command, io: CliIo): void {
  const energy = program.command('energy').description('Power and energy: Bitcoin network by the CBECI method (lower / best guess / upper), by country, and AI compute power capacity (docs/energy.md).');

  const btc = energy
    .command('bitcoin')
    .description('Bitcoin network power (GW) and annualised energy (TWh/yr) per window: hash rate (difficulty × 2³² / time, Poisson interval) × efficiency of the hardware that is available / profitable, × PUE. --by country: CBECI country shares × power, and the 2021 China ban.')
    .option('--by <what>', 'network, or country (months 2020-01 → 2022-01, CBECI mining map)', 'network')
    .option('--electricity-price <usd>', 'USD per kWh paid by miners (CBECI: 0.05)')
    .option('--pue <x>', 'power usage effectiveness: one value, or lower,best,upper (CBECI: 1.01,1.10,1.20)')
    .option('--hardware <file>', 'hardware list replacing the default (repeatable): our CSV layout, CBECI miners.csv or CBECI JSON', collect, [])
    .option('--hashprice-usd-th-day <usd>', 'fixed hash price (USD per TH/s per day) instead of (subsidy + fees) × BTC/USD / hash rate')
    .option('--btc-usd <usd>', 'fixed BTC price instead of the monthly table')
    .option('--btc-usd-table <file>', 'monthly BTC/USD table (month,btc_usd,source) replacing data/hardware/btc-usd-monthly.csv')
    .option('--fees-from <data|none>', 'data: real fees per block where the per-block data has them (Blockchair dumps 2020 → 2025-03-08; default); none: --fees-btc-per-block for every block')
    .option('--fees-btc-per-block <btc>', 'transaction fees per block for blocks without fee data (all blocks with --fees-from none; default 0)')
    .option('--max-age-years <n>', 'retire hardware n years after release, 0 = never (CBECI: 5)')
    .option('--smooth-days <n>', 'trailing mean of the profitability threshold over n days (CBECI: 14; 1 = none)')
    .option('--when-unprofitable <rule>', 'no model profitable on a day: most-efficient (default) or last-profitable (CBECI assumption 2)')
    .option('--confidence <level>', 'confidence of the hash-rate interval that widens the bounds', '0.95')
    .option('--format <format>', 'table, csv or json', 'table');
  addWindowOptions(btc, '1m').action(async (opts: BitcoinOptions) => {
    const format = parseFormat(opts.format);
    const ctx = { store: null, datasetsRoot: datasetsRoot(io.env) };
    const request = { ...opts, hardware: opts.hardware };
    if (opts.by === 'network') return print(io, format, await queryBitcoinEnergy(request, ctx), BITCOIN_TABLE_COLUMNS);
    if (opts.by !== 'country') throw new UsageError(`invalid --by: ${opts.by} (expected network or country)`);
    const r = await queryBitcoinPowerByCountry(request, ctx);
    if (format !== 'table') return print(io, format, r, r.columns, { chinaBan: r.chinaBan, verdict: r.verdict });
    const p = pivot(r.rows);
    print(io, format, { ...r, rows: p.rows }, p.columns);
    io.stdout('\nThe 2021 China mining ban in power (best guess, GW):\n');
    io.stdout(renderRows(r.chinaBan, ['snapshot', 'total_gw', 'china_gw', 'china_share', 'hhi', 'nakamoto_coefficient', 'top'], 'table'));
    io.stdout(`\n${r.verdict}\n`);
  });

  const ai = energy
    .command('ai')
    .description('AI compute power capacity (MW) operating at the latest quarter end in each window, by owner or country (Epoch GPU clusters; clusters without power estimated from H100e).')
    .option('--by <what>', 'owner or country', 'owner')
    .option('--level <level>', 'with --by owner: organisation or parent')
    .option('--watts-per-h100e <w>', 'fixed W per H100e for clusters without power (default: median of clusters with both values, by start year)')
    .option('--format <format>', 'table, csv or json', 'table');
  addWindowOptions(ai, '1y').action(async (opts: AiOptions) => {
    const format = parseFormat(opts.format);
    print(io, format, await queryAiEnergy(opts, { store: null, datasetsRoot: datasetsRoot(io.env) }));
  });
}
