/**
 * @module Gini coefficient over all n entities, zero-weight population members included:
 * G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ), computed as (2 Σᵢ i·x₍ᵢ₎)/(n Σx) − (n+1)/n with x ascending,
 * i = 1..n. 0 = equal; (n−1)/n = one entity holds all. Exact when weights are counts.
 */
import type { SortedWeights } from '../domain/distribution.js';
import { ratio } from './hhi.js';
import { isEmpty, populationSize, type Metric } from './metric.js';

export function gini(s: SortedWeights): number | null {
  if (isEmpty(s)) return null;
  const n = populationSize(s);
  const { w } = s;
  // w is descending: ascending rank of w[j] is n - j.
  if (s.integral && 2 * (n + 1) * s.total <= Number.MAX_SAFE_INTEGER) {
    // Every term below 2^53: exact in doubles (same result as the BigInt path, which handles the rest).
    let weighted = 0;
    for (let j = 0; j < s.active; j++) weighted += (n - j) * (w[j] as number);
    const num = 2 * weighted - (n + 1) * s.total;
    return num <= 0 ? 0 : num / (n * s.total);
  }
  if (s.integral) {
    let weighted = 0n;
    for (let j = 0; j < s.active; j++) weighted += BigInt(n - j) * BigInt(w[j] as number);
    const N = BigInt(n);
    const T = BigInt(s.total);
    // G = (2·weighted − (n+1)·T) / (n·T)
    const num = 2n * weighted - (N + 1n) * T;
    return num <= 0n ? 0 : ratio(num, N * T);
  }
  let weighted = 0;
  for (let j = 0; j < s.active; j++) weighted += (n - j) * (w[j] as number);
  const g = (2 * weighted) / (n * s.total) - (n + 1) / n;
  return Math.max(0, g);
}

export const giniMetric: Metric = {
  id: 'gini',
  description: 'Gini coefficient over all entities (zero-weight population members included); 0 = equal, (n−1)/n = one holds all.',
  range: [0, 1],
  compute: gini,
};
