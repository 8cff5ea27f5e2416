/**
 * @module Event-driven block race between honest miners with propagation delays. Blocks arrive as a
 * Poisson process (exponential intervals, mean `meanIntervalSec`); the finder is drawn by hash share
 * and extends its own best tip; its block reaches every other miner `delaySec[finder]` later; miners
 * switch to a strictly higher tip (first-seen rule on ties). The main chain is the highest tip
 * (earliest found on ties). Blocks live in a ring of typed arrays and are finalised at a fixed
 * depth behind the best tip, so a run of any length allocates nothing per event.
 */
import type { Rng } from '../random/prng.js';

export interface RaceCounts {
  /** Blocks found per party. */
  readonly found: Float64Array;
  /** Blocks on the final main chain per party. */
  readonly main: Float64Array;
  readonly totalFound: number;
  readonly totalMain: number;
  /** Stale (orphaned) blocks / blocks found. */
  readonly staleRate01: number;
}

const CAP = 1 << 16;
const MASK = CAP - 1;
const CHUNK = 1 << 14;
const DEPTH = 64;
/** Blocks in flight per party (a ring per party: one party's blocks arrive in the order found). */
const QCAP = 1024;
const QMASK = QCAP - 1;

/** Simulate `blocks` found blocks among honest parties (≤ 255) with hash shares (sum 1) and per-party delays. */
export function simulateHonestRace(share01: Float64Array, delaySec: Float64Array, blocks: number, meanIntervalSec: number, rng: Rng): RaceCounts {
  const k = share01.length;
  const cum = new Float64Array(k);
  let acc = 0;
  for (let i = 0; i < k; i++) cum[i] = acc += share01[i]!;
  cum[k - 1] = Infinity;
  const parent = new Int32Array(CAP);
  const height = new Int32Array(CAP);
  const miner = new Uint8Array(CAP);
  const onMain = new Uint8Array(CAP);
  const tip = new Int32Array(k);
  const tipH = new Int32Array(k);
  const qT = new Float64Array(k * QCAP);
  const qB = new Int32Array(k * QCAP);
  const qHead = new Int32Array(k);
  const qLen = new Int32Array(k);
  const found = new Float64Array(k);
  const main = new Float64Array(k);
  let inFlight = 0;
  let finalized = 1; // id 0 is genesis (never counted)
  let nextId = 1;
  let stale = 0;
  parent[0] = -1;
  let t = 0;

  const deliver = (b: number): void => {
    const s = b & MASK;
    const h = height[s]!;
    const m = miner[s]!;
    for (let j = 0; j < k; j++) {
      if (j !== m && h > tipH[j]!) {
        tip[j] = b;
        tipH[j] = h;
      }
    }
  };

  /** Deliver every queued block that has arrived by `until`, earliest first. */
  const drain = (until: number): void => {
    while (inFlight > 0) {
      let who = -1;
      let at = until;
      for (let j = 0; j < k; j++) {
        if (qLen[j]! > 0) {
          const tj = qT[j * QCAP + qHead[j]!]!;
          if (tj <= at) {
            at = tj;
            who = j;
          }
        }
      }
      if (who < 0) return;
      deliver(qB[who * QCAP + qHead[who]!]!);
      qHead[who] = (qHead[who]! + 1) & QMASK;
      qLen[who] = qLen[who]! - 1;
      inFlight--;
    }
  };

  const finalize = (depth: number): void => {
    let best = 0;
    for (let j = 1; j < k; j++) if (tipH[j]! > tipH[best]! || (tipH[j] === tipH[best] && tip[j]! < tip[best]!)) best = j;
    let c = tip[best]!;
    for (let d = 0; d < depth && c >= finalized; d++) c = parent[c & MASK]!;
    if (c < finalized) return;
    for (let b = c; b >= finalized; b = parent[b & MASK]!) onMain[b & MASK] = 1;
    for (let b = finalized; b <= c; b++) {
      const s = b & MASK;
      if (onMain[s] === 1) {
        const w = miner[s]!;
        main[w] = main[w]! + 1;
      }
      else stale++;
    }
    finalized = c + 1;
  };

  // Uniforms drawn in blocks from the same stream (rng.fillUniform): identical results, no call per draw.
  const ubuf = new Float64Array(8192);
  let ui = ubuf.length;
  for (let n = 0; n < blocks; n++) {
    if (ui === ubuf.length) {
      rng.fillUniform(ubuf);
      ui = 0;
    }
    t -= meanIntervalSec * Math.log(1 - ubuf[ui++]!);
    if (inFlight > 0) drain(t);
    if (ui === ubuf.length) {
      rng.fillUniform(ubuf);
      ui = 0;
    }
    const u = ubuf[ui++]!;
    let f = 0;
    while (u >= cum[f]!) f++;
    const id = nextId++;
    const s = id & MASK;
    parent[s] = tip[f]!;
    const h = tipH[f]! + 1;
    height[s] = h;
    miner[s] = f;
    onMain[s] = 0;
    found[f] = found[f]! + 1;
    tip[f] = id;
    tipH[f] = h;
    const d = delaySec[f]!;
    if (d <= 0) deliver(id);
    else {
      if (qLen[f] === QCAP) throw new RangeError('block race: too many blocks in flight (delay ≫ block interval)');
      const slot = f * QCAP + ((qHead[f]! + qLen[f]!) & QMASK);
      qT[slot] = t + d;
      qB[slot] = id;
      qLen[f] = qLen[f]! + 1;
      inFlight++;
    }
    if (nextId - finalized >= CHUNK) {
      finalize(DEPTH);
      if (nextId - finalized >= CAP - CHUNK) throw new RangeError('block race: fork deeper than the finality window (delay ≫ block interval)');
    }
  }
  drain(Infinity);
  finalize(0);
  stale += nextId - finalized; // blocks after the best tip lost their race
  let totalMain = 0;
  for (let i = 0; i < k; i++) totalMain += main[i]!;
  return { found, main, totalFound: blocks, totalMain, staleRate01: stale / blocks };
}
