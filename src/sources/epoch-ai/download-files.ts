/**
 * @module What `downloadEpochData` fetches: for each Epoch dataset, the files, where Epoch publishes
 * them (URL path under a host) and where they go under a datasets root (the same layout as
 * ../shared/datasets/ai/epoch-*), grouped into units that are validated with the project's own
 * readers and replaced together or not at all. Sources: each folder's PROVENANCE.md and Epoch's
 * download links (see docs/ai-epoch.md, "Downloading fresh data").
 */
import { UsageError } from '../../domain/errors.js';
import type { ModelDatabase } from '../../decode/epoch-ai/models.js';
import { requireColumns } from '../../decode/csv/csv.js';
import { readCsv } from '../files/csv.js';
import { EPOCH_CHIP_OWNERS_DIR, epochPath, INFRA_FILES, MODEL_FILES } from './paths.js';
import { readChipOwnerData, readDataCentres, readGpuClusters, readMlHardware, readModels } from './read.js';

export const EPOCH_DATASETS = ['models', 'clusters', 'chip-owners'] as const;
export type EpochDataset = (typeof EPOCH_DATASETS)[number];

/** Epoch's site: "Data on AI Models", "GPU clusters", ML hardware, data centres, AI companies. */
export const DEFAULT_EPOCH_BASE_URL = 'https://epoch.ai';
/**
 * Epoch's chip-count repository (epoch-research/ai-chip-counts), raw files of its default branch.
 * The AI Chip Owners hub on epoch.ai offers only a zip with other file names; this repository is
 * where the per-owner CSVs of ai/epoch-ai-chip-owners come from (its PROVENANCE.md).
 */
export const DEFAULT_CHIP_COUNTS_URL = 'https://raw.githubusercontent.com/epoch-research/ai-chip-counts/HEAD';

export type EpochHost = 'epoch' | 'chip-counts';

export interface DownloadFile {
  readonly host: EpochHost;
  /** Path relative to the host's base URL, as published. */
  readonly urlPath: string;
  /** Path relative to the datasets root, as in ../shared/datasets (a `.gz` target is stored gzipped). */
  readonly target: string;
}

export interface DownloadUnit {
  readonly dataset: EpochDataset;
  readonly name: string;
  readonly files: readonly DownloadFile[];
  /** Decode the unit's files under `root` with the project's readers (strict); data rows per target. */
  readonly validate: (root: string) => Promise<Readonly<Record<string, number>>>;
}

const epoch = (urlPath: string, target: string): DownloadFile => ({ host: 'epoch', urlPath, target });

const MODEL_URL_PATHS: Readonly<Record<ModelDatabase, string>> = {
  notable: 'data/notable_ai_models.csv',
  'large-scale': 'data/large_scale_ai_models.csv',
  frontier: 'data/frontier_ai_models.csv',
  all: 'data/all_ai_models.csv',
};

function modelUnit(db: ModelDatabase): DownloadUnit {
  return {
    dataset: 'models',
    name: `${db} models`,
    files: [epoch(MODEL_URL_PATHS[db], MODEL_FILES[db])],
    validate: async (root) => ({ [MODEL_FILES[db]]: (await readModels(root, db)).report.rowsRead }),
  };
}

const COMPUTE_SPEND_FILE = 'ai/epoch-compute-infrastructure/ai_companies_compute_spend.csv';

const INFRA_UNITS: readonly DownloadUnit[] = [
  {
    dataset: 'clusters',
    name: 'GPU clusters',
    files: [epoch('data/gpu_clusters.csv', INFRA_FILES.gpuClusters)],
    validate: async (root) => ({ [INFRA_FILES.gpuClusters]: (await readGpuClusters(root)).report.rowsRead }),
  },
  {
    dataset: 'clusters',
    name: 'ML hardware',
    files: [epoch('data/ml_hardware.csv', INFRA_FILES.mlHardware)],
    validate: async (root) => ({ [INFRA_FILES.mlHardware]: (await readMlHardware(root)).report.rowsRead }),
  },
  {
    dataset: 'clusters',
    name: 'data centres',
    files: [
      epoch('data/data_centers/data_centers.csv', INFRA_FILES.dataCentres),
      epoch('data/data_centers/data_center_timelines.csv', INFRA_FILES.dataCentreTimelines),
    ],
    validate: async (root) => {
      const dc = await readDataCentres(root);
      return { [INFRA_FILES.dataCentres]: dc.centres.report.rowsRead, [INFRA_FILES.dataCentreTimelines]: dc.timelines.report.rowsRead };
    },
  },
  {
    dataset: 'clusters',
    name: 'AI companies compute spend',
    files: [epoch('data/ai_companies_compute_spend.csv', COMPUTE_SPEND_FILE)],
    // No decoder uses this file yet: check that it is a CSV table with the columns its PROVENANCE.md describes.
    validate: async (root) => {
      const table = await readCsv(epochPath(root, COMPUTE_SPEND_FILE));
      requireColumns(table, { company: 'Company', amount: 'Amount', date: 'Date' });
      return { [COMPUTE_SPEND_FILE]: table.rows.length };
    },
  },
];

/** Files of ai/epoch-ai-chip-owners (PROVENANCE.md): owners/ ← owners_csv_export/ (CoreWeave in its sub-folder), sales/ ← csv_export/, inputs/ ← data_inputs/. */
const CHIP_FILES: Readonly<Record<'owners' | 'sales' | 'inputs', readonly string[]>> = {
  owners: [
    'amd_owners_cumulative_by_chip.csv', 'amd_owners_cumulative_totals.csv', 'amd_owners_quarters.csv', 'amd_owners_quarters_by_chip.csv',
    'coreweave_owners_cumulative_by_chip.csv', 'coreweave_owners_cumulative_totals.csv', 'coreweave_owners_quarters_by_chip.csv',
    'nvidia_owners_OTHER_cumulative_by_chip.csv', 'nvidia_owners_OTHER_cumulative_totals.csv', 'nvidia_owners_OTHER_quarters_by_chip.csv',
    'nvidia_owners_cumulative_by_chip.csv', 'nvidia_owners_cumulative_totals.csv', 'nvidia_owners_quarters.csv', 'nvidia_owners_quarters_by_chip.csv',
    'tpu_owners_cumulative_by_chip.csv', 'tpu_owners_cumulative_totals.csv', 'tpu_owners_quarters_by_chip.csv',
    'trainium_owners_cumulative_by_chip.csv', 'trainium_owners_cumulative_totals.csv', 'trainium_owners_quarters_by_chip.csv',
  ],
  sales: [
    'amd_chip_timelines.csv', 'amd_cumulative_by_chip.csv', 'amd_cumulative_totals.csv',
    'nvidia_calendar_quarter_chip_timelines.csv', 'nvidia_cumulative_by_chip.csv', 'nvidia_cumulative_totals.csv', 'nvidia_fiscal_quarter_chip_timelines.csv',
    'tpu_calendar_quarter_chip_timelines.csv', 'tpu_cumulative_by_chip.csv', 'tpu_cumulative_totals.csv', 'tpu_fiscal_quarter_chip_timelines.csv',
    'trainium_chip_timelines.csv', 'trainium_cumulative_by_chip.csv', 'trainium_cumulative_totals.csv',
  ],
  inputs: ['named_other_owners_cumulative_by_chip.csv', 'named_other_owners_cumulative_totals.csv', 'xai_chip_quantities.csv'],
};

function chipUrlPath(folder: keyof typeof CHIP_FILES, file: string): string {
  if (folder === 'sales') return `csv_export/${file}`;
  if (folder === 'inputs') return `data_inputs/${file}`;
  return file.startsWith('coreweave_') ? `owners_csv_export/coreweave/${file}` : `owners_csv_export/${file}`;
}

/** The whole chip-owners folder is one unit: ai/compute-owners adds up six of its files, which must come from one export. */
const CHIP_UNIT: DownloadUnit = {
  dataset: 'chip-owners',
  name: 'AI chip owners',
  files: (Object.keys(CHIP_FILES) as (keyof typeof CHIP_FILES)[]).flatMap((folder) =>
    CHIP_FILES[folder].map((file) => ({ host: 'chip-counts' as const, urlPath: chipUrlPath(folder, file), target: `${EPOCH_CHIP_OWNERS_DIR}/${folder}/${file}` })),
  ),
  validate: async (root) => {
    const data = await readChipOwnerData(root);
    const rows: Record<string, number> = {};
    for (const e of data.estimates) rows[`${EPOCH_CHIP_OWNERS_DIR}/${e.folder}/${e.file}`] = e.decoded.report.rowsRead;
    if (data.quantities) rows[`${EPOCH_CHIP_OWNERS_DIR}/inputs/xai_chip_quantities.csv`] = data.quantities.report.rowsRead;
    return rows;
  },
};

export const DOWNLOAD_UNITS: readonly DownloadUnit[] = [
  ...(['notable', 'large-scale', 'frontier', 'all'] as const).map(modelUnit),
  ...INFRA_UNITS,
  CHIP_UNIT,
];

/** `models,clusters` → the datasets, in catalogue order; an unknown name is a UsageError. */
export function parseEpochDatasets(list: string): EpochDataset[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError(`invalid dataset list: "${list}" (expected some of ${EPOCH_DATASETS.join(', ')})`);
  for (const n of names) {
    if (!(EPOCH_DATASETS as readonly string[]).includes(n)) throw new UsageError(`invalid dataset: ${n} (expected ${EPOCH_DATASETS.join(', ')})`);
  }
  return EPOCH_DATASETS.filter((d) => names.includes(d));
}
