/**
 * @module Measuring a claim's metric on one window: the point value and, for block-sampled data,
 * posterior draws (so a claim's probability can be read off the draws).
 */
import type { WindowDistribution } from '../../aggregate/window-distributions.js';
import { UsageError } from '../../domain/errors.js';
import { prepareWeights, type Metric } from '../../metrics/metric.js';
import { getMetric } from '../../metrics/registry.js';
import type { UniformNormalSource } from '../../random/gamma.js';
import { posteriorDraws, type IntervalOptions } from '../uncertainty/posterior.js';

export type MeasureFn =
  | { readonly kind: 'metric'; readonly metric: Metric }
  | { readonly kind: 'share'; readonly entity: string };

export function parseMeasure(metric: string): MeasureFn {
  if (metric.startsWith('share:')) {
    const entity = metric.slice('share:'.length).trim();
    if (!entity) throw new UsageError(`invalid metric: ${metric} (expected share:<entity>)`);
    return { kind: 'share', entity };
  }
  return { kind: 'metric', metric: getMetric(metric) };
}

function entityIndex(d: WindowDistribution, entities: readonly string[], name: string): number {
  for (let i = 0; i < d.entity.length; i++) if (entities[d.entity[i]!] === name) return i;
  return -1;
}

export function pointValue(f: MeasureFn, d: WindowDistribution, entities: readonly string[]): number | null {
  if (d.total <= 0) return null;
  if (f.kind === 'metric') return f.metric.compute(prepareWeights(d.weight));
  const i = entityIndex(d, entities, f.entity);
  return i < 0 ? 0 : d.weight[i]! / d.total;
}

/** Posterior draws of the measure (Dirichlet over the window's entities). */
export function measureDraws(f: MeasureFn, d: WindowDistribution, entities: readonly string[], rng: UniformNormalSource, opts: IntervalOptions): Float64Array | null {
  if (f.kind === 'metric') return posteriorDraws(d.weight, [f.metric], rng, opts)?.[0] ?? null;
  const i = entityIndex(d, entities, f.entity);
  const out = new Float64Array(opts.draws);
  if (i < 0) return out; // never seen in the window: share 0 in every draw of this model
  const drawn = posteriorDraws(d.weight, [], rng, opts, (shares, k) => {
    out[k] = shares[i]!;
  });
  return drawn ? out : null;
}
