import { describe, expect, it } from 'vitest';
import { TREND_METHOD, type Trend } from '../trend/trend.js';
import type { ContrastRow, LatestValue } from './series-summary.js';
import { CLAIM_AI, CLAIM_BTC, CLAIM_GAP, headlineVerdicts } from './verdicts.js';

function trend(direction: Trend['direction'], p: number | null = 0.01): ContrastRow['trend'] {
  const short = direction === 'too short';
  return { direction, n: short ? 1 : 20, from: 0, to: 86400 * 365, slopePerYear: short ? null : direction === 'falling' ? -50 : 50, slopeLo: short ? null : -10, slopeHi: short ? null : 90, s: short ? null : 40, tau: 0.2, z: 2, p: short ? null : p, method: TREND_METHOD, metric: 'hhi', window: '1m' };
}

function row(key: string, world: 'bitcoin' | 'ai', t: ContrastRow['trend'], hhi: number, iv: [number, number] | null = null): ContrastRow {
  const latest: LatestValue = {
    label: 'x', start: 0, end: 1, total: 1, largest: null, top1: null, top5: null, nakamotoCoefficient: null, hhi, entities: null,
    intervals: iv ? { top1: { lo: null, hi: null }, top5: { lo: null, hi: null }, nakamotoCoefficient: { lo: null, hi: null }, hhi: { lo: iv[0], hi: iv[1] } } : null,
  };
  return { key, world, lens: key, distribution: key, level: 'x', publisher: 'p', unit: 'u', provenance: { distribution: key, source: '', description: '', rulesVersions: [], from: '', level: '', unit: '' }, latest, trend: t, points: [], caveat: null };
}

describe('headlineVerdicts', () => {
  const axis = (k: string): 'country' | 'control' => (k.includes('country') ? 'country' : 'control');
  const rows = [
    row('pools', 'bitcoin', trend('rising'), 1600, [1550, 1700]),
    row('owners', 'bitcoin', trend('falling'), 2000, [1900, 2100]),
    row('btc-country', 'bitcoin', trend('no clear trend', 0.3), 2200),
    row('chips', 'ai', trend('falling'), 1000),
    row('stake', 'ai', trend('too short'), 1650),
    row('models', 'ai', trend('rising'), 3000),
    row('ai-country', 'ai', trend('no clear trend', 0.2), 1800),
  ];
  const v = headlineVerdicts(rows, axis);
  const get = (claim: string, series: string) => v.find((x) => x.claim === claim && x.series === series)!;

  it('claim 1 per Bitcoin level: rising holds, falling fails, no clear trend is not settled with what would settle it', () => {
    expect(get(CLAIM_BTC, 'pools').verdict).toBe('holds');
    expect(get(CLAIM_BTC, 'owners').verdict).toBe('fails');
    expect(get(CLAIM_BTC, 'btc-country').verdict).toBe('not settled');
    expect(get(CLAIM_BTC, 'btc-country').needs).toMatch(/longer period/);
    expect(get(CLAIM_BTC, 'pools').evidence).toMatch(/p = 0\.010 → rising/);
  });
  it('claim 2 per AI lens: falling holds, rising fails, a single snapshot is not settled (needs a time series)', () => {
    expect(get(CLAIM_AI, 'chips').verdict).toBe('holds');
    expect(get(CLAIM_AI, 'models').verdict).toBe('fails');
    expect(get(CLAIM_AI, 'stake').verdict).toBe('not settled');
    expect(get(CLAIM_AI, 'stake').needs).toMatch(/at least 5 dated snapshots/);
  });
  it('claim 3 compares on the same axis only, against every Bitcoin level, respecting intervals', () => {
    // chips 1000 is below both control levels' intervals (1550–1700, 1900–2100) → holds.
    expect(get(CLAIM_GAP, 'chips').verdict).toBe('holds');
    // models 3000 is above both → fails.
    expect(get(CLAIM_GAP, 'models').verdict).toBe('fails');
    // stake 1650 is inside the pools interval and below owners → not settled.
    expect(get(CLAIM_GAP, 'stake').verdict).toBe('not settled');
    // The AI country lens is compared with the Bitcoin country row only: 1800 < 2200 → holds.
    const c = get(CLAIM_GAP, 'ai-country');
    expect(c.verdict).toBe('holds');
    expect(c.evidence).toContain('btc-country');
    expect(c.evidence).not.toContain('pools');
  });
  it('gives one verdict per Bitcoin row for claim 1 and per AI row for claims 2 and 3', () => {
    expect(v.filter((x) => x.claim === CLAIM_BTC)).toHaveLength(3);
    expect(v.filter((x) => x.claim === CLAIM_AI)).toHaveLength(4);
    expect(v.filter((x) => x.claim === CLAIM_GAP)).toHaveLength(4);
  });
});
