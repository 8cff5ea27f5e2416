/**
 * @module AI compute market: providers with heterogeneous capacity (compute units), unit cost and
 * quality sell work against a growing demand; each step an emission (tokens) is split among them by
 * the scenario's reward rule (pay-per-work or Yuma stake-weighted validation), optionally capped per
 * entity; providers reinvest profit in capacity, exit after a losing streak, and new ones enter
 * while the market pays. Records the distribution of rewards and of capacity per provider.
 */
import { capShares, payPerWork, yumaIncentive } from './ai-rewards.js';
import { paretoMeanOne } from './industry-state.js';
import type { Rng } from '../random/prng.js';
import { Recorder, type ReplicateResult } from './record.js';
import type { AiMarketScenario } from './scenario-schema.js';
import { dayNumber, isoDay } from './schedule.js';

interface Providers {
  capacity: number[];
  cost: number[];
  quality: number[];
  losing: number[];
  active: boolean[];
}

function addProvider(p: Providers, s: AiMarketScenario, capacity: number, rng: Rng): void {
  p.capacity.push(capacity);
  p.cost.push(s.providers.meanCostUsdPerUnitStep * Math.exp(s.providers.costSpread * rng.normal()));
  p.quality.push(Math.exp(s.providers.qualitySpread * rng.normal()));
  p.losing.push(0);
  p.active.push(true);
}

/** Base shares per provider under Yuma: validators score every identity with noise, colluders favour the largest provider. */
function yumaShares(s: AiMarketScenario, work: Float64Array, stake: Float64Array, colluder: Uint8Array, top: number, rng: Rng): Float64Array {
  const y = s.yuma!;
  const k = s.reward.identitiesPerProvider;
  const n = work.length;
  const m = n * k;
  const v = stake.length;
  const weights = new Float64Array(v * m);
  for (let a = 0; a < v; a++) {
    let row = 0;
    for (let j = 0; j < m; j++) {
      const x = Math.max(0, (work[Math.floor(j / k)]! / k) * (1 + y.noise01 * rng.normal()));
      weights[a * m + j] = x;
      row += x;
    }
    if (colluder[a] === 1 && top >= 0) {
      for (let c = 0; c < k; c++) weights[a * m + top * k + c] = weights[a * m + top * k + c]! + ((y.collusionBias01 * (row > 0 ? row : 1)) / k);
      row += y.collusionBias01 * (row > 0 ? row : 1);
    }
    for (let j = 0; j < m; j++) weights[a * m + j] = row > 0 ? weights[a * m + j]! / row : 1 / m;
  }
  const identityShare = yumaIncentive(weights, stake, m, y.kappa01).incentive;
  return identityShare;
}

/** Fold identity shares (k per provider) into provider shares, applying the cap at the configured level. */
function applyCap(s: AiMarketScenario, identityShare: Float64Array, n: number): Float64Array {
  const k = s.reward.identitiesPerProvider;
  const cap = s.reward.cap01;
  const fold = (x: Float64Array) => {
    const out = new Float64Array(n);
    for (let j = 0; j < x.length; j++) out[Math.floor(j / k)] = out[Math.floor(j / k)]! + x[j]!;
    return out;
  };
  if (cap === undefined) return fold(identityShare);
  return s.reward.capPerEntity ? capShares(fold(identityShare), cap) : fold(capShares(identityShare, cap));
}

export function runAiMarket(s: AiMarketScenario, rng: Rng): ReplicateResult {
  const p: Providers = { capacity: [], cost: [], quality: [], losing: [], active: [] };
  const meanCap = s.demand.unitsPerStep / s.providers.count;
  for (let i = 0; i < s.providers.count; i++) addProvider(p, s, meanCap * paretoMeanOne(rng, s.providers.capacityParetoAlpha), rng);
  const y = s.yuma;
  const stake = new Float64Array(y?.count ?? 0);
  const colluder = new Uint8Array(stake.length);
  if (y) {
    for (let a = 0; a < stake.length; a++) stake[a] = paretoMeanOne(rng, y.stakeParetoAlpha);
    const total = stake.reduce((x, z) => x + z, 0);
    let acc = 0;
    const byStake = Array.from(stake.keys()).sort((a, b) => stake[b]! - stake[a]!);
    for (const a of byStake) {
      if (acc + stake[a]! > y.colludingStake01 * total + 1e-12) break;
      colluder[a] = 1;
      acc += stake[a]!;
    }
  }
  const rec = new Recorder(s.metrics);
  const startDay = dayNumber(s.start);
  const emissionUsd = s.reward.emissionPerStep * s.reward.tokenPriceUsd;
  for (let t = 0; t < s.steps; t++) {
    const n = p.capacity.length;
    const demand = s.demand.unitsPerStep * (1 + s.demand.growth01PerStep) ** t;
    let supply = 0;
    let top = -1;
    for (let i = 0; i < n; i++) {
      if (!p.active[i]) continue;
      supply += p.capacity[i]!;
      if (top < 0 || p.capacity[i]! > p.capacity[top]!) top = i;
    }
    const used = supply > 0 ? Math.min(1, demand / supply) : 0;
    const work = new Float64Array(n);
    for (let i = 0; i < n; i++) if (p.active[i]) work[i] = p.capacity[i]! * used * p.quality[i]!;
    const k = s.reward.identitiesPerProvider;
    const base = s.reward.mechanism === 'yuma' ? yumaShares(s, work, stake, colluder, top, rng) : payPerWork(Float64Array.from({ length: n * k }, (_, j) => work[Math.floor(j / k)]! / k));
    const share = applyCap(s, base, n);
    const reward = new Float64Array(n);
    let paid = 0;
    let margins = 0;
    for (let i = 0; i < n; i++) {
      if (!p.active[i]) continue;
      reward[i] = share[i]! * emissionUsd;
      paid += share[i]!;
      const profit = reward[i]! - p.capacity[i]! * p.cost[i]!;
      margins += profit;
      if (profit < 0) p.losing[i] = p.losing[i]! + 1;
      else {
        p.losing[i] = 0;
        p.capacity[i] = p.capacity[i]! + (s.dynamics.reinvest01 * profit) / s.dynamics.capexUsdPerUnit;
      }
      if (p.losing[i]! >= s.dynamics.exitAfterSteps) p.active[i] = false;
    }
    if (t % s.recordEvery === 0 || t === s.steps - 1) {
      rec.step(isoDay(startDay + t * s.stepDays));
      rec.distribution('rewards', reward);
      rec.distribution('capacity', Float64Array.from(p.capacity.map((c, i) => (p.active[i] ? c : 0))));
      rec.value('providers-active', p.active.filter(Boolean).length);
      rec.value('utilization01', used);
      rec.value('emission-paid01', paid);
    }
    if (margins > 0) {
      const entrants = rng.poisson(s.dynamics.entrantsPerStep);
      for (let e = 0; e < entrants; e++) addProvider(p, s, s.dynamics.entrantCapacityUnits, rng);
    }
  }
  return rec.result();
}
