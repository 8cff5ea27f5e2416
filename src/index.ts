/**
 * @module The library API of nakamoto-observatory (`import … from 'nakamoto-observatory'`): a
 * curated surface, stable across internal moves. Everything here is documented in README.md
 * ("Library API") and in the docs/ page named beside each group.
 *
 * - Metrics over a distribution (docs/metrics.md): `computeMetrics({ labels, weights }, metrics)`.
 * - Windows (docs/metrics.md): `parseDuration`, `divideWindows`, `windowDistributions`.
 * - Decoding (docs/decoding.md): raw Bitcoin blocks and coinbases.
 * - Attribution (docs/attribution.md): block → pool → owner with versioned rule sets.
 * - The distributions catalogue (docs/distributions.md) and the query layer the CLI and HTTP API share
 *   (`queryMetrics`: metrics per window with provenance and optional intervals).
 * - Store opening (docs/storage.md): DuckDB file (read-write or read-only) or PostgreSQL.
 * - Attack calculators (docs/attack-economics.md): double spend, selfish mining, cost, coalitions.
 * - The simulation runner (docs/simulation.md): shipped scenarios, seeded replicates, sweeps.
 * - Typed errors (every failure a caller should handle is one of these).
 */

// Typed errors and the core data shapes.
export { AppError, DecodeError, NotFoundError, RuleError, SourceError, StoreError, UsageError } from './domain/errors.js';
export type { Distribution, SortedWeights } from './domain/distribution.js';
export type { AggregationKind, ObservationSeries } from './domain/observations.js';
export type { BlockHeader, CoinbaseDetail, CoinbaseInfo } from './domain/block.js';

// Metrics over a distribution.
export { computeMetrics, DEFAULT_METRIC_IDS, getMetric, knownMetricIds, parseMetricList, type Metric, type MetricValues } from './metrics/index.js';

// Windows.
export { parseDuration, parseDate, formatDay, type Duration } from './aggregate/duration.js';
export { divideWindows, windowAxis, type Window, type WindowSpec } from './aggregate/windows.js';
export { windowDistributions, type WindowDistribution } from './aggregate/window-distributions.js';

// Decoding.
export { decodeBlock, decodeCoinbaseBlock, bip34Height, merkleRoot, difficultyFromBits, type CoinbaseBlock, type DecodedBlock } from './decode/bitcoin/index.js';
export { heightFromBlock } from './decode/bitcoin/coinbase.js';
export { parseCsv, formatCsv, csvField, type CsvTable } from './decode/csv/csv.js';

// Attribution.
export { attributeBlock, attributeBlocks, RULE_SET_NAMES, type Attribution, type RuleSet, type RuleSetName } from './attribute/index.js';
export { loadRuleSet, loadOwnershipLinks } from './sources/attribution-rules/load.js';

// The distributions catalogue and the query layer.
export { getDistribution, listDistributions, type DistributionEntry, type LoadContext } from './pipeline/catalogue.js';
export { queryMetrics, type MetricsRequest, type MetricsResult } from './pipeline/queries/metrics-query.js';
export type { QueryContext } from './pipeline/queries/context.js';
export { datasetsRoot, datasetPath } from './sources/files/datasets-path.js';

// Store opening.
export type { Store } from './store/store.js';
export { openDuckDbStore, openDuckDbStoreReadOnly } from './store/duckdb/duckdb-store.js';
import type { PostgresStoreOptions } from './store/postgres/postgres-store.js';
import type { Store } from './store/store.js';
export type { PostgresStoreOptions };
// PostgreSQL support (the `pg` driver) loads only when asked for.
/** Open (creating the schema if needed) the store in a PostgreSQL database. */
export async function openPostgresStore(url: string, opts?: PostgresStoreOptions): Promise<Store> {
  return (await import('./store/postgres/postgres-store.js')).openPostgresStore(url, opts);
}
/** Open the store in a PostgreSQL database; null when the database has no nakamoto schema. */
export async function openExistingPostgresStore(url: string, opts?: PostgresStoreOptions): Promise<Store | null> {
  return (await import('./store/postgres/postgres-store.js')).openExistingPostgresStore(url, opts);
}

// Attack calculators.
export {
  attackCost,
  confirmationsFor,
  doubleSpendProbability,
  optimalSelfishMining,
  selfishMiningProfitable,
  smallestCoalitions,
  type AttackCost,
  type AttackCostInput,
  type DoubleSpendModel,
} from './analysis/attack/index.js';

// The simulation runner.
export { validateScenario, runScenario, sweep, summarize, type RunOptions, type RunResult, type Scenario, type ScenarioInputs, type Summary } from './simulate/index.js';
export { libraryNames, loadScenario } from './sources/scenarios/scenario-files.js';
export { datasetScenarioInputs } from './sources/datasets/simulation-inputs.js';
