/**
 * @module Tests for the metric registry: id lookup, parameterised ids, invalid ids, metric lists.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { DEFAULT_METRIC_IDS, getMetric, knownMetricIds, parseMetricList } from './registry.js';

describe('registry', () => {
  it('lists every metric of issue #2', () => {
    const ids = knownMetricIds();
    for (const id of [
      'hhi',
      'hhi-fraction',
      'nakamoto-coefficient',
      'nakamoto-coefficient-strict',
      'gini',
      'entropy',
      'entropy-nats',
      'entropy-percentage',
      'theil',
      'total-entities',
      'active-entities',
      'max-share',
    ]) {
      expect(ids).toContain(id);
    }
    expect(ids.some((id) => id.startsWith('tau-index='))).toBe(true);
    expect(ids.some((id) => id.startsWith('tau-index-strict='))).toBe(true);
    expect(ids.some((id) => id.startsWith('concentration-ratio='))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every known and default id to a metric carrying that id', () => {
    for (const id of [...knownMetricIds(), ...DEFAULT_METRIC_IDS]) {
      const m = getMetric(id);
      expect(m.id).toBe(id);
      expect(m.description.length).toBeGreaterThan(10);
    }
  });

  it('trims surrounding spaces and canonicalises concentration-ratio k', () => {
    expect(getMetric('  gini ').id).toBe('gini');
    expect(getMetric('concentration-ratio= 3').id).toBe('concentration-ratio=3');
    expect(getMetric('tau-index=0.66').id).toBe('tau-index=0.66');
  });

  it.each(['nope', 'HHI', 'hhi=5', '=0.5', 'tau=0.5', 'nakamoto', ''])('rejects %j with "invalid metric: …"', (id) => {
    expect(() => getMetric(id)).toThrow(UsageError);
    expect(() => getMetric(id)).toThrow(/^invalid metric: .*\(known: hhi, /);
  });

  it.each([
    ['tau-index=1.5', 'invalid tau-index threshold: 1.5'],
    ['tau-index=abc', 'invalid tau-index threshold: abc'],
    ['concentration-ratio=0', 'invalid concentration-ratio k: 0'],
    ['concentration-ratio=2.5', 'invalid concentration-ratio k: 2.5'],
  ])('rejects parameter %s with %j', (id, message) => {
    expect(() => getMetric(id)).toThrow(UsageError);
    expect(() => getMetric(id)).toThrow(message);
  });

  it('parses comma-separated lists, skipping blanks', () => {
    expect(parseMetricList('hhi, tau-index=0.5,,gini').map((m) => m.id)).toEqual(['hhi', 'tau-index=0.5', 'gini']);
  });

  it('rejects an empty list and a list with an unknown id', () => {
    expect(() => parseMetricList(' , ')).toThrow(/^invalid metric list: /);
    expect(() => parseMetricList('hhi,nope')).toThrow(/^invalid metric: nope/);
  });
});
