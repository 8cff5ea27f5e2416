import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toObservationSeries } from '../domain/observations.js';
import { windowDistributions } from './window-distributions.js';
import type { Window } from './windows.js';

const w = (start: number, end: number): Window => ({ axis: 'time', start, end, complete: true });

function asMap(d: { entity: Int32Array; weight: Float64Array }, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  d.entity.forEach((e, i) => (out[names[e]!] = d.weight[i]!));
  return out;
}

describe('windowDistributions', () => {
  const flow = toObservationSeries(
    [
      { timeSec: 0, entity: 'a', weight: 1 },
      { timeSec: 5, entity: 'b', weight: 1 },
      { timeSec: 9, entity: 'a', weight: 1 },
      { timeSec: 10, entity: 'c', weight: 1 },
      { timeSec: 19, entity: 'a', weight: 1 },
      { timeSec: 25, entity: 'd', weight: 1 },
    ],
    'flow',
  );

  it('sums flow observations in [start, end): the end is exclusive', () => {
    const [d0, d1] = windowDistributions(flow, [w(0, 10), w(10, 20)]);
    expect(asMap(d0!, flow.entities)).toEqual({ a: 2, b: 1 });
    expect(d0!.total).toBe(3);
    expect(asMap(d1!, flow.entities)).toEqual({ c: 1, a: 1 });
  });

  it('adds entities active in neighbouring windows as zero-weight members (population windows)', () => {
    const [, d1, d2] = windowDistributions(flow, [w(0, 10), w(10, 20), w(20, 30)], 1);
    expect(asMap(d1!, flow.entities)).toEqual({ a: 1, c: 1, b: 0, d: 0 });
    expect(d1!.total).toBe(2);
    expect(asMap(d2!, flow.entities)).toEqual({ d: 1, a: 0, c: 0 });
  });

  it('keeps zero-weight observations as zero-weight members, after the active entities', () => {
    const s = toObservationSeries(
      [
        { timeSec: 1, entity: 'z', weight: 0 },
        { timeSec: 2, entity: 'a', weight: 2 },
      ],
      'stock',
    );
    const [d] = windowDistributions({ ...s, kind: 'flow' }, [w(0, 10)]);
    expect([...d!.entity].map((e) => s.entities[e])).toEqual(['a', 'z']);
    expect([...d!.weight]).toEqual([2, 0]);
  });

  it('reads a stock at the latest snapshot inside the window, not the sum of snapshots', () => {
    const stock = toObservationSeries(
      [
        { timeSec: 1, entity: 'x', weight: 100 },
        { timeSec: 1, entity: 'y', weight: 50 },
        { timeSec: 2, entity: 'x', weight: 120 },
        { timeSec: 2, entity: 'z', weight: 10 },
      ],
      'stock',
    );
    const [d] = windowDistributions(stock, [w(0, 10)]);
    expect(asMap(d!, stock.entities)).toEqual({ x: 120, z: 10 });
    expect(d!.snapshotSec).toBe(2);
  });

  it('carryForward: a stock window without a snapshot reads the latest one before it (for --at), flows are unaffected', () => {
    const stock = toObservationSeries(
      [
        { timeSec: 1, entity: 'x', weight: 100 },
        { timeSec: 5, entity: 'x', weight: 80 },
        { timeSec: 5, entity: 'y', weight: 20 },
      ],
      'stock',
    );
    const [none] = windowDistributions(stock, [w(10, 20)]);
    expect([none!.observations, none!.snapshotSec]).toEqual([0, null]);
    const [carried, before] = windowDistributions(stock, [w(10, 20), w(-5, 0)], 0, { carryForward: true });
    expect(asMap(carried!, stock.entities)).toEqual({ x: 80, y: 20 });
    expect(carried!.snapshotSec).toBe(5);
    expect([before!.observations, before!.snapshotSec]).toEqual([0, null]);
    const [f] = windowDistributions(flow, [w(30, 40)], 0, { carryForward: true });
    expect(f!.observations).toBe(0);
  });

  it('property: with carryForward a stock window reads exactly the latest snapshot before its end', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 99 }), e: fc.constantFrom('a', 'b', 'c'), x: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 50 }),
        (obs, end, size) => {
          const s = toObservationSeries(obs.map((o) => ({ timeSec: o.t, entity: o.e, weight: o.x })), 'stock');
          const [d] = windowDistributions(s, [w(end - size, end)], 0, { carryForward: true });
          const before = obs.filter((o) => o.t < end);
          if (before.length === 0) return d!.observations === 0;
          const last = Math.max(...before.map((o) => o.t));
          const expected: Record<string, number> = {};
          for (const o of before.filter((o) => o.t === last)) expected[o.e] = (expected[o.e] ?? 0) + o.x;
          expect(d!.snapshotSec).toBe(last);
          expect(asMap(d!, s.entities)).toEqual(expected);
          return true;
        },
      ),
    );
  });

  it('property: population ±N members are, in order, the window entities then the new ones of each window from i − N to i + N', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 99 }), e: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), x: fc.integer({ min: 0, max: 3 }) }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 3 }),
        (obs, size, pop) => {
          const s = toObservationSeries(obs.map((o) => ({ timeSec: o.t, entity: o.e, weight: o.x })), 'flow');
          const windows: Window[] = [];
          for (let start = 0; start < 100; start += size) windows.push(w(start, start + size));
          const plain = windowDistributions(s, windows);
          const withPop = windowDistributions(s, windows, pop);
          withPop.forEach((d, i) => {
            // Independent construction: a list, scanned window by window from i - pop to i + pop.
            const expected = [...plain[i]!.entity];
            for (let j = Math.max(0, i - pop); j <= Math.min(plain.length - 1, i + pop); j++) for (const e of plain[j]!.entity) if (!expected.includes(e)) expected.push(e);
            expect([...d.entity]).toEqual(expected);
            expect([...d.weight]).toEqual([...plain[i]!.weight, ...Array<number>(expected.length - plain[i]!.entity.length).fill(0)]);
            expect(d.total).toBe(plain[i]!.total);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('property: tumbling windows partition the observations (totals add up, per entity too)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 999 }), e: fc.constantFrom('a', 'b', 'c', 'd'), x: fc.integer({ min: 0, max: 5 }) }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 300 }),
        (obs, size) => {
          const s = toObservationSeries(obs.map((o) => ({ timeSec: o.t, entity: o.e, weight: o.x })), 'flow');
          const windows: Window[] = [];
          for (let start = 0; start < 1000; start += size) windows.push(w(start, start + size));
          const ds = windowDistributions(s, windows);
          const perEntity: Record<string, number> = {};
          for (const d of ds) for (const [k, v] of Object.entries(asMap(d, s.entities))) if (v > 0) perEntity[k] = (perEntity[k] ?? 0) + v;
          const expected: Record<string, number> = {};
          for (const o of obs) if (o.x > 0) expected[o.e] = (expected[o.e] ?? 0) + o.x;
          expect(perEntity).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
