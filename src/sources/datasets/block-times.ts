/**
 * @module Block time per height from the per-block attribution dataset (its `height` and
 * `unix_time` columns only), for the energy model's blocks per day.
 */
import { requireColumns, scannerFromText } from '../files/csv.js';
import { intField } from '../files/fields.js';
import { readText } from '../files/read-file.js';

/** Height → block time (UTC seconds) of every row of the per-block CSV at `path` (plain or .gz). */
export async function readBlockTimes(path: string): Promise<Map<number, number>> {
  const rows = scannerFromText(await readText(path), path);
  const col = requireColumns(rows, ['height', 'unix_time']);
  const times = new Map<number, number>();
  const ctx = { input: path, line: 0 as number | undefined };
  rows.scan((f, line) => {
    ctx.line = line;
    times.set(intField(ctx, 'height', f[col.height]), intField(ctx, 'unix_time', f[col.unix_time]));
  });
  return times;
}
