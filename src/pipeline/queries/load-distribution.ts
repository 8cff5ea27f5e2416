/**
 * @module Load a distribution for a query, through the context's series cache when it has one (the
 * HTTP server keeps loaded series between requests; the CLI loads once per run and has none).
 */
import { getDistribution } from '../catalogue.js';
import type { SourcedSeries } from '../series-source.js';
import type { QueryContext } from './context.js';

export interface LoadRequest {
  readonly source?: string;
  readonly level?: string;
}

/** A bounded map of loads in flight or done, keyed by distribution, source and level. */
export class SeriesCache {
  readonly #entries = new Map<string, Promise<SourcedSeries>>();
  constructor(readonly maxEntries = 16) {}

  get(key: string, load: () => Promise<SourcedSeries>): Promise<SourcedSeries> {
    const hit = this.#entries.get(key);
    if (hit) return hit;
    const p = load();
    this.#entries.set(key, p);
    // A failed load is not kept: the next request tries again (and gets the same typed error if it persists).
    p.catch(() => this.#entries.get(key) === p && this.#entries.delete(key));
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return p;
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

export function loadDistribution(ctx: QueryContext, id: string, req: LoadRequest = {}): Promise<SourcedSeries> {
  const entry = getDistribution(id);
  const load = () => entry.load({ store: ctx.store, source: req.source, level: req.level, datasetsRoot: ctx.datasetsRoot, ...(ctx.input !== undefined ? { input: ctx.input } : {}) });
  return ctx.cache ? ctx.cache.get(`${entry.id}|${req.source ?? ''}|${req.level ?? ''}|${ctx.input ?? ''}`, load) : load();
}
