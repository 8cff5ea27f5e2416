/**
 * @module Distribution `bitcoin/pools`: Bitcoin blocks per mining pool, from the embedded default,
 * the store's sources or a dataset file (`--input`), at pool, owner (entity) or template level.
 * A query of it (`nakamoto metrics bitcoin/pools`, above all the one pass `--input FILE`) loads only what it needs:
 * the owner and template levels (attribution rules with their schema validation, template
 * families) are imported when asked for, and queries find this entry through find-distribution.ts
 * without loading the other distributions' modules. Listed by catalogue.ts.
 */
import { NotFoundError, UsageError } from '../../domain/errors.js';
import type { ObservationSeries } from '../../domain/observations.js';
import type { DistributionEntry, LoadContext } from '../distribution-entry.js';
import { COMPOSITE_SOURCE, loadEmbeddedDefault, loadFromStore } from '../load-bitcoin.js';
import { loadBitcoinFromFile } from '../load-bitcoin-file.js';
import { poolName } from '../pool-names.js';
import type { SourcedSeries } from '../series-source.js';

export const bitcoinPools: DistributionEntry = {
  id: 'bitcoin/pools',
  title: 'Bitcoin blocks per mining pool',
  unit: 'blocks',
  entityKind: 'mining pool (or owner, with the EDI source)',
  levels: ['pool', 'entity', 'owner', 'template'],
  aggregation: 'flow',
  coverage: 'embedded default 2020-01-01 → 2026-04-21; with ingested datasets 2016-02 → 2026-04',
  source: 'embedded default (per-block attribution 2020–2026, daily); store sources perblock, perblock-v1, perblock-v2, perblock-node, btccom, edi',
  caveats: [
    'Blocks found are a sample of hash rate: short windows carry large sampling error.',
    "Pool labels are other people's attributions (mempool.space rules); 'unknown' blocks are kept as one entity.",
    'Pools are not owners: several pools can share an owner, and pools can mine on another pool\'s templates.',
  ],
  async load(ctx) {
    if (ctx.level !== undefined && !['pool', 'entity', 'owner', 'template'].includes(ctx.level)) throw new UsageError(`invalid level: ${ctx.level} (bitcoin/pools offers pool, owner (alias entity), template)`);
    const sourced = await loadBitcoinPools(ctx);
    // The EDI source is already at entity level, so that is its default. `owner` is `entity`.
    const level = ctx.level === 'owner' ? 'entity' : (ctx.level ?? (sourced.provenance.source === 'edi' ? 'entity' : 'pool'));
    if (level === 'template') return templateLevel(sourced, ctx);
    if (level === 'pool') {
      if (sourced.provenance.source === 'edi') throw new UsageError('the edi source is already at entity level (owners merged): use --level entity');
      return sourced;
    }
    if (sourced.provenance.source === 'edi') return sourced;
    const [{ loadOwnershipLinks }, { applyOwnership }] = await Promise.all([import('../../sources/attribution-rules/load.js'), import('../entity-level.js')]);
    const links = await loadOwnershipLinks(undefined, { env: { NAKAMOTO_DATASETS: ctx.datasetsRoot } });
    return relabelled(sourced, (s) => applyOwnership(s, links, poolName), {
      level: 'entity',
      note: 'entity = owner of the pool at the block time, by dated ownership links (EDI legal_links.json); pools without an owner stand for themselves',
      rulesVersion: `ownership links ${links.version} (EDI legal_links.json)`,
    });
  },
};

/** The series (and its height series) relabelled to a coarser level, with the level, a note and the rules version added to the provenance. */
function relabelled(sourced: SourcedSeries, relabel: (s: ObservationSeries) => ObservationSeries, to: { level: string; note: string; rulesVersion: string }): SourcedSeries {
  return {
    ...sourced,
    series: relabel(sourced.series),
    ...(sourced.heightSeries ? { heightSeries: relabel(sourced.heightSeries) } : {}),
    provenance: {
      ...sourced.provenance,
      level: to.level,
      notes: [...(sourced.provenance.notes ?? []), to.note],
      rulesVersions: [...sourced.provenance.rulesVersions, to.rulesVersion],
    },
  };
}

/** `--level template`: pools merged into their template family at each block's time (docs/control.md). */
async function templateLevel(sourced: SourcedSeries, ctx: LoadContext): Promise<SourcedSeries> {
  if (sourced.provenance.source === 'edi') throw new UsageError('the edi source is already at owner level (pools merged): template families need pool labels; use another source');
  const { applyTemplateFamilies, loadTemplateAssignment, TEMPLATE_WINDOW_DAYS } = await import('../template-level.js');
  const a = await loadTemplateAssignment(ctx.datasetsRoot);
  const from = new Date(a.startSec[0]! * 1000).toISOString().slice(0, 7);
  const to = new Date((a.endSec - 1) * 1000).toISOString().slice(0, 10);
  return relabelled(sourced, (s) => applyTemplateFamilies(s, a, poolName), {
    level: 'template',
    note: `template = family of pools whose blocks share coinbase fingerprints beyond chance (nakamoto groups, docs/control.md), decided per month over the ${TEMPLATE_WINDOW_DAYS} days ending with it; every entity is "<largest pool> family" (a pool in no family is a family of one); evidence covers ${from} → ${to}, outside that (no scriptSig data) each pool is its own family`,
    rulesVersion: 'template families from Blockchair coinbase scriptSigs + header versions 2019-12-31 → 2025-03-08',
  });
}

async function loadBitcoinPools(ctx: LoadContext): Promise<SourcedSeries> {
  if (ctx.input !== undefined) return loadBitcoinFromFile(ctx.input, ctx.source);
  if (ctx.source === 'default' || (!ctx.store && ctx.source === undefined)) return loadEmbeddedDefault();
  if (!ctx.store) throw new NotFoundError(`source ${ctx.source ?? ''} needs a store: run \`nakamoto ingest <file>\` first (or omit --source for the embedded default)`);
  let source = ctx.source;
  if (source === undefined) {
    const available = (await ctx.store.listSources()).map((s) => s.source);
    if (available.includes('perblock-v1') || available.includes('perblock-v2')) source = COMPOSITE_SOURCE;
    else return loadEmbeddedDefault();
  }
  return loadFromStore(ctx.store, source);
}
