import { describe, expect, it } from 'vitest';
import { computeMetrics, getMetric } from '../metrics/index.js';
import { sharesToObservations } from './observations.js';
import type { ReplicateResult } from './record.js';

describe('sharesToObservations', () => {
  const result: ReplicateResult = {
    steps: ['2021-01-01', '2021-01-08'],
    metrics: {},
    shares: { regions: { A: Float64Array.from([0.75, 0.5]), B: Float64Array.from([0.25, 0.5]) } },
    series: {},
  };

  it('emits one stock observation per day and entity, in time order', () => {
    const s = sharesToObservations(result, 'regions');
    expect(s.kind).toBe('stock');
    expect(s.entities).toEqual(['A', 'B']);
    expect(Array.from(s.timeSec)).toEqual([1609459200, 1609459200, 1610064000, 1610064000]); // 2021-01-01 and -08 00:00 UTC
    expect(Array.from(s.weight)).toEqual([0.75, 0.25, 0.5, 0.5]);
  });

  it('feeds the metrics engine: HHI of (0.75, 0.25) = 6250 on the 0–10,000 scale', () => {
    const s = sharesToObservations(result, 'regions');
    const first = computeMetrics({ labels: ['A', 'B'], weights: s.weight.subarray(0, 2) }, [getMetric('hhi')]);
    expect(first.hhi).toBeCloseTo(6250, 9); // 10,000 · (0.75² + 0.25²)
  });

  it('names the distributions it has when asked for another', () => {
    expect(() => sharesToObservations(result, 'pools')).toThrow(/have: regions/);
  });
});
