/**
 * @module `loadEpochDistribution(id, options)`: read the files behind one Epoch AI distribution,
 * decode them, and build its ObservationSeries with notes (what was used, split, excluded) and
 * the organisation rules version. The composition point for the CLI and the catalogue.
 */
import { NotFoundError, UsageError } from '../../domain/errors.js';
import type { ObservationSeries } from '../../domain/observations.js';
import type { OrganisationLevel } from '../../decode/epoch-ai/organisation-rules.js';
import { ORGANISATION_LEVELS } from '../../decode/epoch-ai/organisation-rules.js';
import { datasetsRoot as defaultDatasetsRoot } from '../files/datasets-path.js';
import { readOrganisationRules } from './aliases.js';
import type { UnattributedPolicy } from './attribute-organisations.js';
import { EPOCH_DISTRIBUTION_IDS, isEpochDistributionId } from './ids.js';
import { clustersByCountrySeries, clustersByOwnerSeries } from './cluster-series.js';
import { computeOwnersSeries } from './compute-owners-series.js';
import type { FineTuneCompute } from './model-series.js';
import { frontierModelsSeries, notableModelsSeries, trainingComputeSeries } from './model-series.js';
import { readGpuClusters, readModels, readOwnerCumulativeTotals } from './read.js';

export interface EpochLoadOptions {
  /** Datasets folder; default `$NAKAMOTO_DATASETS` or ../shared/datasets. */
  readonly datasetsRoot?: string;
  /** 'organisation' (default): canonical organisations; 'parent': parent companies. */
  readonly level?: OrganisationLevel;
  /** Alias file; default data/aliases/ai-organisations.json. */
  readonly aliasesPath?: string;
  /** Skip and report invalid rows instead of failing on the first. */
  readonly skipInvalid?: boolean;
  /** Rows with no organisation / country: 'exclude' (default, counted) or 'keep' as `(unattributed)`. */
  readonly unattributed?: UnattributedPolicy;
  /** ai/frontier-models: keep rows Epoch flags Exclude. */
  readonly includeExcluded?: boolean;
  /** ai/clusters-*: keep clusters flagged Possible Duplicate. */
  readonly includePossibleDuplicates?: boolean;
  /** ai/clusters-*: only clusters in Epoch's standard analysis. */
  readonly standardAnalysisOnly?: boolean;
  /** ai/training-compute: 'total' (default, Epoch's Training compute) or 'incremental' (fine-tunes count their Finetune compute only). */
  readonly fineTunes?: FineTuneCompute;
  /** ai/compute-owners: leave out the "China" and "Other" groups. */
  readonly excludeAggregates?: boolean;
}

export interface LoadedEpochDistribution {
  readonly series: ObservationSeries;
  readonly notes: string[];
  /** First 12 hex of sha256 of the alias file; 'none' for ai/clusters-by-country (no organisations). */
  readonly rulesVersion: string;
}

export async function loadEpochDistribution(id: string, options: EpochLoadOptions = {}): Promise<LoadedEpochDistribution> {
  if (!isEpochDistributionId(id)) {
    throw new NotFoundError(`unknown distribution: ${id} (Epoch AI distributions: ${EPOCH_DISTRIBUTION_IDS.join(', ')})`);
  }
  const level = options.level ?? 'organisation';
  if (!ORGANISATION_LEVELS.includes(level)) throw new UsageError(`invalid level: ${String(level)} (expected ${ORGANISATION_LEVELS.join(' or ')})`);
  const root = options.datasetsRoot ?? defaultDatasetsRoot();
  const decode = { skipInvalid: options.skipInvalid };
  const clusterFilter = { includePossibleDuplicates: options.includePossibleDuplicates, standardAnalysisOnly: options.standardAnalysisOnly };

  if (id === 'ai/clusters-by-country') {
    const built = clustersByCountrySeries(await readGpuClusters(root, decode), { ...clusterFilter, unattributed: options.unattributed });
    return { ...built, rulesVersion: 'none' };
  }
  const { rules, rulesVersion, path } = await readOrganisationRules(options.aliasesPath);
  const attribution = { level, rules, unattributed: options.unattributed };
  const rulesNote = `organisation rules ${path} version ${rulesVersion}`;
  let built;
  switch (id) {
    case 'ai/compute-owners':
      built = computeOwnersSeries(await readOwnerCumulativeTotals(root, decode), { level, rules, excludeAggregates: options.excludeAggregates });
      break;
    case 'ai/frontier-models':
      built = frontierModelsSeries(await readModels(root, 'frontier', decode), { ...attribution, includeExcluded: options.includeExcluded });
      break;
    case 'ai/notable-models':
      built = notableModelsSeries(await readModels(root, 'notable', decode), attribution);
      break;
    case 'ai/training-compute':
      if (options.fineTunes !== undefined && options.fineTunes !== 'total' && options.fineTunes !== 'incremental') {
        throw new UsageError(`invalid fineTunes: ${String(options.fineTunes)} (expected total or incremental)`);
      }
      built = trainingComputeSeries(await readModels(root, 'notable', decode), { ...attribution, fineTunes: options.fineTunes });
      break;
    case 'ai/clusters-by-owner':
      built = clustersByOwnerSeries(await readGpuClusters(root, decode), { ...attribution, ...clusterFilter });
      break;
  }
  return { series: built.series, notes: [...built.notes, rulesNote], rulesVersion };
}
