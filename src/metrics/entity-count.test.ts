/**
 * @module Tests for total-entities (population zeros included) and active-entities (weight > 0).
 * Published values: tokenomics-decentralization tests/test_metrics.py (test_total_entities).
 */
import { describe, expect, it } from 'vitest';
import { prepareWeights } from './metric.js';
import { getMetric } from './registry.js';

const value = (id: string, w: readonly number[]): number | null => getMetric(id).compute(prepareWeights(w));

describe('entity counts', () => {
  it.each([
    [[3, 2, 1], 3, 3],
    [[3, 2, 1, 1, 1, 1], 6, 6],
    [[1], 1, 1],
    [[432, 0, 0, 0], 4, 1],
    [[0.5, 0, 0.25], 3, 2],
  ])('%j → total %i, active %i', (w, total, active) => {
    expect(value('total-entities', w)).toBe(total);
    expect(value('active-entities', w)).toBe(active);
  });

  it('are null (not 0) for empty and all-zero input', () => {
    for (const id of ['total-entities', 'active-entities']) {
      expect(value(id, [])).toBeNull();
      expect(value(id, [0, 0, 0])).toBeNull();
    }
  });
});
