/**
 * @module Where each Epoch AI file sits under the datasets root (see each folder's PROVENANCE.md),
 * and the default location of the organisation alias file.
 */
import { join } from 'node:path';
import type { ModelDatabase } from '../../decode/epoch-ai/models.js';
import { PROJECT_ROOT } from '../files/datasets-path.js';

export const EPOCH_MODELS_DIR = 'ai/epoch-ai-models';
export const EPOCH_INFRA_DIR = 'ai/epoch-compute-infrastructure';
export const EPOCH_CHIP_OWNERS_DIR = 'ai/epoch-ai-chip-owners';

export const MODEL_FILES: Readonly<Record<ModelDatabase, string>> = {
  notable: `${EPOCH_MODELS_DIR}/notable_ai_models.csv`,
  'large-scale': `${EPOCH_MODELS_DIR}/large_scale_ai_models.csv`,
  frontier: `${EPOCH_MODELS_DIR}/frontier_ai_models.csv`,
  all: `${EPOCH_MODELS_DIR}/all_ai_models.csv.gz`,
};

export const INFRA_FILES = {
  gpuClusters: `${EPOCH_INFRA_DIR}/gpu_clusters.csv`,
  mlHardware: `${EPOCH_INFRA_DIR}/ml_hardware.csv`,
  dataCentres: `${EPOCH_INFRA_DIR}/data_centers.csv`,
  dataCentreTimelines: `${EPOCH_INFRA_DIR}/data_center_timelines.csv`,
} as const;

/**
 * The owner files whose quarterly cumulative totals make up `ai/compute-owners`: one per chip
 * family (and CoreWeave's own model). Nvidia "Other" excludes the named owners, so the files do
 * not overlap.
 */
export const OWNER_CUMULATIVE_FILES = [
  `${EPOCH_CHIP_OWNERS_DIR}/owners/nvidia_owners_cumulative_totals.csv`,
  `${EPOCH_CHIP_OWNERS_DIR}/owners/nvidia_owners_OTHER_cumulative_totals.csv`,
  `${EPOCH_CHIP_OWNERS_DIR}/owners/coreweave_owners_cumulative_totals.csv`,
  `${EPOCH_CHIP_OWNERS_DIR}/owners/tpu_owners_cumulative_totals.csv`,
  `${EPOCH_CHIP_OWNERS_DIR}/owners/trainium_owners_cumulative_totals.csv`,
  `${EPOCH_CHIP_OWNERS_DIR}/owners/amd_owners_cumulative_totals.csv`,
] as const;

/** Sub-folders of the chip-owners dataset: owners/ (per owner), sales/ (shipments), inputs/ (named others). */
export const CHIP_OWNER_FOLDERS = ['owners', 'sales', 'inputs'] as const;
export type ChipOwnerFolder = (typeof CHIP_OWNER_FOLDERS)[number];

/** Files of the chip folders that are not chip-estimate tables. */
export const CHIP_QUANTITY_FILE = 'xai_chip_quantities.csv';

export const DEFAULT_ORGANISATION_ALIASES_PATH = join(PROJECT_ROOT, 'data/aliases/ai-organisations.json');

export function epochPath(datasetsRoot: string, relative: string): string {
  return join(datasetsRoot, relative);
}
