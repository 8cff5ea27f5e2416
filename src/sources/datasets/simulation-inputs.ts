/**
 * @module The real data the mining scenarios use, read from the shared datasets (simulate/ itself
 * does no I/O: it receives these loaders as `ScenarioInputs`): the one ASIC table (`readAsicTable`,
 * the energy estimate's too: CBECI's 2021-02 list + data/hardware/asic-2021-2025.csv) and CBECI
 * country shares of hash rate by month.
 */
import { DecodeError } from '../../domain/errors.js';
import type { AsicModel } from '../../domain/asic-hardware.js';
import type { ScenarioInputs } from '../../simulate/prepare.js';
import { readCsv, requireColumns } from '../files/csv.js';
import { datasetPath, datasetsRoot } from '../files/datasets-path.js';
import { readAsicTable } from './asic-hardware.js';

export const CBECI_FILE = 'bitcoin/cbeci-mining-map/cbeci_mining_countries_2019-09_2022-01.csv';

type Env = Readonly<Record<string, string | undefined>>;

/** The one ASIC table, from the datasets root of `env` (the project's table sits in data/hardware). */
export function loadAsicModels(env?: Env): Promise<AsicModel[]> {
  return readAsicTable(datasetsRoot(env));
}

/** Monthly CBECI shares: month `YYYY-MM` → country → share01. */
export async function loadCbeciShares(env?: Env): Promise<Map<string, Map<string, number>>> {
  const table = await readCsv(datasetPath(CBECI_FILE, env));
  const col = requireColumns(table, ['date', 'country', 'monthly_hashrate_%']);
  const out = new Map<string, Map<string, number>>();
  table.rows.forEach((r, i) => {
    const month = (r[col.date] ?? '').slice(0, 7);
    const text = (r[col['monthly_hashrate_%']] ?? '').trim();
    const pct = Number(text.replace(/%$/, ''));
    if (!/^\d{4}-\d{2}$/.test(month) || !text.endsWith('%') || !Number.isFinite(pct)) {
      throw new DecodeError({ input: table.input, line: table.lines[i], field: 'monthly_hashrate_%' }, `invalid CBECI row: ${r.join(',')}`);
    }
    let m = out.get(month);
    if (!m) out.set(month, (m = new Map()));
    m.set(r[col.country] ?? '', pct / 100);
  });
  return out;
}

/** The scenario inputs read from the shared datasets (`env.NAKAMOTO_DATASETS`, else ../shared/datasets). */
export function datasetScenarioInputs(env?: Env): ScenarioInputs {
  return { asicModels: () => loadAsicModels(env), cbeciShares: () => loadCbeciShares(env) };
}
