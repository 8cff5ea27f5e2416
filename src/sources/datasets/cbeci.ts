/**
 * @module The Cambridge CBECI mining map: share and absolute hash rate by country, monthly
 * (Sep 2019 – Jan 2022), as a stock series of EH/s per country at each month start. Country names
 * are mapped to the canonical spellings used for Epoch AI data so the two can be compared;
 * CCAF's "*" marker (shares likely inflated by VPN/proxy use) is dropped from the name and kept in
 * the notes; "Other" stays one aggregate entity.
 */
import { canonicalCountry } from '../../decode/epoch-ai/countries.js';
import { DecodeError } from '../../domain/errors.js';
import { toObservationSeries, type ObservationSeries } from '../../domain/observations.js';
import { readCsv, requireColumns } from '../files/csv.js';
import { numberField } from '../files/fields.js';
import { parseIsoDay } from './daily-counts.js';

export const CBECI_FILE = 'bitcoin/cbeci-mining-map/cbeci_mining_countries_2019-09_2022-01.csv';

const CBECI_NAMES: Readonly<Record<string, string>> = {
  'Mainland China': 'China',
  'Iran, Islamic Rep.': 'Iran (Islamic Republic of)',
  Other: 'Other',
};

export interface CbeciSeries {
  readonly series: ObservationSeries;
  readonly notes: string[];
}

export function cbeciCountry(raw: string): { name: string; starred: boolean } | null {
  const starred = raw.trim().endsWith('*');
  const base = raw.replace(/\s*\*\s*$/, '').trim();
  const name = CBECI_NAMES[base] ?? canonicalCountry(base);
  return name === undefined ? null : { name, starred };
}

export async function readCbeci(path: string): Promise<CbeciSeries> {
  const table = await readCsv(path);
  const col = requireColumns(table, ['date', 'country', 'monthly_hashrate_%', 'monthly_absolute_hashrate_EH/S']);
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  const starred = new Set<string>();
  const seen = new Set<string>();
  const shareByMonth = new Map<number, number>();
  table.rows.forEach((row, i) => {
    const ctx = { input: path, line: table.lines[i] };
    const dateText = (row[col.date] ?? '').trim();
    const t = parseIsoDay(dateText);
    if (t === null) throw new DecodeError({ ...ctx, field: 'date' }, `invalid date: ${JSON.stringify(dateText)} (expected YYYY-MM-DD)`);
    const c = cbeciCountry(row[col.country] ?? '');
    if (!c) throw new DecodeError({ ...ctx, field: 'country' }, `unknown country: ${JSON.stringify(row[col.country])}`);
    if (c.starred) starred.add(c.name);
    const shareText = (row[col['monthly_hashrate_%']] ?? '').trim();
    if (!/^\d+(\.\d+)?%$/.test(shareText)) throw new DecodeError({ ...ctx, field: 'monthly_hashrate_%' }, `invalid share: ${JSON.stringify(shareText)} (expected e.g. 12.3%)`);
    const ehs = numberField(ctx, 'monthly_absolute_hashrate_EH/S', row[col['monthly_absolute_hashrate_EH/S']], { min: 0 });
    const key = `${t}|${c.name}`;
    if (seen.has(key)) throw new DecodeError({ ...ctx, field: 'country' }, `duplicate row for ${dateText} ${c.name}`);
    seen.add(key);
    shareByMonth.set(t, (shareByMonth.get(t) ?? 0) + Number(shareText.slice(0, -1)));
    records.push({ timeSec: t, entity: c.name, weight: ehs });
  });
  for (const [t, sum] of shareByMonth) {
    if (Math.abs(sum - 100) > 0.5) throw new DecodeError({ input: path, field: 'monthly_hashrate_%' }, `shares of ${new Date(t * 1000).toISOString().slice(0, 7)} sum to ${sum.toFixed(2)}%, not 100%`);
  }
  return {
    series: toObservationSeries(records, 'stock'),
    notes: [
      `${records.length} rows, ${shareByMonth.size} months; weights are monthly average EH/s attributed to each country`,
      `CCAF marks ${[...starred].join(', ') || 'no country'} with "*" (shares probably inflated by VPN/proxy use)`,
      '"Other" is all remaining countries as one entity',
    ],
  };
}
