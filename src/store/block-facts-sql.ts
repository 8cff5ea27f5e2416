/**
 * @module SQL shared by both backends for the `block_facts` table (same dialect subset in DuckDB
 * and PostgreSQL): a staged batch (`staging_facts`, NULL = column not supplied) is counted against
 * the stored rows and merged column by column, and the row → StoredBlockFacts mapping.
 */
import type { BlockFactsBatch, StoredBlockFacts } from './store.js';

export const FACT_COLUMNS = ['version', 'scriptsig_hex', 'tx_count', 'weight', 'fee_sat', 'reward_sat'] as const;

/** A stored row differs from the staged one in some supplied column. */
const CHANGED = FACT_COLUMNS.map((c) => `(s.${c} IS NOT NULL AND s.${c} IS DISTINCT FROM f.${c})`).join(' OR ');

export const COUNT_FACTS_SQL = `SELECT count(*) FILTER (WHERE f.height IS NULL), count(*) FILTER (WHERE f.height IS NOT NULL AND (${CHANGED})),
  count(*) FILTER (WHERE f.height IS NOT NULL AND NOT (${CHANGED}))
  FROM staging_facts s LEFT JOIN block_facts f ON f.height = s.height`;

/** `$1` = ingest id. */
export const UPDATE_FACTS_SQL = `UPDATE block_facts AS f SET ${FACT_COLUMNS.map((c) => `${c} = coalesce(s.${c}, f.${c})`).join(', ')}, ingest_id = $1
  FROM staging_facts s WHERE f.height = s.height AND (${CHANGED})`;

/** `$1` = ingest id. */
export const INSERT_FACTS_SQL = `INSERT INTO block_facts SELECT s.height, ${FACT_COLUMNS.map((c) => `s.${c}`).join(', ')}, $1 FROM staging_facts s
  WHERE NOT EXISTS (SELECT 1 FROM block_facts f WHERE f.height = s.height)`;

export const READ_FACTS_SQL = `SELECT height, CAST(version AS DOUBLE PRECISION), scriptsig_hex, CAST(tx_count AS DOUBLE PRECISION), CAST(weight AS DOUBLE PRECISION),
  CAST(fee_sat AS DOUBLE PRECISION), CAST(reward_sat AS DOUBLE PRECISION) FROM block_facts WHERE height BETWEEN $1 AND $2 ORDER BY height`;

/** Batch column `name` as numbers (NaN = not supplied) for `n` rows. */
export function factNumbers(batch: BlockFactsBatch, name: 'version' | 'txCount' | 'weight' | 'feeSat' | 'rewardSat'): ArrayLike<number> {
  return batch[name] ?? new Float64Array(batch.heights.length).fill(NaN);
}

export function factRows(rows: readonly (readonly unknown[])[]): StoredBlockFacts {
  const n = rows.length;
  const heights = new Int32Array(n);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const scriptSigHex: (string | null)[] = new Array<string | null>(n);
  const f = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  rows.forEach((r, i) => {
    heights[i] = Number(r[0]);
    cols[0][i] = f(r[1]);
    scriptSigHex[i] = r[2] === null || r[2] === undefined ? null : String(r[2]);
    cols[1][i] = f(r[3]);
    cols[2][i] = f(r[4]);
    cols[3][i] = f(r[5]);
    cols[4][i] = f(r[6]);
  });
  return { heights, version: cols[0], scriptSigHex, txCount: cols[1], weight: cols[2], feeSat: cols[3], rewardSat: cols[4] };
}
