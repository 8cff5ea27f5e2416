/**
 * @module What a query needs from its caller: the store (or none) and where the datasets are.
 * Queries return plain JSON-ready objects that the CLI renders and the HTTP API serves.
 */
import type { Store } from '../../store/store.js';
import type { SeriesCache } from './series-cache.js';

export interface QueryContext {
  readonly store: Store | null;
  readonly datasetsRoot: string;
  /** Loaded series kept between queries (the HTTP server); absent = load every time. */
  readonly cache?: SeriesCache;
  /** A dataset file read directly instead of the store (the CLI's `--input`). */
  readonly input?: string;
}

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
