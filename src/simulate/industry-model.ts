/**
 * @module The agent-based Bitcoin mining industry model, in daily steps. Each day: exogenous price
 * and fees; bans take effect; each miner mines if hashprice (net of its pool's fee) covers its
 * electricity and overhead, and books revenue (pools pay expected value, FPPS-style; solo miners
 * get Poisson-many blocks); the day's blocks are Poisson(144·H/H_target); each 2016 blocks the
 * difficulty retargets (×4 clamp) and miners exit, reinvest and enter (industry-epoch.ts); some
 * miners reconsider their pool. Records hash per miner, pool, region (and template controller).
 */
import { epochDecisions } from './industry-epoch.js';
import { choosePool, type PoolChoiceParams } from './industry-pools.js';
import { drawIndex, initMiners, SOLO, STATUS_ACTIVE, STATUS_EMPTY, STATUS_WAITING, type Miners } from './industry-state.js';
import { buildWorld, dayLabel, KWH_PER_WATT_DAY, type World } from './industry-world.js';
import type { Rng } from '../random/prng.js';
import { Recorder, type ReplicateResult } from './record.js';
import type { IndustryScenario } from './scenario-schema.js';
import { BLOCKS_PER_DAY, RETARGET_INTERVAL, subsidyBtc } from './schedule.js';

export interface IndustryInputs {
  readonly scenario: IndustryScenario;
  /** Initial hash share per region (scenario or CBECI), same order as scenario.regions. */
  readonly regionShare01: readonly number[];
  /** Frontier efficiency (J/TH) per day from `fleetDays` before the start to the end. */
  readonly frontier: Float64Array;
  readonly fleetDays: number;
}

const FATE_EXIT = 0;
const FATE_RELOCATE = 1;
const FATE_COVERT = 2;

function applyBans(w: World, m: Miners, day: number, rng: Rng): void {
  for (const b of w.s.shocks) {
    if (b.date !== dayLabel(w, day)) continue;
    const r = w.regionNames.indexOf(b.region);
    if (b.affected01 === 1) w.banned[r] = 1;
    const dest = w.regionNames.map((n, k) => (w.banned[k] === 1 ? 0 : b.destinations ? (b.destinations[n] ?? 0) : w.entryWeight[k]!));
    for (let i = 0; i < m.size; i++) {
      if (m.status[i] === STATUS_EMPTY || m.region[i] !== r || m.banDay[i]! >= 0) continue;
      if (b.affected01 < 1 && rng.uniform() >= b.affected01) continue;
      m.banShock[i] = w.s.shocks.indexOf(b);
      m.banDay[i] = day + Math.floor(rng.uniform() * b.phaseInDays);
      const u = rng.uniform();
      m.banFate[i] = u < b.relocate01 ? FATE_RELOCATE : u < b.relocate01 + b.covert01 ? FATE_COVERT : FATE_EXIT;
      m.banDest[i] = Math.max(0, drawIndex(rng, dest));
    }
  }
}

function banTakesEffect(w: World, m: Miners, i: number, day: number): void {
  const b = w.s.shocks[m.banShock[i]!]!;
  m.banDay[i] = -1;
  const fate = m.banFate[i];
  if (fate === FATE_EXIT) {
    m.status[i] = STATUS_EMPTY;
    m.hashTh[i] = 0;
    return;
  }
  m.status[i] = STATUS_WAITING;
  if (fate === FATE_RELOCATE) {
    m.region[i] = m.banDest[i]!;
    m.resumeDay[i] = day + b.relocationDays;
    m.capitalUsd[i] = m.capitalUsd[i]! - b.relocationCostUsdPerTh * m.hashTh[i]!;
  } else m.resumeDay[i] = day + b.covertDelayDays;
}

export function runIndustry(inputs: IndustryInputs, rng: Rng): ReplicateResult {
  const s = inputs.scenario;
  const regionShare = Float64Array.from(inputs.regionShare01);
  const fleetDays = inputs.fleetDays;
  let m = initMiners(s, regionShare, (ago) => inputs.frontier[Math.max(0, fleetDays - ago)]!, rng);
  const w = buildWorld(s, regionShare, inputs.frontier, fleetDays, rng);
  const nPools = s.pools.length;
  const nRegions = s.regions.length;
  const poolHash = new Float64Array(nPools);
  const regionHash = new Float64Array(nRegions);
  const util = new Float64Array(nPools + 1);
  const poolParams: PoolChoiceParams = { fee01: w.fee01, ...s.poolChoice };
  const rec = new Recorder(s.metrics);
  const poolNames = s.pools.map((p) => p.name);
  let nextRetarget = (Math.floor(w.height / RETARGET_INTERVAL) + 1) * RETARGET_INTERVAL;
  const overhead = s.economics.overheadUsdPerThDay;

  for (let day = 0; day < w.days; day++) {
    applyBans(w, m, day, rng);
    const price = w.priceUsd[day]!;
    const rewardBtc = subsidyBtc(w.height) + w.feesBtc[day]!;
    const hashprice = (BLOCKS_PER_DAY * rewardBtc * price) / w.targetTh;
    const soloBlockRate = BLOCKS_PER_DAY / w.targetTh;
    poolHash.fill(0);
    regionHash.fill(0);
    let network = 0;
    let active = 0;
    for (let i = 0; i < m.size; i++) {
      const st = m.status[i]!;
      m.online[i] = 0;
      if (st === STATUS_EMPTY) continue;
      if (m.banDay[i] === day) {
        banTakesEffect(w, m, i, day);
        continue;
      }
      if (st === STATUS_WAITING) {
        if (day < m.resumeDay[i]!) continue;
        m.status[i] = STATUS_ACTIVE;
        m.offlineDays[i] = 0;
      }
      active++;
      const r = m.region[i]!;
      const p = m.pool[i]!;
      const h = m.hashTh[i]!;
      const costTh = m.effJPerTh[i]! * KWH_PER_WATT_DAY * w.elecUsdPerKwh[r]! * m.costFactor[i]! + overhead;
      const net = p >= 0 ? hashprice * (1 - w.fee01[p]!) : hashprice;
      if (net < costTh) {
        m.offlineDays[i] = m.offlineDays[i]! + 1;
        continue;
      }
      m.online[i] = 1;
      m.offlineDays[i] = 0;
      network += h;
      regionHash[r] = regionHash[r]! + h;
      let revenue: number;
      if (p >= 0) {
        poolHash[p] = poolHash[p]! + h;
        revenue = h * net;
      } else revenue = rng.poisson(soloBlockRate * h) * rewardBtc * price;
      m.capitalUsd[i] = m.capitalUsd[i]! + revenue - h * costTh;
    }

    const blocks = rng.poisson((BLOCKS_PER_DAY * network) / w.targetTh);
    const before = w.height;
    w.height += blocks;
    while (w.height >= nextRetarget) {
      const at = day + (nextRetarget - before) / blocks;
      const ratio = (nextRetarget - w.markHeight) / BLOCKS_PER_DAY / Math.max(1e-9, at - w.markDay);
      w.targetTh *= Math.min(4, Math.max(0.25, ratio));
      w.markHeight = nextRetarget;
      w.markDay = at;
      nextRetarget += RETARGET_INTERVAL;
      m = epochDecisions(m, { w, day, hashpriceUsd: hashprice, networkTh: network, poolHashTh: poolHash, poolParams, util }, rng);
    }

    if (day % s.recordEveryDays === 0 || day === w.days - 1) {
      rec.step(dayLabel(w, day));
      record(rec, m, w, day, poolHash, regionHash, poolNames);
      rec.value('hashrate-ehs', network / 1e6);
      rec.value('difficulty-hashrate-ehs', w.targetTh / 1e6);
      rec.value('price-usd', price);
      rec.value('hashprice-usd-per-th-day', hashprice);
      rec.value('frontier-j-per-th', w.frontier[fleetDays + day]!);
      rec.value('miners-active', active);
      rec.value('height', w.height);
    }

    // Pool switching after recording, so a record shows the pools that mined that day.
    const switchers = rng.binomial(active, s.poolChoice.switch01PerDay);
    for (let k = 0; k < switchers; k++) {
      const i = rng.int(m.size);
      if (m.status[i] !== STATUS_ACTIVE) continue;
      m.pool[i] = choosePool(rng, m.hashTh[i]!, poolHash, network, poolParams, util);
    }
  }
  return rec.result();
}

function record(rec: Recorder, m: Miners, w: World, day: number, poolHash: Float64Array, regionHash: Float64Array, poolNames: readonly string[]): void {
  const minerHash: number[] = [];
  const solo: number[] = [];
  const adopters: number[] = [];
  const tc = w.s.templateChoice;
  const adoption = tc ? tc.adoptionStart01 + ((tc.adoptionEnd01 - tc.adoptionStart01) * day) / Math.max(1, w.days - 1) : 0;
  const templatePool = new Float64Array(poolHash.length);
  for (let i = 0; i < m.size; i++) {
    if (m.online[i] !== 1) continue;
    const h = m.hashTh[i]!;
    minerHash.push(h);
    const p = m.pool[i]!;
    if (p === SOLO) solo.push(h);
    else if (m.adoptU[i]! < adoption) adopters.push(h);
    else templatePool[p] = templatePool[p]! + h;
  }
  rec.distribution('miners', Float64Array.from(minerHash));
  rec.distribution('pools', Float64Array.from([...poolHash, ...solo]), poolNames);
  rec.distribution('regions', Float64Array.from(regionHash), w.regionNames);
  if (tc) rec.distribution('templates', Float64Array.from([...templatePool, ...adopters, ...solo]), poolNames);
}
