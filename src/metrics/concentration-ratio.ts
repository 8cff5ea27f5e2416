/**
 * @module Concentration ratio CRₖ: combined share (0–1) of the k largest entities. If fewer than
 * k entities are active, it is the share of all of them (1). Zero-weight members do not change it.
 */
import type { SortedWeights } from '../domain/distribution.js';
import { UsageError } from '../domain/errors.js';
import { ratio } from './hhi.js';
import { isEmpty, type Metric } from './metric.js';

export function concentrationRatio(s: SortedWeights, k: number): number | null {
  if (isEmpty(s)) return null;
  const m = Math.min(k, s.active);
  if (m === s.active) return 1; // all active weight, exactly (no float round-off)
  if (s.integral) {
    let top = 0;
    for (let i = 0; i < m; i++) top += s.w[i] as number;
    return ratio(BigInt(top), BigInt(s.total));
  }
  let top = 0;
  for (let i = 0; i < m; i++) top += s.w[i] as number;
  return Math.min(1, top / s.total);
}

export function createConcentrationRatio(param: string): Metric {
  const k = Number(param);
  if (!Number.isSafeInteger(k) || k < 1 || String(k) !== param.trim()) {
    throw new UsageError(`invalid concentration-ratio k: ${param} (expected a whole number ≥ 1)`);
  }
  return {
    id: `concentration-ratio=${k}`,
    description: `Combined share (0–1) of the ${k} largest entities.`,
    range: [0, 1],
    compute: (s) => concentrationRatio(s, k),
  };
}

export const maxShare: Metric = {
  id: 'max-share',
  description: 'Share (0–1) of the largest entity (= concentration-ratio=1).',
  range: [0, 1],
  compute: (s) => concentrationRatio(s, 1),
};
