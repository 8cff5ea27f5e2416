import { describe, expect, it } from 'vitest';
import { runAiMarket } from './ai-market.js';
import { yumaIncentive } from './ai-rewards.js';
import { Rng } from '../random/prng.js';
import { validateScenario } from './scenario-load.js';
import { loadScenario } from '../sources/scenarios/scenario-files.js';
import type { AiMarketScenario } from './scenario-schema.js';
import { setPath } from './sweep.js';

async function market(name: string, changes: Record<string, number | string | boolean> = {}): Promise<AiMarketScenario> {
  let s: unknown = await loadScenario(name);
  s = setPath(s, 'steps', 40);
  for (const [k, v] of Object.entries(changes)) s = setPath(s, k, v);
  return validateScenario(s, name) as AiMarketScenario;
}

describe('AI compute market', () => {
  it('when every validator reports the same weights, Yuma pays exactly those weights', () => {
    const row = [0.5, 0.3, 0.2];
    const w = Float64Array.from([...row, ...row, ...row, ...row]);
    const { incentive } = yumaIncentive(w, Float64Array.from([5, 1, 1, 3]), 3, 0.5);
    row.forEach((x, i) => expect(incentive[i]).toBeCloseTo(x, 14));
  });

  it('a per-entity cap bounds every provider’s reward share at every step', async () => {
    const r = runAiMarket(await market('capped-rewards'), Rng.forReplicate(1, 0));
    for (const x of r.metrics.rewards!['max-share']!) expect(x).toBeLessThanOrEqual(0.05 + 1e-12);
  });

  it('splitting into identities evades a per-identity cap but not a per-entity one', async () => {
    const perIdentity = await market('capped-rewards', { 'reward.identitiesPerProvider': 4, 'reward.capPerEntity': false });
    const perEntity = await market('capped-rewards', { 'reward.identitiesPerProvider': 4, 'reward.capPerEntity': true });
    const maxOf = (s: AiMarketScenario) => Math.max(...runAiMarket(s, Rng.forReplicate(2, 0)).metrics.rewards!['max-share']!);
    expect(maxOf(perIdentity)).toBeGreaterThan(0.05);
    expect(maxOf(perEntity)).toBeLessThanOrEqual(0.05 + 1e-12);
  });

  it('collusion by a stake majority raises the largest provider’s share; by a minority it is clipped away', async () => {
    const top = async (stake: number) => {
      const s = await market('bittensor-like-rewards', { 'yuma.colludingStake01': stake, 'yuma.collusionBias01': 1, 'dynamics.reinvest01': 0 });
      return runAiMarket(s, Rng.forReplicate(3, 0)).metrics.rewards!['max-share']![0]!;
    };
    const none = await top(0);
    const minority = await top(0.3);
    const majority = await top(0.8);
    expect(majority).toBeGreaterThan(none + 0.1);
    expect(Math.abs(minority - none)).toBeLessThan(0.02);
  });
});
