/**
 * @module Tests for the selfish-mining MDP: well-formed transitions, honest mining earning exactly
 * α, and Eyal–Sirer's SM1 written as an MDP policy reproducing their closed form (an independent
 * check of the transition model, with truncation negligible for the α used).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { eyalSirerRevenue } from './selfish-mining.js';
import {
  ACTIVE,
  ADOPT,
  buildSelfishMiningMdp,
  decodeState,
  evaluatePolicy,
  honestPolicy,
  MATCH,
  OVERRIDE,
  sm1Policy,
  stateIndex,
  WAIT,
} from './selfish-mining-mdp.js';

describe('buildSelfishMiningMdp', () => {
  const mdp = buildSelfishMiningMdp(0.3, 0.4, 10);

  it('has 3(T+1)² states, adopt everywhere, and probability rows summing to 1', () => {
    expect(mdp.stateCount).toBe(3 * 11 * 11);
    let withoutAdopt = 0;
    for (let s = 0; s < mdp.stateCount; s++) {
      if (!mdp.actionKind.subarray(mdp.actionStart[s], mdp.actionStart[s + 1]).includes(ADOPT)) withoutAdopt++;
    }
    expect(withoutAdopt).toBe(0);
    let worstRow = 0;
    let outOfRange = 0;
    for (let i = 0; i < mdp.actionKind.length; i++) {
      let sum = 0;
      for (let t = mdp.transitionStart[i]!; t < mdp.transitionStart[i + 1]!; t++) {
        sum += mdp.transitionProb[t]!;
        if (mdp.transitionNext[t]! < 0 || mdp.transitionNext[t]! >= mdp.stateCount) outOfRange++;
      }
      worstRow = Math.max(worstRow, Math.abs(sum - 1));
    }
    expect(outOfRange).toBe(0);
    expect(worstRow).toBeLessThan(1e-14);
  });

  it('allows actions only where the paper does (override a > h, match a ≥ h when relevant, no waiting at T)', () => {
    const kindsAt = (a: number, h: number, f: number) => {
      const s = stateIndex(10, a, h, f);
      return Array.from(mdp.actionKind.subarray(mdp.actionStart[s], mdp.actionStart[s + 1]));
    };
    expect(kindsAt(2, 1, 1)).toEqual([ADOPT, OVERRIDE, MATCH, WAIT]);
    expect(kindsAt(1, 1, 0)).toEqual([ADOPT, WAIT]); // irrelevant: no match
    expect(kindsAt(1, 2, 1)).toEqual([ADOPT, WAIT]); // behind: no override, no match
    expect(kindsAt(10, 3, 0)).toEqual([ADOPT, OVERRIDE]); // truncated: must resolve
    expect(kindsAt(2, 2, ACTIVE)).toEqual([ADOPT, WAIT]);
  });

  it('credits an override with h + 1 attacker blocks and an adopt with h honest blocks', () => {
    const s = stateIndex(10, 4, 2, 1);
    for (let i = mdp.actionStart[s]!; i < mdp.actionStart[s + 1]!; i++) {
      if (mdp.actionKind[i] === OVERRIDE) {
        expect(mdp.rewardAttacker[i]).toBeCloseTo(3, 14);
        expect(mdp.rewardHonest[i]).toBe(0);
      }
      if (mdp.actionKind[i] === ADOPT) {
        expect(mdp.rewardAttacker[i]).toBe(0);
        expect(mdp.rewardHonest[i]).toBeCloseTo(2, 14);
      }
      // match: only the γ(1−α) branch credits the attacker's h = 2 blocks.
      if (mdp.actionKind[i] === MATCH) expect(mdp.rewardAttacker[i]).toBeCloseTo(0.4 * 0.7 * 2, 14);
    }
  });

  it('round-trips state indices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 2 }), (a, h, f) => {
        expect(decodeState(10, stateIndex(10, a, h, f))).toEqual({ a, h, fork: f });
      }),
    );
  });

  it('rejects bad parameters', () => {
    expect(() => buildSelfishMiningMdp(0.6, 0, 10)).toThrow(UsageError);
    expect(() => buildSelfishMiningMdp(0.3, 1.1, 10)).toThrow('invalid gamma');
    expect(() => buildSelfishMiningMdp(0.3, 0, 1)).toThrow('invalid truncation: 1');
    expect(() => buildSelfishMiningMdp(0.3, 0, 2.5)).toThrow('invalid truncation: 2.5');
  });
});

describe('evaluatePolicy', () => {
  it('honest mining earns exactly α', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.49, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, g) => {
        const mdp = buildSelfishMiningMdp(a, g, 5);
        const v = evaluatePolicy(mdp, honestPolicy(mdp));
        expect(v.relativeRevenue).toBeCloseTo(a, 10);
        expect(v.attackerRate + v.honestRate).toBeCloseTo(1, 10); // no orphans: one block per step
      }),
      { numRuns: 20 },
    );
  });

  it.each([
    [0.1, 0],
    [0.2, 0.5],
    [0.25, 1],
    [0.25, 0.25],
  ])('SM1 as an MDP policy reproduces the Eyal–Sirer closed form (α = %f, γ = %f)', (a, g) => {
    const mdp = buildSelfishMiningMdp(a, g, 40);
    expect(evaluatePolicy(mdp, sm1Policy(mdp)).relativeRevenue).toBeCloseTo(eyalSirerRevenue(a, g), 7);
  });

  it('SM1 falls short of the closed form when truncation binds (α = 0.45, T = 10)', () => {
    const mdp = buildSelfishMiningMdp(0.45, 0, 10);
    expect(evaluatePolicy(mdp, sm1Policy(mdp)).relativeRevenue).toBeLessThan(eyalSirerRevenue(0.45, 0) - 1e-3);
  });
});
