/**
 * @module Look a distribution up for a query without loading the whole catalogue when it is
 * `bitcoin/pools` (the catalogue's other entries import the AI, energy and economics loaders and
 * their schema library: ~0.3 s of module loading that `nakamoto metrics bitcoin/pools --input FILE`
 * does not need). Any other id goes to catalogue.ts, imported on first use.
 */
import { bitcoinPools } from './distributions/bitcoin-pools.js';
import type { DistributionEntry } from './distribution-entry.js';

export async function findDistribution(id: string): Promise<DistributionEntry> {
  if (id === bitcoinPools.id) return bitcoinPools;
  const { getDistribution } = await import('./catalogue.js');
  return getDistribution(id);
}
