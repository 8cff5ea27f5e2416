/**
 * @module The JSON shapes the dashboard reads, taken from the query layer the API serves
 * (type-only imports: nothing of the server is bundled), so a change there breaks the web build's
 * type check instead of the page.
 */
export type { DistributionInfo } from '../../src/pipeline/queries/distributions-query.js';
export type { SharesResult, ShareWindow } from '../../src/pipeline/queries/shares-query.js';
export type { MetricsResult } from '../../src/pipeline/queries/metrics-query.js';
export type { PoolsResult, PoolRow } from '../../src/pipeline/queries/pools-query.js';
export type { CompareResult, CompareResultCell } from '../../src/pipeline/queries/compare-query.js';
export type { GeographyResult, GeographySnapshot } from '../../src/pipeline/queries/geography-query.js';
export type { CoalitionsResult } from '../../src/pipeline/queries/coalitions-query.js';
export type { DoubleSpendResult, SelfishMiningResult } from '../../src/pipeline/queries/attack-query.js';
export type { ClaimsResult, ClaimVerdict } from '../../src/pipeline/queries/claims-query.js';
export type { ScenarioInfo, SimulationResult } from '../../src/pipeline/queries/simulate-query.js';
export type { ScenarioParameter, ScenarioParametersResult } from '../../src/pipeline/queries/scenario-params-query.js';
export type { OwnerPeriod, PoolRulesResult } from '../../src/pipeline/queries/pool-rules-query.js';
export type { AttackCost } from '../../src/analysis/attack/cost.js';

/** A band as the simulation summary serialises it (summaryJson): null where undefined. */
export interface SimBand {
  readonly mean: readonly (number | null)[];
  readonly p05: readonly (number | null)[];
  readonly p95: readonly (number | null)[];
}
export type { ContrastResult } from '../../src/pipeline/queries/contrast-query.js';
export type { ContrastRow } from '../../src/analysis/contrast/series-summary.js';
export type { HeadlineVerdict } from '../../src/analysis/contrast/verdicts.js';
