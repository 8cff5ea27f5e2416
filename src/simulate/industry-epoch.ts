/**
 * @module Decisions taken at each difficulty retarget (every 2016 blocks): exit after a long
 * unprofitable spell, reinvestment in frontier hardware when it pays back in time, and entry of new
 * miners while new hardware is profitable at the median electricity price.
 */
import { choosePool, type PoolChoiceParams } from './industry-pools.js';
import { drawIndex, growMiners, paretoMeanOne, STATUS_ACTIVE, STATUS_EMPTY, type Miners } from './industry-state.js';
import { KWH_PER_WATT_DAY, type World } from './industry-world.js';
import type { Rng } from '../random/prng.js';

export interface EpochContext {
  readonly w: World;
  readonly day: number;
  /** Expected revenue per TH/s per day before pool fees (USD). */
  readonly hashpriceUsd: number;
  readonly networkTh: number;
  readonly poolHashTh: Float64Array;
  readonly poolParams: PoolChoiceParams;
  readonly util: Float64Array;
}

function median(values: Float64Array): number {
  const v = Float64Array.from(values).sort();
  return v.length ? v[v.length >> 1]! : NaN;
}

/** Apply one retarget's decisions; returns the (possibly grown) miners. */
export function epochDecisions(m: Miners, ctx: EpochContext, rng: Rng): Miners {
  const { w, day, hashpriceUsd } = ctx;
  const eco = w.s.economics;
  const effNew = w.frontier[w.fleetDays + day]!;
  const capexPerTh = eco.capexDaysOfHashprice * hashpriceUsd;
  let free = 0;
  for (let i = 0; i < m.size; i++) {
    const st = m.status[i]!;
    if (st === STATUS_EMPTY) {
      free++;
      continue;
    }
    if (st !== STATUS_ACTIVE) continue;
    if (m.offlineDays[i]! >= eco.exitAfterOfflineDays) {
      m.status[i] = STATUS_EMPTY;
      m.hashTh[i] = 0;
      free++;
      continue;
    }
    const r = m.region[i]!;
    if (w.banned[r] === 1 || m.capitalUsd[i]! <= 0) continue;
    const fee = m.pool[i]! >= 0 ? w.fee01[m.pool[i]!]! : 0;
    const margin = hashpriceUsd * (1 - fee) - effNew * KWH_PER_WATT_DAY * w.elecUsdPerKwh[r]! * m.costFactor[i]! - eco.overheadUsdPerThDay;
    if (margin <= 0 || capexPerTh / margin > eco.maxPaybackDays) continue;
    const spend = eco.reinvest01 * m.capitalUsd[i]!;
    const add = spend / capexPerTh;
    m.effJPerTh[i] = (m.hashTh[i]! * m.effJPerTh[i]! + add * effNew) / (m.hashTh[i]! + add);
    m.hashTh[i] = m.hashTh[i]! + add;
    m.capitalUsd[i] = m.capitalUsd[i]! - spend;
  }
  const open = w.entryWeight.map((x, r) => (w.banned[r] === 1 ? 0 : x));
  const medianElec = median(w.elecUsdPerKwh.filter((_, r) => open[r]! > 0));
  const marginNew = hashpriceUsd - effNew * KWH_PER_WATT_DAY * medianElec - eco.overheadUsdPerThDay;
  if (!(marginNew > 0) || capexPerTh / marginNew > eco.maxPaybackDays) return m;
  const entrants = rng.poisson(eco.entrantsPerEpoch);
  let slot = 0;
  for (let e = 0; e < entrants; e++) {
    if (free === 0) {
      m = growMiners(m);
      free = m.size / 2;
    }
    while (m.status[slot] !== STATUS_EMPTY) slot++;
    const region = drawIndex(rng, open);
    if (region < 0) break;
    free--;
    const hash = eco.entrantSize01 * ctx.networkTh * paretoMeanOne(rng, w.s.miners.sizeParetoAlpha);
    m.status[slot] = STATUS_ACTIVE;
    m.hashTh[slot] = hash;
    m.effJPerTh[slot] = effNew;
    m.region[slot] = region;
    m.capitalUsd[slot] = 0;
    m.costFactor[slot] = Math.exp(w.s.miners.costSpread * rng.normal());
    m.offlineDays[slot] = 0;
    m.banDay[slot] = -1;
    m.adoptU[slot] = rng.uniform();
    m.pool[slot] = choosePool(rng, hash, ctx.poolHashTh, ctx.networkTh, ctx.poolParams, ctx.util);
  }
  return m;
}
