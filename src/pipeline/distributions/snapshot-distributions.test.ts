/**
 * The snapshot distributions (Bittensor, Hugging Face) as catalogue entries: metadata, `--source`
 * picking a sample or measure over the staged files, and refusals naming what is offered.
 */
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { loadBittensorStake } from '../../sources/bittensor/load.js';
import { loadHfModelsByAuthor } from '../../sources/huggingface/load.js';
import { getDistribution, listDistributions } from '../catalogue.js';

const ctx = { store: null, datasetsRoot: datasetsRoot() };
const byPrefix = (p: string) => listDistributions().filter((e) => e.id.startsWith(p));

describe('Bittensor entries', () => {
  it('lists three stock distributions with caveats', () => {
    expect(byPrefix('bittensor/').map((e) => [e.id, e.levels])).toEqual([
      ['bittensor/subnet-emission', ['subnet']],
      ['bittensor/stake', ['coldkey']],
      ['bittensor/incentive', ['coldkey']],
    ]);
    for (const e of byPrefix('bittensor/')) {
      expect(e.aggregation).toBe('stock');
      expect(e.caveats.length).toBeGreaterThan(1);
    }
  });

  it('the stake entry takes its measure as source, the same series as the loader', async () => {
    const alpha = await getDistribution('bittensor/stake').load({ ...ctx, source: 'alpha' });
    expect(alpha.provenance.source).toBe('alpha');
    expect((alpha.provenance.notes ?? []).join('\n')).toMatch(/alpha staked on the hotkeys/);
    expect(alpha.series).toEqual((await loadBittensorStake(ctx.datasetsRoot, { measure: 'alpha' })).series);
    await expect(getDistribution('bittensor/stake').load({ ...ctx, source: 'beta' })).rejects.toThrow('invalid --source: beta (bittensor/stake offers total, alpha, validators; more with ingested snapshots)');
    await expect(getDistribution('bittensor/incentive').load({ ...ctx, level: 'subnet' })).rejects.toThrow('invalid level: subnet (bittensor/incentive offers coldkey)');
  });
});

describe('Hugging Face entries', () => {
  it('list the sample stocks, the trending series and the lineage, with sample caveats', () => {
    const hf = byPrefix('hf/');
    expect(hf.map((e) => e.id)).toEqual(['hf/downloads-by-author', 'hf/models-by-author', 'hf/trending-authors', 'hf/trending-downloads', 'hf/derivatives-by-base-org']);
    expect(hf.map((e) => e.aggregation)).toEqual(['stock', 'stock', 'flow', 'stock', 'stock']);
    expect(hf.every((e) => e.caveats.length >= 3)).toBe(true);
    // The default sample is not the Hub: said in the title and first caveat.
    expect(hf[0]!.title).toMatch(/not the whole Hub/);
    expect(hf[0]!.caveats[0]).toMatch(/^NOT the whole Hub/);
    expect(hf[0]!.caveats.join(' ')).toMatch(/search.*"open"/);
    expect(hf[0]!.caveats.join(' ')).toMatch(/7 organisations only/);
  });

  it('take the sample (or attribution) as their source', async () => {
    const labs = await getDistribution('hf/models-by-author').load({ ...ctx, source: 'major-labs' });
    expect(labs.series.entities).toHaveLength(7);
    expect(labs.series).toEqual((await loadHfModelsByAuthor(ctx.datasetsRoot, { sample: 'major-labs' })).series);
    expect(labs.provenance.source).toBe('major-labs');
    await expect(getDistribution('hf/derivatives-by-base-org').load({ ...ctx, source: 'sideways' })).rejects.toThrow(/invalid --source: sideways \(hf\/derivatives-by-base-org offers root, parent/);
    const trending = await getDistribution('hf/trending-authors').load(ctx);
    expect(trending.provenance.source).toBe('huggingface');
    expect(trending.provenance.notes?.[0]).toMatch(/^latest snapshot /);
  });
});
