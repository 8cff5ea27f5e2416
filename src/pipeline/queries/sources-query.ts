/**
 * @module The sources query behind `nakamoto sources` and `GET /api/sources`: what the store holds
 * (each source with its span and rules versions) or every ingest run.
 */
import { formatDay } from '../../aggregate/duration.js';
import { NotFoundError } from '../../domain/errors.js';
import type { IngestRecord } from '../../store/store.js';
import type { QueryContext } from './context.js';

export interface SourceRow {
  readonly source: string;
  readonly granularity: string;
  readonly blocks: number;
  readonly firstHeight: number | null;
  readonly lastHeight: number | null;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
  readonly rulesVersions: readonly string[];
  readonly description: string;
}

export interface SourcesResult {
  readonly store: boolean;
  readonly sources: readonly SourceRow[];
}

/** Sources in the store; with no store, an empty list (`store: false`): the embedded default needs none. */
export async function querySources(ctx: QueryContext): Promise<SourcesResult> {
  if (!ctx.store) return { store: false, sources: [] };
  const sources = (await ctx.store.listSources()).map((s) => ({
    source: s.source,
    granularity: s.granularity,
    blocks: s.blocks,
    firstHeight: s.firstHeight,
    lastHeight: s.lastHeight,
    firstDay: s.firstTimeSec === null ? null : formatDay(s.firstTimeSec),
    lastDay: s.lastTimeSec === null ? null : formatDay(s.lastTimeSec),
    rulesVersions: s.rulesVersions,
    description: s.description,
  }));
  return { store: true, sources };
}

export async function queryIngests(ctx: QueryContext): Promise<readonly IngestRecord[]> {
  if (!ctx.store) throw new NotFoundError('no store: ingest runs are recorded only in a store (`nakamoto ingest <file>`)');
  return ctx.store.listIngests();
}
