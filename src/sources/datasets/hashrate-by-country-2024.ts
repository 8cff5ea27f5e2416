/**
 * @module Bitcoin hash rate by country after CBECI stopped (2024–2025): hand-transcribed figures from
 * two publishers, kept apart — the Cambridge Digital Mining Industry Report (a SURVEY of 49 mining
 * firms, shares of their reported activity, not a network estimate) and the Hashrate Index (Luxor)
 * heatmap (an estimate of network hash rate by country, method undocumented). Each estimate lists
 * only its largest countries; the remainder is unlisted. Dataset:
 * ../shared/datasets/bitcoin/hashrate-by-country-2024-2025/ (see its PROVENANCE.md).
 */
import { canonicalCountry } from '../../domain/countries.js';
import { DecodeError } from '../../domain/errors.js';
import { readCsv, requireColumns } from '../files/csv.js';
import { labelField, numberField } from '../files/fields.js';

export const HASHRATE_BY_COUNTRY_2024_FILE = 'bitcoin/hashrate-by-country-2024-2025/hashrate_share_by_country_2024-2025.csv';

export interface CountryEstimate {
  readonly sourceId: string;
  readonly publisher: string;
  readonly estimate: string;
  /** As printed: YYYY-MM or YYYY-MM-DD. */
  readonly asOf: string;
  /** True for a survey of firms (Cambridge), false for a network estimate. */
  readonly survey: boolean;
  /** Listed countries, largest first, shares 0–1. */
  readonly shares: readonly { readonly country: string; readonly share: number }[];
  readonly citation: string;
}

export async function readHashrateByCountry2024(path: string): Promise<CountryEstimate[]> {
  const table = await readCsv(path);
  const col = requireColumns(table, ['source_id', 'publisher', 'estimate', 'as_of', 'country', 'share_pct', 'citation_url']);
  const bySource = new Map<string, { publisher: string; estimate: string; asOf: string; citation: string; shares: { country: string; share: number }[] }>();
  table.rows.forEach((row, i) => {
    const ctx = { input: path, line: table.lines[i] };
    const id = labelField(ctx, 'source_id', row[col.source_id]);
    const asOf = labelField(ctx, 'as_of', row[col.as_of]);
    if (!/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(asOf)) throw new DecodeError({ ...ctx, field: 'as_of' }, `invalid date: ${JSON.stringify(asOf)} (expected YYYY-MM or YYYY-MM-DD)`);
    const raw = labelField(ctx, 'country', row[col.country]);
    const country = canonicalCountry(raw);
    if (country === undefined) throw new DecodeError({ ...ctx, field: 'country' }, `unknown country: ${JSON.stringify(raw)}`);
    const pct = numberField(ctx, 'share_pct', row[col.share_pct], { min: 0 });
    if (pct > 100) throw new DecodeError({ ...ctx, field: 'share_pct' }, `out of range: ${pct} (expected 0–100)`);
    const entry = bySource.get(id) ?? { publisher: labelField(ctx, 'publisher', row[col.publisher]), estimate: labelField(ctx, 'estimate', row[col.estimate]), asOf, citation: labelField(ctx, 'citation_url', row[col.citation_url]), shares: [] };
    if (entry.asOf !== asOf) throw new DecodeError({ ...ctx, field: 'as_of' }, `${id} has two dates: ${entry.asOf} and ${asOf}`);
    if (entry.shares.some((s) => s.country === country)) throw new DecodeError({ ...ctx, field: 'country' }, `duplicate row for ${id} ${country}`);
    entry.shares.push({ country, share: pct / 100 });
    bySource.set(id, entry);
  });
  const out: CountryEstimate[] = [];
  for (const [sourceId, e] of bySource) {
    const sum = e.shares.reduce((a, s) => a + s.share, 0);
    if (sum > 1.005) throw new DecodeError({ input: path, field: 'share_pct' }, `${sourceId}: shares sum to ${(sum * 100).toFixed(2)}%, more than 100%`);
    out.push({ sourceId, publisher: e.publisher, estimate: e.estimate, asOf: e.asOf, survey: /survey/i.test(e.estimate), shares: [...e.shares].sort((a, b) => b.share - a.share), citation: e.citation });
  }
  return out.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
}
