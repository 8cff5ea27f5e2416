/**
 * @module The real data the mining scenarios use, read from the shared datasets (simulate/ itself
 * does no I/O: it receives these loaders as `ScenarioInputs`): the one ASIC table (`readAsicTable`,
 * the energy estimate's too: CBECI's 2021-02 list + data/hardware/asic-2021-2025.csv) and CBECI
 * country shares of hash rate by month (read by cbeci.ts, the one CBECI reader).
 */
import type { AsicModel } from '../../domain/asic-hardware.js';
import type { ScenarioInputs } from '../../simulate/prepare.js';
import { datasetPath, datasetsRoot } from '../files/datasets-path.js';
import { readAsicTable } from './asic-hardware.js';
import { CBECI_FILE, cbeciShares, readCbeciMap } from './cbeci.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The one ASIC table, from the datasets root of `env` (the project's table sits in data/hardware). */
export function loadAsicModels(env?: Env): Promise<AsicModel[]> {
  return readAsicTable(datasetsRoot(env));
}

/** Monthly CBECI shares: month `YYYY-MM` → canonical country (docs/countries.md) → share01, from the one CBECI reader. */
export async function loadCbeciShares(env?: Env): Promise<Map<string, Map<string, number>>> {
  return cbeciShares(await readCbeciMap(datasetPath(CBECI_FILE, env)));
}

/** The scenario inputs read from the shared datasets (`env.NAKAMOTO_DATASETS`, else ../shared/datasets). */
export function datasetScenarioInputs(env?: Env): ScenarioInputs {
  return { asicModels: () => loadAsicModels(env), cbeciShares: () => loadCbeciShares(env) };
}
