/**
 * @module Load a distribution for a query, through the context's series cache when it has one (the
 * HTTP server keeps loaded series between requests; the CLI loads once per run and has none).
 */
import { findDistribution } from '../find-distribution.js';
import type { SourcedSeries } from '../series-source.js';
import type { QueryContext } from './context.js';

export interface LoadRequest {
  readonly source?: string;
  readonly level?: string;
}

export { SeriesCache } from './series-cache.js';

export async function loadDistribution(ctx: QueryContext, id: string, req: LoadRequest = {}): Promise<SourcedSeries> {
  const entry = await findDistribution(id);
  const load = () => entry.load({ store: ctx.store, source: req.source, level: req.level, datasetsRoot: ctx.datasetsRoot, ...(ctx.input !== undefined ? { input: ctx.input } : {}) });
  return ctx.cache ? ctx.cache.get(`${entry.id}|${req.source ?? ''}|${req.level ?? ''}|${ctx.input ?? ''}`, load) : load();
}
