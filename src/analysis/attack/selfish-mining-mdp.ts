/**
 * @module The selfish-mining MDP of Sapirshtein, Sompolinsky & Zohar (2016, "Optimal Selfish
 * Mining Strategies in Bitcoin", §3): states (a, h, fork) — a = attacker's private blocks, h =
 * public blocks since the fork, fork ∈ {irrelevant, relevant, active} — and actions adopt,
 * override, match, wait. Every action is followed by one newly mined block (attacker with
 * probability α). Truncation T: waiting (and matching) is allowed only while a < T and h < T, so
 * the attacker must resolve the race by then. Stored as flat typed arrays for fast iteration.
 */
import { requireInRange, requireInteger, requireProbability } from './validate.js';

export const ADOPT = 0;
export const OVERRIDE = 1;
export const MATCH = 2;
export const WAIT = 3;
export const ACTION_NAMES = ['adopt', 'override', 'match', 'wait'] as const;
export const IRRELEVANT = 0;
export const RELEVANT = 1;
export const ACTIVE = 2;

export const MIN_TRUNCATION = 2;
export const MAX_TRUNCATION = 200;

export interface SelfishMiningMdp {
  readonly alpha: number;
  readonly gamma: number;
  readonly truncation: number;
  readonly stateCount: number;
  /** Actions of state s are the state-action pairs actionStart[s] … actionStart[s+1]−1. */
  readonly actionStart: Int32Array;
  readonly actionKind: Uint8Array;
  /** Expected blocks credited to the attacker / to honest miners when the action is taken. */
  readonly rewardAttacker: Float64Array;
  readonly rewardHonest: Float64Array;
  /** Transitions of state-action i are transitionStart[i] … transitionStart[i+1]−1. */
  readonly transitionStart: Int32Array;
  readonly transitionNext: Int32Array;
  readonly transitionProb: Float64Array;
}

/** A stationary deterministic policy: the chosen state-action index for every state. */
export type Policy = Int32Array;

export function stateIndex(truncation: number, a: number, h: number, fork: number): number {
  return (a * (truncation + 1) + h) * 3 + fork;
}

export function decodeState(truncation: number, index: number): { a: number; h: number; fork: number } {
  const fork = index % 3;
  const ah = (index - fork) / 3;
  return { a: Math.floor(ah / (truncation + 1)), h: ah % (truncation + 1), fork };
}

interface Outcome {
  readonly a: number;
  readonly h: number;
  readonly fork: number;
  readonly p: number;
  readonly ra: number;
  readonly rh: number;
}

/** Transitions of one action in state (a, h, fork); null when the action is not allowed there. */
function outcomes(kind: number, a: number, h: number, fork: number, alpha: number, gamma: number, T: number): Outcome[] | null {
  const b = 1 - alpha;
  const canMine = a < T && h < T;
  switch (kind) {
    case ADOPT: // give up the private chain: the h public blocks become honest revenue
      return [
        { a: 1, h: 0, fork: IRRELEVANT, p: alpha, ra: 0, rh: h },
        { a: 0, h: 1, fork: IRRELEVANT, p: b, ra: 0, rh: h },
      ];
    case OVERRIDE: // publish h+1 blocks, orphaning the h public ones
      if (a <= h) return null;
      return [
        { a: a - h, h: 0, fork: IRRELEVANT, p: alpha, ra: h + 1, rh: 0 },
        { a: a - h - 1, h: 1, fork: RELEVANT, p: b, ra: h + 1, rh: 0 },
      ];
    case MATCH:
    case WAIT: {
      const racing = kind === MATCH ? fork === RELEVANT && a >= h : fork === ACTIVE;
      if (kind === MATCH && !racing) return null;
      if (!canMine || (racing && a < h)) return null;
      if (racing) {
        // A tie is public: γ of the honest power mines on the attacker's branch.
        return [
          { a: a + 1, h, fork: ACTIVE, p: alpha, ra: 0, rh: 0 },
          { a: a - h, h: 1, fork: RELEVANT, p: gamma * b, ra: h, rh: 0 },
          { a, h: h + 1, fork: RELEVANT, p: (1 - gamma) * b, ra: 0, rh: 0 },
        ];
      }
      return [
        { a: a + 1, h, fork: IRRELEVANT, p: alpha, ra: 0, rh: 0 },
        { a, h: h + 1, fork: RELEVANT, p: b, ra: 0, rh: 0 },
      ];
    }
    default:
      return null;
  }
}

/** Build the truncated MDP for attacker share α ∈ [0, ½], tie share γ ∈ [0, 1] and truncation T. */
export function buildSelfishMiningMdp(alpha: number, gamma: number, truncation: number): SelfishMiningMdp {
  requireInRange(alpha, 'alpha (attacker hash share)', 0, 0.5);
  requireProbability(gamma, 'gamma (tie-break share)');
  const T = requireInteger(truncation, 'truncation', MIN_TRUNCATION, MAX_TRUNCATION);
  const stateCount = 3 * (T + 1) * (T + 1);
  const actionStart = new Int32Array(stateCount + 1);
  const kinds: number[] = [];
  const ra: number[] = [];
  const rh: number[] = [];
  const tStart: number[] = [0];
  const tNext: number[] = [];
  const tProb: number[] = [];
  for (let s = 0; s < stateCount; s++) {
    actionStart[s] = kinds.length;
    const { a, h, fork } = decodeState(T, s);
    for (let kind = ADOPT; kind <= WAIT; kind++) {
      const outs = outcomes(kind, a, h, fork, alpha, gamma, T);
      if (!outs) continue;
      kinds.push(kind);
      let ea = 0;
      let eh = 0;
      for (const o of outs) {
        if (o.p === 0) continue;
        ea += o.p * o.ra;
        eh += o.p * o.rh;
        tNext.push(stateIndex(T, o.a, o.h, o.fork));
        tProb.push(o.p);
      }
      ra.push(ea);
      rh.push(eh);
      tStart.push(tNext.length);
    }
  }
  actionStart[stateCount] = kinds.length;
  return {
    alpha,
    gamma,
    truncation: T,
    stateCount,
    actionStart,
    actionKind: Uint8Array.from(kinds),
    rewardAttacker: Float64Array.from(ra),
    rewardHonest: Float64Array.from(rh),
    transitionStart: Int32Array.from(tStart),
    transitionNext: Int32Array.from(tNext),
    transitionProb: Float64Array.from(tProb),
  };
}

/** A policy choosing, in every state, the first allowed action of the rule's preference list. */
export function policyFromRule(mdp: SelfishMiningMdp, rule: (a: number, h: number, fork: number) => readonly number[]): Policy {
  const policy = new Int32Array(mdp.stateCount);
  for (let s = 0; s < mdp.stateCount; s++) {
    const { a, h, fork } = decodeState(mdp.truncation, s);
    let chosen = -1;
    for (const kind of [...rule(a, h, fork), ADOPT]) {
      for (let i = mdp.actionStart[s] as number; i < (mdp.actionStart[s + 1] as number); i++) {
        if (mdp.actionKind[i] === kind) chosen = i;
      }
      if (chosen >= 0) break;
    }
    policy[s] = chosen;
  }
  return policy;
}

/** Honest mining: publish at once (override a one-block lead), otherwise adopt. */
export function honestPolicy(mdp: SelfishMiningMdp): Policy {
  return policyFromRule(mdp, (a, h) => (a > h ? [OVERRIDE] : [ADOPT]));
}

/**
 * Eyal–Sirer SM1 in MDP terms (Sapirshtein et al. §3): adopt when behind; override when the lead
 * over a non-empty public branch shrinks to one; match a 1–1 tie and keep waiting in the race;
 * otherwise wait (honest blocks found against a lead ≥ 2 are orphaned when the attacker publishes).
 */
export function sm1Policy(mdp: SelfishMiningMdp): Policy {
  return policyFromRule(mdp, (a, h, fork) => {
    if (h > a) return [ADOPT];
    if (h >= 1 && a === h + 1) return [OVERRIDE];
    if (fork === ACTIVE) return [WAIT, OVERRIDE];
    if (a === 1 && h === 1) return [MATCH];
    return [WAIT, OVERRIDE];
  });
}

const LAZY = 0.1;

export interface PolicyValue {
  /** Long-run blocks per mining step credited to the attacker and to the honest miners. */
  readonly attackerRate: number;
  readonly honestRate: number;
  /** attackerRate / (attackerRate + honestRate). */
  readonly relativeRevenue: number;
}

/**
 * Long-run revenue of a policy: stationary distribution by power iteration on the slightly lazy
 * chain 0.1·I + 0.9·P (same stationary law; the self-loop rules out periodicity).
 */
export function evaluatePolicy(mdp: SelfishMiningMdp, policy: Policy, tolerance = 1e-13, maxIterations = 200_000): PolicyValue {
  const n = mdp.stateCount;
  let mu = new Float64Array(n);
  let next = new Float64Array(n);
  mu[stateIndex(mdp.truncation, 1, 0, IRRELEVANT)] = mdp.alpha;
  mu[stateIndex(mdp.truncation, 0, 1, IRRELEVANT)] = 1 - mdp.alpha;
  for (let it = 0; it < maxIterations; it++) {
    for (let s = 0; s < n; s++) next[s] = LAZY * (mu[s] as number);
    for (let s = 0; s < n; s++) {
      const m = mu[s] as number;
      if (m === 0) continue;
      const i = policy[s] as number;
      for (let t = mdp.transitionStart[i] as number; t < (mdp.transitionStart[i + 1] as number); t++) {
        const j = mdp.transitionNext[t] as number;
        next[j] = (next[j] as number) + (1 - LAZY) * m * (mdp.transitionProb[t] as number);
      }
    }
    let change = 0;
    for (let s = 0; s < n; s++) change += Math.abs((next[s] as number) - (mu[s] as number));
    [mu, next] = [next, mu];
    if (change < tolerance) break;
  }
  let attackerRate = 0;
  let honestRate = 0;
  for (let s = 0; s < n; s++) {
    const i = policy[s] as number;
    attackerRate += (mu[s] as number) * (mdp.rewardAttacker[i] as number);
    honestRate += (mu[s] as number) * (mdp.rewardHonest[i] as number);
  }
  const total = attackerRate + honestRate;
  return { attackerRate, honestRate, relativeRevenue: total > 0 ? attackerRate / total : 0 };
}
