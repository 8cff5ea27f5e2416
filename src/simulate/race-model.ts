/**
 * @module A `block-race` scenario as one replicate: the honest race (with propagation delays) or,
 * when one party is selfish, the Eyal–Sirer state machine. Records main-chain blocks per party
 * (the revenue distribution), hash shares, and the stale rate.
 */
import type { Rng } from '../random/prng.js';
import { simulateHonestRace } from './race-honest.js';
import { simulateSelfishRace } from './race-selfish.js';
import { Recorder, type ReplicateResult } from './record.js';
import type { RaceScenario } from './scenario-schema.js';

export function runRace(s: RaceScenario, rng: Rng): ReplicateResult {
  const selfish = s.parties.findIndex((p) => p.strategy === 'selfish');
  // The selfish party goes first (the state machine's party 0).
  const order = selfish >= 0 ? [selfish, ...s.parties.keys()].filter((v, i, a) => a.indexOf(v) === i) : [...s.parties.keys()];
  const parties = order.map((i) => s.parties[i]!);
  const total = parties.reduce((a, p) => a + p.share01, 0);
  const share = Float64Array.from(parties.map((p) => p.share01 / total));
  const counts =
    selfish >= 0
      ? simulateSelfishRace(share, s.gamma01, s.blocks, rng)
      : simulateHonestRace(share, Float64Array.from(parties.map((p) => p.delaySec)), s.blocks, s.meanIntervalSec, rng);
  const rec = new Recorder(s.metrics);
  rec.step('final');
  const labels = parties.map((p) => p.name);
  rec.distribution('revenue', counts.main, labels);
  rec.distribution('hash', share, labels);
  rec.value('stale-rate01', counts.staleRate01);
  rec.value('blocks-found', counts.totalFound);
  return rec.result();
}
