/**
 * @module The real data the mining scenarios use, read from the shared datasets (simulate/ itself
 * does no I/O: it receives these loaders as `ScenarioInputs`): ASIC models with release dates and J/TH (bitcoin/asic-hardware, CBECI list of
 * 2021-02 and F2Pool's device list of 2020-03) and CBECI country shares of hash rate by month (read by cbeci.ts, the one CBECI reader).
 */
import { DecodeError } from '../../domain/errors.js';
import type { AsicGeneration } from '../../simulate/hardware.js';
import type { ScenarioInputs } from '../../simulate/prepare.js';
import { readCsv, requireColumns } from '../files/csv.js';
import { datasetPath } from '../files/datasets-path.js';
import { CBECI_FILE, cbeciShares, readCbeciMap } from './cbeci.js';

export const ASIC_FILE = 'bitcoin/asic-hardware/asic_models_normalized.csv';

type Env = Readonly<Record<string, string | undefined>>;

/** Every ASIC model row (both sources) as a generation. */
export async function loadAsicGenerations(env?: Env): Promise<AsicGeneration[]> {
  const table = await readCsv(datasetPath(ASIC_FILE, env));
  const col = requireColumns(table, ['source', 'model', 'release_date', 'efficiency_j_per_th']);
  return table.rows.map((r, i) => {
    const eff = Number(r[col.efficiency_j_per_th]);
    const released = r[col.release_date] ?? '';
    if (!(eff > 0) || !/^\d{4}-\d{2}-\d{2}$/.test(released)) {
      throw new DecodeError({ input: table.input, line: table.lines[i], field: 'efficiency_j_per_th' }, `invalid ASIC row: ${r.join(',')}`);
    }
    return { model: `${r[col.model]} (${r[col.source]})`, released, efficiencyJPerTh: eff };
  });
}

/** Monthly CBECI shares: month `YYYY-MM` → canonical country (docs/countries.md) → share01, from the one CBECI reader. */
export async function loadCbeciShares(env?: Env): Promise<Map<string, Map<string, number>>> {
  return cbeciShares(await readCbeciMap(datasetPath(CBECI_FILE, env)));
}

/** The scenario inputs read from the shared datasets (`env.NAKAMOTO_DATASETS`, else ../shared/datasets). */
export function datasetScenarioInputs(env?: Env): ScenarioInputs {
  return { asicGenerations: () => loadAsicGenerations(env), cbeciShares: () => loadCbeciShares(env) };
}
