/**
 * @module Shannon entropy of the shares, H = −Σ sᵢ log₂ sᵢ (bits; 0·log 0 = 0), and
 * entropy-percentage = H / log₂(n) × 100 with n all entities, zero-weight members included
 * (Pielou's evenness in percent; undefined — null — for n = 1). `entropy-nats` uses ln.
 */
import type { SortedWeights } from '../domain/distribution.js';
import { isEmpty, populationSize, type Metric } from './metric.js';

export function shannonEntropy(s: SortedWeights, base: number): number | null {
  if (isEmpty(s)) return null;
  let h = 0;
  for (let i = 0; i < s.active; i++) {
    const p = (s.w[i] as number) / s.total;
    if (p > 0) h -= p * Math.log(p); // 0·log 0 = 0 (also for a weight too small to register)
  }
  return Math.max(0, h / Math.log(base));
}

export const entropy: Metric = {
  id: 'entropy',
  description: 'Shannon entropy of the shares in bits (log base 2); 0 = one entity, log2(n) = n equal entities.',
  range: [0, null],
  compute: (s) => shannonEntropy(s, 2),
};

export const entropyNats: Metric = {
  id: 'entropy-nats',
  description: 'Shannon entropy of the shares in nats (natural log).',
  range: [0, null],
  compute: (s) => shannonEntropy(s, Math.E),
};

export const entropyPercentage: Metric = {
  id: 'entropy-percentage',
  description: 'Entropy as a percentage of its maximum log2(n), n = all entities incl. zero-weight members; null for n = 1.',
  range: [0, 100],
  compute: (s) => {
    const h = shannonEntropy(s, 2);
    const n = populationSize(s);
    if (h === null || n < 2) return null;
    return Math.min(100, (h / Math.log2(n)) * 100);
  },
};
