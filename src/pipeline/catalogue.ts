/**
 * @module The catalogue of distributions: every "weights per entity over time" the tool can measure,
 * one module each under distributions/ (one DistributionEntry: metadata and how to load it; a tight
 * family such as the Epoch ids shares one), registered in the one list below. `nakamoto
 * distributions` lists it and `nakamoto metrics <id>` looks ids up here.
 */
import { didYouMean } from '../domain/suggest.js';
import { NotFoundError } from '../domain/errors.js';
import type { DistributionEntry } from './distribution-entry.js';
import { aiPowerByCountry, aiPowerByOwner } from './distributions/ai-power.js';
import { bitcoinEmptyBlocksByPool, bitcoinFeesByPool, bitcoinRevenueByPool } from './distributions/bitcoin-economics.js';
import { bitcoinHashrateByCountry } from './distributions/bitcoin-hashrate-by-country.js';
import { bitcoinPools } from './distributions/bitcoin-pools.js';
import { bitcoinPowerByCountry } from './distributions/bitcoin-power-by-country.js';
import { bittensorIncentive, bittensorStake, bittensorSubnetEmission } from './distributions/bittensor.js';
import { epochAiEntries } from './distributions/epoch-ai.js';
import { hfDerivativesByBaseOrg, hfDownloadsByAuthor, hfModelsByAuthor, hfTrendingAuthors, hfTrendingDownloads } from './distributions/huggingface.js';

export type { DistributionEntry, LoadContext } from './distribution-entry.js';

/** Every distribution, in the order `nakamoto distributions` and docs/distributions.md list them. */
const entries: readonly DistributionEntry[] = [
  bitcoinPools,
  bitcoinHashrateByCountry,
  ...epochAiEntries,
  bitcoinPowerByCountry,
  aiPowerByOwner,
  aiPowerByCountry,
  bitcoinFeesByPool,
  bitcoinRevenueByPool,
  bitcoinEmptyBlocksByPool,
  bittensorSubnetEmission,
  bittensorStake,
  bittensorIncentive,
  hfDownloadsByAuthor,
  hfModelsByAuthor,
  hfTrendingAuthors,
  hfTrendingDownloads,
  hfDerivativesByBaseOrg,
];

export function listDistributions(): readonly DistributionEntry[] {
  return entries;
}

export function getDistribution(id: string): DistributionEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new NotFoundError(`invalid distribution: ${id}${didYouMean(id, entries.map((x) => x.id))} (known: ${entries.map((x) => x.id).join(', ')}; or \`file <csv>\`)`);
  return e;
}
