/**
 * @module Tests for computeMetrics: one prepared distribution, every requested metric, keyed by id.
 * The [3,2,1] worked example is computed by hand (the same one is written out in docs/metrics.md).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { computeMetrics } from './compute.js';
import { DEFAULT_METRIC_IDS, getMetric, knownMetricIds, parseMetricList } from './registry.js';

const dist = (weights: number[]): { labels: string[]; weights: number[] } => ({ labels: weights.map((_, i) => `e${i}`), weights });

describe('computeMetrics: worked example [3, 2, 1]', () => {
  const ids = [...knownMetricIds(), 'tau-index=0.33', 'tau-index=1', 'concentration-ratio=2', 'concentration-ratio=3', 'concentration-ratio=5'];
  const v = computeMetrics(dist([3, 2, 1]), ids.map(getMetric));

  it('has one value per requested id', () => {
    expect(Object.keys(v).sort()).toEqual([...new Set(ids)].sort());
  });

  it('matches the hand computation', () => {
    // shares ½, ⅓, ⅙ (total 6)
    expect(v['total-entities']).toBe(3);
    expect(v['active-entities']).toBe(3);
    // HHI = 50² + 33.3̅² + 16.6̅² = 10⁴·(9 + 4 + 1)/36 = 3888.8̅
    expect(v['hhi']).toBeCloseTo(35000 / 9, 9);
    expect(v['hhi-fraction']).toBeCloseTo(7 / 18, 15);
    // cumulative shares ½, ⅚, 1
    expect(v['nakamoto-coefficient']).toBe(1); // ½ ≥ ½
    expect(v['nakamoto-coefficient-strict']).toBe(2); // ½ is not > ½; ⅚ is
    expect(v['tau-index=0.33']).toBe(1);
    expect(v['tau-index=0.66']).toBe(2);
    expect(v['tau-index=1']).toBe(3);
    expect(v['tau-index-strict=0.5']).toBe(2);
    expect(v['max-share']).toBe(0.5);
    expect(v['concentration-ratio=2']).toBeCloseTo(5 / 6, 15);
    expect(v['concentration-ratio=3']).toBe(1);
    expect(v['concentration-ratio=5']).toBe(1);
    // Gini: |3−2| + |3−1| + |2−1| = 4, doubled 8; 8/(2·3²·2) = 2/9
    expect(v['gini']).toBeCloseTo(2 / 9, 15);
    // H = ½·1 + ⅓·log₂3 + ⅙·log₂6 = ⅔ + ½·log₂3 = 0.666667 + 0.792481 = 1.459148 bits
    expect(v['entropy']).toBeCloseTo(1.459148, 6);
    // × ln 2: ⅔·ln2 + ½·ln3 = 0.462098 + 0.549306 = 1.011404 nats
    expect(v['entropy-nats']).toBeCloseTo(1.011404, 6);
    // 1.459148 / log₂3 (1.584963) × 100 = 92.0620
    expect(v['entropy-percentage']).toBeCloseTo(92.062, 3);
    // Theil = ln3 − H_nats = 1.098612 − 1.011404 = 0.087208
    expect(v['theil']).toBeCloseTo(0.087208, 6);
  });
});

describe('computeMetrics: worked example with a population zero, [3, 2, 1, 0]', () => {
  it('changes only the population-aware metrics', () => {
    const ids = ['hhi', 'nakamoto-coefficient', 'entropy', 'total-entities', 'active-entities', 'entropy-percentage', 'gini', 'theil'];
    const v = computeMetrics(dist([3, 2, 1, 0]), parseMetricList(ids.join(',')));
    const base = computeMetrics(dist([3, 2, 1]), parseMetricList(ids.join(',')));
    for (const id of ['hhi', 'nakamoto-coefficient', 'entropy', 'active-entities']) expect(v[id], id).toBe(base[id]);
    expect(v['total-entities']).toBe(4);
    // 1.459148 / log₂4 × 100 = 72.9574
    expect(v['entropy-percentage']).toBeCloseTo(72.9574, 4);
    // ordered |xᵢ−xⱼ| sum = 2·(1+2+3+1+2+1) = 20; μ = 1.5; 20/(2·16·1.5) = 5/12
    expect(v['gini']).toBeCloseTo(5 / 12, 15);
    // ln4 − 1.011404 = 0.374890
    expect(v['theil']).toBeCloseTo(0.37489, 5);
  });
});

describe('computeMetrics: behaviour', () => {
  it('gives null for every default metric on an empty or all-zero distribution', () => {
    const metrics = DEFAULT_METRIC_IDS.map(getMetric);
    for (const d of [dist([]), dist([0, 0, 0])]) {
      const v = computeMetrics(d, metrics);
      expect(Object.keys(v)).toHaveLength(DEFAULT_METRIC_IDS.length);
      for (const id of DEFAULT_METRIC_IDS) expect(v[id], id).toBeNull();
    }
  });

  it('throws a UsageError naming the entity label for a bad weight', () => {
    const d = { labels: ['AntPool', 'ViaBTC'], weights: [10, Number.NaN] };
    expect(() => computeMetrics(d, parseMetricList('hhi'))).toThrow(UsageError);
    expect(() => computeMetrics(d, parseMetricList('hhi'))).toThrow('invalid weight at index 1 (entity "ViaBTC"): NaN');
  });

  it('accepts typed arrays as weights', () => {
    const v = computeMetrics({ labels: ['a', 'b'], weights: new Float64Array([1, 1]) }, parseMetricList('hhi,nakamoto-coefficient'));
    expect(v).toEqual({ hhi: 5000, 'nakamoto-coefficient': 1 });
  });
});
