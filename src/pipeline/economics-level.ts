/**
 * @module `--level` for `nakamoto economics --by-pool`: re-label each block's pool with its owner
 * (dated EDI ownership links, `applyOwnership`) or its template family (`applyTemplateFamilies`,
 * i.e. `templateLabelAt` per block) at the block time — the very functions the catalogue's
 * `bitcoin/pools` uses, run on a series view of the per-block economics columns. No grouping of
 * its own: the blocks, fees and times are untouched, only `pool`/`pools` change.
 */
import { UsageError } from '../domain/errors.js';
import type { ObservationSeries } from '../domain/observations.js';
import { loadOwnershipLinks } from '../sources/attribution-rules/load.js';
import type { LoadedEconomics } from './economics-blocks.js';
import { applyOwnership } from './entity-level.js';
import { poolName } from './pool-names.js';
import { applyTemplateFamilies, loadTemplateAssignment, TEMPLATE_WINDOW_DAYS } from './template-level.js';

export type EconomicsLevel = 'pool' | 'owner' | 'template';
/** Accepted values (`entity` = `owner`, as in `metrics`/`pools`). */
export const ECONOMICS_LEVELS = ['pool', 'owner', 'entity', 'template'] as const;

export function parseEconomicsLevel(v: string | undefined): EconomicsLevel {
  const s = v ?? 'pool';
  if (s === 'entity' || s === 'owner') return 'owner';
  if (s === 'pool' || s === 'template') return s;
  throw new UsageError(`invalid level: ${s} (expected pool, owner (alias entity) or template)`);
}

/** Economics pools ("unknown" stays lower-case there; everything else by its display name). */
const display = (slug: string): string => (slug === 'unknown' ? 'unknown' : poolName(slug));

/** The loaded blocks with `pool`/`pools` re-labelled at `level`, plus a provenance note. */
export async function economicsAtLevel(data: LoadedEconomics, level: EconomicsLevel, datasetsRoot: string): Promise<LoadedEconomics> {
  if (level === 'pool') return data;
  const b = data.blocks;
  // With mempool labels the entities are slugs (as in the catalogue); Blockchair's own tags are names.
  const slugs = data.poolSlugs;
  const series: ObservationSeries = { entities: slugs ?? b.pools, timeSec: b.timeSec, entity: b.pool, weight: new Float64Array(b.pool.length), kind: 'flow' };
  let relabelled: ObservationSeries;
  let note: string;
  if (level === 'owner') {
    const links = await loadOwnershipLinks(undefined, { env: { NAKAMOTO_DATASETS: datasetsRoot } });
    relabelled = applyOwnership(series, links, slugs ? display : (s) => s);
    note = `level owner: each block's pool replaced by its owner at the block time, by dated ownership links ${links.version} (EDI legal_links.json); pools without an owner stand for themselves`;
  } else {
    if (!slugs) throw new UsageError('invalid level: template families are keyed by mempool.space pool slugs; use labels mempool');
    const a = await loadTemplateAssignment(datasetsRoot);
    relabelled = applyTemplateFamilies(series, a, display);
    const from = new Date(a.startSec[0]! * 1000).toISOString().slice(0, 7);
    const to = new Date((a.endSec - 1) * 1000).toISOString().slice(0, 10);
    note = `level template: each block's pool replaced by its template family at the block time (nakamoto groups, docs/control.md), decided per month over the ${TEMPLATE_WINDOW_DAYS} days ending with it; "<largest pool> family" (a pool in no family is a family of one); evidence ${from} → ${to}, outside it each pool is its own family`;
  }
  return {
    ...data,
    blocks: { ...b, pool: relabelled.entity, pools: relabelled.entities },
    poolSlugs: undefined,
    provenance: { ...data.provenance, notes: [...data.provenance.notes, note] },
  };
}
