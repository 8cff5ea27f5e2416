/**
 * @module Read Epoch AI files from the datasets folder and decode them (the only I/O of this
 * source). Errors name the absolute file path; see `decode/epoch-ai/` for what is validated.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../../domain/errors.js';
import type { ChipEstimateRecord, ChipQuantityRecord } from '../../decode/epoch-ai/chip-estimates.js';
import { decodeChipEstimates, decodeChipQuantities } from '../../decode/epoch-ai/chip-estimates.js';
import type { GpuClusterRecord } from '../../decode/epoch-ai/clusters.js';
import { decodeGpuClusters } from '../../decode/epoch-ai/clusters.js';
import type { DataCentreMilestone, DataCentreRecord } from '../../decode/epoch-ai/data-centres.js';
import { decodeDataCentres, decodeDataCentreTimelines } from '../../decode/epoch-ai/data-centres.js';
import type { MlHardwareRecord } from '../../decode/epoch-ai/hardware.js';
import { decodeMlHardware } from '../../decode/epoch-ai/hardware.js';
import type { ModelDatabase, ModelRecord } from '../../decode/epoch-ai/models.js';
import { decodeModels } from '../../decode/epoch-ai/models.js';
import type { Decoded, DecodeOptions } from '../../decode/epoch-ai/rows.js';
import { readCsv } from '../files/csv.js';
import type { ChipOwnerFolder } from './paths.js';
import { CHIP_OWNER_FOLDERS, CHIP_QUANTITY_FILE, EPOCH_CHIP_OWNERS_DIR, epochPath, INFRA_FILES, MODEL_FILES, OWNER_CUMULATIVE_FILES } from './paths.js';

export async function readModels(datasetsRoot: string, database: ModelDatabase, options: DecodeOptions = {}): Promise<Decoded<ModelRecord>> {
  return decodeModels(await readCsv(epochPath(datasetsRoot, MODEL_FILES[database])), database, options);
}

export async function readGpuClusters(datasetsRoot: string, options: DecodeOptions = {}): Promise<Decoded<GpuClusterRecord>> {
  return decodeGpuClusters(await readCsv(epochPath(datasetsRoot, INFRA_FILES.gpuClusters)), options);
}

export async function readMlHardware(datasetsRoot: string, options: DecodeOptions = {}): Promise<Decoded<MlHardwareRecord>> {
  return decodeMlHardware(await readCsv(epochPath(datasetsRoot, INFRA_FILES.mlHardware)), options);
}

export interface DataCentreData {
  readonly centres: Decoded<DataCentreRecord>;
  readonly timelines: Decoded<DataCentreMilestone>;
}

/** Sites and their milestones; a milestone naming a site missing from data_centers.csv is an error. */
export async function readDataCentres(datasetsRoot: string, options: DecodeOptions = {}): Promise<DataCentreData> {
  const centres = decodeDataCentres(await readCsv(epochPath(datasetsRoot, INFRA_FILES.dataCentres)), options);
  const handles = new Set(centres.rows.map((c) => c.handle));
  const timelines = decodeDataCentreTimelines(await readCsv(epochPath(datasetsRoot, INFRA_FILES.dataCentreTimelines)), handles, options);
  return { centres, timelines };
}

/** The cumulative owner totals behind `ai/compute-owners`, one decoded table per file. */
export async function readOwnerCumulativeTotals(datasetsRoot: string, options: DecodeOptions = {}): Promise<Decoded<ChipEstimateRecord>[]> {
  const out: Decoded<ChipEstimateRecord>[] = [];
  for (const rel of OWNER_CUMULATIVE_FILES) {
    out.push(decodeChipEstimates(await readCsv(epochPath(datasetsRoot, rel)), { ...options, requireOwner: true }));
  }
  return out;
}

export interface ChipEstimateFile {
  readonly folder: ChipOwnerFolder;
  readonly file: string;
  readonly decoded: Decoded<ChipEstimateRecord>;
}

export interface ChipOwnerData {
  /** Every chip-estimate CSV in owners/, sales/ and inputs/ (file names sorted within each folder). */
  readonly estimates: readonly ChipEstimateFile[];
  /** inputs/xai_chip_quantities.csv, when present. */
  readonly quantities?: Decoded<ChipQuantityRecord>;
}

async function listCsv(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.csv') || f.endsWith('.csv.gz')).sort();
  } catch (err) {
    throw new SourceError(`cannot list ${dir}: ${(err as Error).message}`, { cause: err, inputError: true });
  }
}

/** Decode the whole chip-owners dataset (owners/, sales/, inputs/). Owner files must name an owner in every row. */
export async function readChipOwnerData(datasetsRoot: string, options: DecodeOptions = {}): Promise<ChipOwnerData> {
  const estimates: ChipEstimateFile[] = [];
  let quantities: Decoded<ChipQuantityRecord> | undefined;
  for (const folder of CHIP_OWNER_FOLDERS) {
    const dir = join(epochPath(datasetsRoot, EPOCH_CHIP_OWNERS_DIR), folder);
    for (const file of await listCsv(dir)) {
      const table = await readCsv(join(dir, file));
      if (folder === 'inputs' && file === CHIP_QUANTITY_FILE) {
        quantities = decodeChipQuantities(table, options);
        continue;
      }
      estimates.push({ folder, file, decoded: decodeChipEstimates(table, { ...options, requireOwner: folder !== 'sales' }) });
    }
  }
  return { estimates, quantities };
}
