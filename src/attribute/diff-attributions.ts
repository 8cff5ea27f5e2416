/**
 * @module Compare two attributions of the same blocks (e.g. by two rule sets): which blocks
 * differ, counted by (A, B) pair. Names are compared with `normalizePoolName`, so cosmetic
 * differences between lists ("BTC.com" vs "BTC.COM", "Huobi.pool" vs "Huobi Pool") are not
 * counted as disagreements; Unknown equals Unknown.
 */
import { UsageError } from '../domain/errors.js';
import { compareCodePoints } from './code-point-order.js';
import { normalizePoolName } from './names.js';
import type { Attribution } from './types.js';

export type AttributionLevel = 'pool' | 'entity';

export interface AttributionPairCount {
  readonly a: string;
  readonly b: string;
  readonly blocks: number;
}

export interface AttributionDiff {
  readonly total: number;
  readonly differing: number;
  /** Disagreeing (A, B) name pairs, most blocks first, then by name. */
  readonly pairs: readonly AttributionPairCount[];
  /** Indices of the differing rows. */
  readonly rows: readonly number[];
}

export function levelName(a: Attribution, level: AttributionLevel): string {
  return level === 'pool' ? a.pool.name : a.entity.name;
}

/** `rowsA[i]` and `rowsB[i]` must be the same block. */
export function diffAttributions(rowsA: readonly Attribution[], rowsB: readonly Attribution[], level: AttributionLevel = 'pool'): AttributionDiff {
  if (rowsA.length !== rowsB.length) throw new UsageError(`invalid attribution diff: ${rowsA.length} rows vs ${rowsB.length} rows (must be the same blocks)`);
  const counts = new Map<string, AttributionPairCount>();
  const rows: number[] = [];
  rowsA.forEach((ra, i) => {
    const a = levelName(ra, level);
    const b = levelName(rowsB[i]!, level);
    if (normalizePoolName(a) === normalizePoolName(b)) return;
    rows.push(i);
    const key = `${a}\u0000${b}`;
    const prev = counts.get(key);
    counts.set(key, { a, b, blocks: (prev?.blocks ?? 0) + 1 });
  });
  const pairs = [...counts.values()].sort((x, y) => y.blocks - x.blocks || compareCodePoints(x.a, y.a) || compareCodePoints(x.b, y.b));
  return { total: rowsA.length, differing: rows.length, pairs, rows };
}
