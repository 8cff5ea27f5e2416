/**
 * @module The distributions query behind `nakamoto distributions` and `GET /api/distributions`:
 * every distribution id with its unit, entity kind, levels, aggregation, coverage, source and caveats.
 */
import { getDistribution, listDistributions, type DistributionEntry } from '../catalogue.js';

export interface DistributionInfo {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly entity: string;
  readonly levels: readonly string[];
  readonly aggregation: string;
  readonly coverage: string;
  readonly source: string;
  readonly caveats: readonly string[];
}

function info(d: DistributionEntry): DistributionInfo {
  return { id: d.id, title: d.title, unit: d.unit, entity: d.entityKind, levels: d.levels, aggregation: d.aggregation, coverage: d.coverage, source: d.source, caveats: d.caveats };
}

export function queryDistributions(): DistributionInfo[] {
  return listDistributions().map(info);
}

/** One distribution; NotFoundError naming the known ids otherwise. */
export function queryDistribution(id: string): DistributionInfo {
  return info(getDistribution(id));
}
