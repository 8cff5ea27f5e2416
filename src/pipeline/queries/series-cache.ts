/**
 * @module Loaded series kept between queries (the HTTP server): a bounded map keyed by distribution,
 * source and level. Re-exported by load-distribution.ts.
 */
import type { SourcedSeries } from '../../domain/sourced-series.js';

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
