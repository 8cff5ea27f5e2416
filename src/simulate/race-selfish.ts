/**
 * @module Selfish mining as the Eyal–Sirer state machine ("Majority is not enough", FC 2014,
 * Algorithm 1): one selfish pool with hash share α against honest parties (1 − α in total); in a
 * tie, a share γ of honest hash mines on the selfish branch. Each step one block is found (the
 * interval does not matter to who wins); blocks are credited when their fate is decided.
 */
import type { Rng } from '../random/prng.js';
import type { RaceCounts } from './race-honest.js';

/**
 * Party 0 is selfish with share `share01[0]`; parties 1.. are honest. Returns main-chain blocks per
 * party; private blocks still unpublished at the end are not counted.
 */
export function simulateSelfishRace(share01: Float64Array, gamma01: number, blocks: number, rng: Rng): RaceCounts {
  const k = share01.length;
  const alpha = share01[0]!;
  const cum = new Float64Array(k);
  let acc = 0;
  for (let i = 1; i < k; i++) cum[i] = acc += share01[i]! / (1 - alpha);
  cum[k - 1] = Infinity;
  const found = new Float64Array(k);
  const main = new Float64Array(k);
  let lead = 0;
  let tie = false; // state 0': two public branches of equal length
  let tieHonest = 0; // which honest party found the honest branch's block in state 0'
  for (let n = 0; n < blocks; n++) {
    if (rng.uniform() < alpha) {
      found[0] = found[0]! + 1;
      if (tie) {
        main[0] = main[0]! + 2;
        tie = false;
      } else lead++;
      continue;
    }
    const v = rng.uniform();
    let h = 1;
    while (v >= cum[h]!) h++;
    found[h] = found[h]! + 1;
    if (tie) {
      if (rng.uniform() < gamma01) {
        main[0] = main[0]! + 1;
        main[h] = main[h]! + 1;
      } else {
        main[tieHonest] = main[tieHonest]! + 1;
        main[h] = main[h]! + 1;
      }
      tie = false;
    } else if (lead === 0) main[h] = main[h]! + 1;
    else if (lead === 1) {
      tie = true;
      tieHonest = h;
      lead = 0;
    } else if (lead === 2) {
      main[0] = main[0]! + 2;
      lead = 0;
    } else {
      main[0] = main[0]! + 1;
      lead--;
    }
  }
  let totalMain = 0;
  for (let i = 0; i < k; i++) totalMain += main[i]!;
  const decided = blocks - lead - (tie ? 2 : 0);
  return { found, main, totalFound: blocks, totalMain, staleRate01: (decided - totalMain) / decided };
}
