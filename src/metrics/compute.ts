/**
 * @module Compute a set of metrics over one distribution, preparing (validating + sorting) once.
 */
import type { Distribution } from '../domain/distribution.js';
import { prepareWeights, type Metric } from './metric.js';

export type MetricValues = Record<string, number | null>;

export function computeMetrics(dist: Distribution, metrics: readonly Metric[]): MetricValues {
  const s = prepareWeights(dist.weights, dist.labels);
  const out: MetricValues = {};
  for (const m of metrics) out[m.id] = m.compute(s);
  return out;
}
