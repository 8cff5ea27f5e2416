/**
 * @module The Cambridge CBECI mining map, read once for everything that uses it: share and absolute
 * hash rate by country, monthly (Sep 2019 – Jan 2022). `readCbeciMap` validates every row (ISO
 * date, known country, share `12.3%`, EH/s ≥ 0, no duplicate country in a month, each month's
 * shares summing to 100 % ± 0.5) and maps country names to the canonical spellings of
 * `domain/countries.ts` (docs/countries.md): "Mainland China" → China, "Russian Federation" →
 * Russia, "United States" → United States of America, "Iran, Islamic Rep." → Iran (Islamic
 * Republic of). CCAF's "*" marker (shares likely inflated by VPN/proxy use) is dropped from the
 * name and kept as `starred`; "Other" stays one aggregate entity. Two views of the one reading:
 * `cbeciSeries` (EH/s per country at each month start, a stock series: geography, energy, the
 * `bitcoin/hashrate-by-country` distribution) and `cbeciShares` (month → country → share of hash
 * rate: the simulator's region shares).
 */
import { regionName } from '../../domain/countries.js';
import { DecodeError } from '../../domain/errors.js';
import { toObservationSeries, type ObservationSeries } from '../../domain/observations.js';
import { readCsv, requireColumns, type CsvTable } from '../files/csv.js';
import { numberField } from '../files/fields.js';
import { parseIsoDay } from './daily-counts.js';

export const CBECI_FILE = 'bitcoin/cbeci-mining-map/cbeci_mining_countries_2019-09_2022-01.csv';

/** One row of the map. */
export interface CbeciRow {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The month's first day, UTC seconds. */
  readonly timeSec: number;
  /** Canonical country label, or "Other". */
  readonly country: string;
  /** CCAF marked the country with "*". */
  readonly starred: boolean;
  /** `monthly_hashrate_%` / 100. */
  readonly share01: number;
  /** `monthly_absolute_hashrate_EH/S`. */
  readonly ehs: number;
}

export interface CbeciMap {
  readonly input: string;
  readonly rows: readonly CbeciRow[];
  /** Months in file order, `YYYY-MM`. */
  readonly months: readonly string[];
  /** Canonical names of the countries CCAF marks with "*". */
  readonly starred: readonly string[];
}

export interface CbeciSeries {
  readonly series: ObservationSeries;
  readonly notes: string[];
}

/** Validate a parsed CBECI table (see the module comment). */
export function decodeCbeci(table: CsvTable): CbeciMap {
  const path = table.input;
  const col = requireColumns(table, ['date', 'country', 'monthly_hashrate_%', 'monthly_absolute_hashrate_EH/S']);
  const rows: CbeciRow[] = [];
  const starred = new Set<string>();
  const seen = new Set<string>();
  const shareByMonth = new Map<number, number>();
  const months: string[] = [];
  table.rows.forEach((row, i) => {
    const ctx = { input: path, line: table.lines[i] };
    const dateText = (row[col.date] ?? '').trim();
    const t = parseIsoDay(dateText);
    if (t === null) throw new DecodeError({ ...ctx, field: 'date' }, `invalid date: ${JSON.stringify(dateText)} (expected YYYY-MM-DD)`);
    const c = regionName(row[col.country] ?? '');
    if (!c) throw new DecodeError({ ...ctx, field: 'country' }, `unknown country: ${JSON.stringify(row[col.country])} (not in src/domain/countries.ts)`);
    if (c.starred) starred.add(c.name);
    const shareText = (row[col['monthly_hashrate_%']] ?? '').trim();
    if (!/^\d+(\.\d+)?%$/.test(shareText)) throw new DecodeError({ ...ctx, field: 'monthly_hashrate_%' }, `invalid share: ${JSON.stringify(shareText)} (expected e.g. 12.3%)`);
    const ehs = numberField(ctx, 'monthly_absolute_hashrate_EH/S', row[col['monthly_absolute_hashrate_EH/S']], { min: 0 });
    const key = `${t}|${c.name}`;
    if (seen.has(key)) throw new DecodeError({ ...ctx, field: 'country' }, `duplicate row for ${dateText} ${c.name}`);
    seen.add(key);
    const pct = Number(shareText.slice(0, -1));
    if (!shareByMonth.has(t)) months.push(dateText.slice(0, 7));
    shareByMonth.set(t, (shareByMonth.get(t) ?? 0) + pct);
    rows.push({ month: dateText.slice(0, 7), timeSec: t, country: c.name, starred: c.starred, share01: pct / 100, ehs });
  });
  for (const [t, sum] of shareByMonth) {
    if (Math.abs(sum - 100) > 0.5) throw new DecodeError({ input: path, field: 'monthly_hashrate_%' }, `shares of ${new Date(t * 1000).toISOString().slice(0, 7)} sum to ${sum.toFixed(2)}%, not 100%`);
  }
  return { input: path, rows, months, starred: [...starred] };
}

/** Read and validate the CBECI mining map file. */
export async function readCbeciMap(path: string): Promise<CbeciMap> {
  return decodeCbeci(await readCsv(path));
}

/** EH/s per country at each month start (a stock series), with notes on the data. */
export function cbeciSeries(map: CbeciMap): CbeciSeries {
  return {
    series: toObservationSeries(map.rows.map((r) => ({ timeSec: r.timeSec, entity: r.country, weight: r.ehs })), 'stock'),
    notes: [
      `${map.rows.length} rows, ${map.months.length} months; weights are monthly average EH/s attributed to each country`,
      `CCAF marks ${map.starred.join(', ') || 'no country'} with "*" (shares probably inflated by VPN/proxy use)`,
      '"Other" is all remaining countries as one entity',
    ],
  };
}

/** Month `YYYY-MM` → canonical country → share of hash rate (0–1), as CCAF printed it. */
export function cbeciShares(map: CbeciMap): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of map.rows) {
    let m = out.get(r.month);
    if (!m) out.set(r.month, (m = new Map()));
    m.set(r.country, r.share01);
  }
  return out;
}

/** The stock series of the file at `path` (`bitcoin/hashrate-by-country`, geography, energy by country). */
export async function readCbeci(path: string): Promise<CbeciSeries> {
  return cbeciSeries(await readCbeciMap(path));
}
