/**
 * @module Theil T index (natural log): T = (1/n) Σ (xᵢ/μ) ln(xᵢ/μ), n all entities incl.
 * zero-weight members (0·ln 0 = 0). 0 = equal; ln n = one entity holds all. Equals ln n − H(nats).
 */
import type { SortedWeights } from '../domain/distribution.js';
import { isEmpty, populationSize, type Metric } from './metric.js';

export function theil(s: SortedWeights): number | null {
  if (isEmpty(s)) return null;
  const n = populationSize(s);
  const mu = s.total / n;
  let acc = 0;
  for (let i = 0; i < s.active; i++) {
    const r = (s.w[i] as number) / mu;
    if (r > 0) acc += r * Math.log(r); // 0·ln 0 = 0
  }
  return Math.max(0, acc / n);
}

export const theilMetric: Metric = {
  id: 'theil',
  description: 'Theil T index (natural log) over all entities incl. zero-weight members; 0 = equal, ln(n) = one holds all.',
  range: [0, null],
  compute: theil,
};
