/**
 * @module The Epoch AI distributions the loader builds (`loadEpochDistribution(id)`) and the
 * dataset files each one reads. What each measures, its unit and caveats are the catalogue's
 * (pipeline/distributions/epoch-ai.ts; docs/ai-epoch.md).
 */
import { INFRA_FILES, MODEL_FILES, OWNER_CUMULATIVE_FILES } from './paths.js';

export const EPOCH_DISTRIBUTION_IDS = [
  'ai/compute-owners',
  'ai/frontier-models',
  'ai/notable-models',
  'ai/training-compute',
  'ai/clusters-by-country',
  'ai/clusters-by-owner',
] as const;
export type EpochDistributionId = (typeof EPOCH_DISTRIBUTION_IDS)[number];

/** The files under the datasets root that each distribution is built from. */
export const EPOCH_SOURCE_FILES: Readonly<Record<EpochDistributionId, readonly string[]>> = {
  'ai/compute-owners': [...OWNER_CUMULATIVE_FILES],
  'ai/frontier-models': [MODEL_FILES.frontier],
  'ai/notable-models': [MODEL_FILES.notable],
  'ai/training-compute': [MODEL_FILES.notable],
  'ai/clusters-by-country': [INFRA_FILES.gpuClusters],
  'ai/clusters-by-owner': [INFRA_FILES.gpuClusters],
};

export function isEpochDistributionId(id: string): id is EpochDistributionId {
  return (EPOCH_DISTRIBUTION_IDS as readonly string[]).includes(id);
}
