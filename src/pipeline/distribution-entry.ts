/**
 * @module The one catalogue interface: what a distribution is (metadata and how to load it). Each
 * distribution is one module in distributions/ exporting a DistributionEntry; catalogue.ts
 * registers them in one list (and re-exports these types), kept apart so that the entry modules
 * do not import the list that imports them.
 */
import type { AggregationKind } from '../domain/observations.js';
import type { SourcedSeries } from '../domain/sourced-series.js';
import type { Store } from '../store/store.js';

export interface LoadContext {
  readonly store: Store | null;
  readonly source?: string;
  readonly level?: string;
  readonly datasetsRoot: string;
  /** A dataset file to read directly instead of the store (`--input`; bitcoin/pools only). */
  readonly input?: string;
}

export interface DistributionEntry {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly entityKind: string;
  /** Levels offered by `--level` (first = default), e.g. pool/entity or organisation/parent. */
  readonly levels: readonly string[];
  readonly aggregation: AggregationKind;
  readonly coverage: string;
  readonly source: string;
  readonly caveats: readonly string[];
  load(ctx: LoadContext): Promise<SourcedSeries>;
}
