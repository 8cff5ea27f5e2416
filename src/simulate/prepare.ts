/**
 * @module Turn a validated scenario into the plain-data inputs a replicate needs (loading real data
 * once, in the calling thread): the ASIC efficiency frontier (the one ASIC table, domain/asic-hardware.ts,
 * plus the scenario's `hardware.extra`) and, when asked, CBECI region shares.
 * The data comes through `ScenarioInputs` (sources/datasets/simulation-inputs.ts reads the shared
 * datasets), so simulate/ does no I/O. The result is structured-cloneable, so worker threads run
 * replicates without any I/O.
 */
import type { AsicEfficiency } from '../domain/asic-hardware.js';
import { regionName } from '../domain/countries.js';
import { UsageError } from '../domain/errors.js';
import { frontierSeries } from './hardware.js';
import type { IndustryInputs } from './industry-model.js';
import type { AiMarketScenario, IndustryScenario, RaceScenario, Scenario } from './scenario-schema.js';
import { DAY_SEC, dayNumber } from './schedule.js';

export type PreparedScenario =
  | { readonly model: 'industry'; readonly scenario: IndustryScenario; readonly inputs: IndustryInputs }
  | { readonly model: 'ai-market'; readonly scenario: AiMarketScenario }
  | { readonly model: 'block-race'; readonly scenario: RaceScenario };

/** The real data mining scenarios use, supplied by the caller. */
export interface ScenarioInputs {
  /** The one ASIC table (the energy estimate's too): models with release day and efficiency. */
  asicModels(): Promise<AsicEfficiency[]>;
  /** CBECI shares of hash rate: month `YYYY-MM` → canonical country (domain/countries.ts) → share01. */
  cbeciShares(): Promise<Map<string, Map<string, number>>>;
}

function need(inputs: ScenarioInputs | undefined): ScenarioInputs {
  if (!inputs) throw new UsageError('this industry scenario needs real data: pass ScenarioInputs (datasetScenarioInputs() reads the shared datasets)');
  return inputs;
}

async function regionShares(s: IndustryScenario, inputs?: ScenarioInputs): Promise<number[]> {
  if (!s.regionSharesFromCbeci) return s.regions.map((r) => r.initialShare01);
  const month = (await need(inputs).cbeciShares()).get(s.regionSharesFromCbeci);
  if (!month) throw new UsageError(`invalid regionSharesFromCbeci: ${s.regionSharesFromCbeci} (CBECI covers 2019-09 to 2022-01)`);
  // Region names may use any accepted spelling (CCAF's "Mainland China", "Germany *", or the canonical "China").
  const seen = new Map<string, string>();
  return s.regions.map((r) => {
    const name = regionName(r.name)?.name;
    const v = name === undefined ? undefined : month.get(name);
    if (v === undefined) throw new UsageError(`region ${JSON.stringify(r.name)} is not a CBECI country (known: ${[...month.keys()].join(', ')})`);
    // Two spellings of one country would both take its whole share (shares summing past 1).
    const other = seen.get(name!);
    if (other !== undefined) throw new UsageError(`regions ${JSON.stringify(other)} and ${JSON.stringify(r.name)} are the same CBECI country (${name}): list it once`);
    seen.set(name!, r.name);
    return v;
  });
}

export async function prepareScenario(s: Scenario, inputs?: ScenarioInputs): Promise<PreparedScenario> {
  if (s.model === 'ai-market') return { model: 'ai-market', scenario: s };
  if (s.model === 'block-race') return { model: 'block-race', scenario: s };
  const extra = s.hardware.extra.map((g) => ({ model: g.model, releaseSec: dayNumber(g.released) * DAY_SEC, efficiencyJPerTh: g.efficiencyJPerTh }));
  const generations: AsicEfficiency[] = [...(s.hardware.useDataset ? await need(inputs).asicModels() : []), ...extra];
  if (generations.length === 0) throw new UsageError('industry scenario: no ASIC generations (set hardware.useDataset or hardware.extra)');
  const fleetDays = Math.ceil(s.miners.fleetAgeYears * 365);
  const startDay = dayNumber(s.start) - fleetDays;
  const frontier = frontierSeries(generations, startDay, dayNumber(s.end) - startDay);
  return { model: 'industry', scenario: s, inputs: { scenario: s, regionShare01: await regionShares(s, inputs), frontier, fleetDays } };
}
