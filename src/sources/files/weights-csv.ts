/**
 * @module Read any CSV as a distribution: one entity column, one weight column (or 1 per row).
 * Rows for the same entity are summed. Bad weights are errors naming file, line and column.
 */
import { DecodeError } from '../../domain/errors.js';
import { readCsv, requireColumns } from './csv.js';

export interface WeightsTable {
  readonly labels: string[];
  readonly weights: Float64Array;
  readonly total: number;
}

export async function readWeightsCsv(path: string, entityColumn: string, weightColumn?: string): Promise<WeightsTable> {
  const table = await readCsv(path);
  const cols = requireColumns(table, weightColumn ? [entityColumn, weightColumn] : [entityColumn]);
  const entityIdx = cols[entityColumn]!;
  const weightIdx = weightColumn ? cols[weightColumn]! : -1;
  const sums = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const line = table.lines[i];
    const entity = (row[entityIdx] ?? '').trim();
    if (entity === '') throw new DecodeError({ input: path, line, field: entityColumn }, 'empty entity name');
    let w = 1;
    if (weightColumn) {
      const raw = (row[weightIdx] ?? '').trim();
      w = Number(raw);
      if (raw === '' || !Number.isFinite(w) || w < 0) {
        throw new DecodeError({ input: path, line, field: weightColumn }, `invalid weight: ${JSON.stringify(raw)} (expected a finite number ≥ 0)`);
      }
    }
    sums.set(entity, (sums.get(entity) ?? 0) + w);
  });
  const labels = [...sums.keys()];
  const weights = Float64Array.from(labels, (l) => sums.get(l)!);
  let total = 0;
  for (const w of weights) total += w;
  return { labels, weights, total };
}
