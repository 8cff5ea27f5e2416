/**
 * @module A pool's hash-rate series supplied by the user, for pool luck: CSV `day,pool,hashrate_ehs`
 * (UTC day YYYY-MM-DD, the pool label exactly as `nakamoto economics --by-pool` prints it, the pool's
 * mean hash rate that day in EH/s). One row per pool and day; errors name file, line and column.
 */
import { DecodeError } from '../../domain/errors.js';
import { parseIsoDay } from '../datasets/daily-counts.js';
import { readCsv, requireColumns, type CsvTable } from './csv.js';
import { labelField, numberField } from './fields.js';

/** Pool → UTC day start (s) → hash rate in H/s. */
export type PoolHashrates = Map<string, Map<number, number>>;

export function parsePoolHashrates(table: CsvTable): PoolHashrates {
  const col = requireColumns(table, ['day', 'pool', 'hashrate_ehs']);
  const out: PoolHashrates = new Map();
  table.rows.forEach((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    const text = (row[col.day] ?? '').trim();
    const day = parseIsoDay(text);
    if (day === null) throw new DecodeError({ input: table.input, line: ctx.line, field: 'day' }, `invalid day ${JSON.stringify(text)} (expected YYYY-MM-DD)`);
    const pool = labelField(ctx, 'pool', row[col.pool]);
    const ehs = numberField(ctx, 'hashrate_ehs', row[col.hashrate_ehs], { min: 0 });
    const series = out.get(pool) ?? new Map<number, number>();
    if (series.has(day)) throw new DecodeError({ input: table.input, line: ctx.line, field: 'day' }, `duplicate day ${text} for pool ${JSON.stringify(pool)}`);
    series.set(day, ehs * 1e18);
    out.set(pool, series);
  });
  if (out.size === 0) throw new DecodeError({ input: table.input }, 'no rows: expected day,pool,hashrate_ehs');
  return out;
}

export async function readPoolHashrates(path: string): Promise<PoolHashrates> {
  return parsePoolHashrates(await readCsv(path));
}
