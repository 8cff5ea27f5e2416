/**
 * @module Load the `bitcoin/pools` distribution's observations from the store (any ingested source,
 * or the `perblock` composite: v1 labels, v2 where v1 has none) or from the embedded default
 * snapshot committed under `data/default/`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../domain/errors.js';
import { readCsv } from '../sources/files/csv.js';
import { PROJECT_ROOT } from '../sources/files/datasets-path.js';
import { readLongDaily } from '../sources/datasets/daily-counts.js';
import type { Store } from '../store/store.js';
import { canonicalSlug, heightSeriesFromBlockLabels, mergeBlockLabels, seriesFromBlockLabels, seriesFromDailyCounts, type SourcedSeries } from './series-source.js';

export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, 'data', 'default');
export const DEFAULT_DAILY_FILE = 'bitcoin-pools-daily.csv.gz';
/** Retargets after the shared difficulty file ends, derived from block timestamps (scripts/build-default-data.ts). */
export const DERIVED_DIFFICULTY_FILE = 'difficulty-derived.csv';
export const DEFAULT_SOURCE = 'default';
/** The composite source: perblock-v1, and perblock-v2 for heights v1 does not label. */
export const COMPOSITE_SOURCE = 'perblock';
const COMPOSITE_PARTS = ['perblock-v1', 'perblock-v2'];

export const EMBEDDED_DESCRIPTION =
  'embedded default: blocks per pool per UTC day, derived by scripts/build-default-data.ts from the per-block attribution 2020–2026 ' +
  '(sorukumar/bitcoin-mining-pools, mempool.space slugs; v1 labels, v2 where v1 has none)';

export async function loadEmbeddedDefault(dir = DEFAULT_DATA_DIR): Promise<SourcedSeries> {
  const path = join(dir, DEFAULT_DAILY_FILE);
  if (!existsSync(path)) throw new NotFoundError(`the embedded default data is missing (${path}); run npm run build:default-data`);
  const table = await readCsv(path);
  const { batch } = readLongDaily(table, DEFAULT_SOURCE, EMBEDDED_DESCRIPTION, false);
  const index = new Map<string, number>();
  const entities: string[] = [];
  const entity = Int32Array.from(batch.entities, (raw) => {
    const e = canonicalSlug(raw);
    let k = index.get(e);
    if (k === undefined) {
      k = entities.length;
      entities.push(e);
      index.set(e, k);
    }
    return k;
  });
  const { series, coverage } = seriesFromDailyCounts({ daySec: batch.daySec, entity, counts: batch.counts, entities });
  return {
    series,
    coverage,
    provenance: {
      distribution: 'bitcoin/pools',
      source: DEFAULT_SOURCE,
      description: EMBEDDED_DESCRIPTION,
      rulesVersions: ['mempool.space slugs (labels as published)'],
      notes: ['the v1 label oceanxyz is counted as ocean (one pool, two label versions)'],
      from: `embedded default (data/default/${DEFAULT_DAILY_FILE})`,
      level: 'pool',
      unit: 'blocks',
    },
  };
}

export async function loadFromStore(store: Store, source: string): Promise<SourcedSeries> {
  const sources = await store.listSources();
  const available = sources.map((s) => s.source);
  const provenance = (description: string, rulesVersions: readonly string[], level: string) => ({
    distribution: 'bitcoin/pools',
    source,
    description,
    rulesVersions,
    from: store.location,
    level,
    unit: 'blocks',
  });
  if (source === COMPOSITE_SOURCE) {
    const parts = COMPOSITE_PARTS.filter((p) => available.includes(p));
    if (parts.length === 0) throw new NotFoundError(`source ${source} needs perblock-v1 or perblock-v2 in the store ${store.location}; ingest the per-block attribution file first (available: ${available.join(', ') || 'none'})`);
    const labels = mergeBlockLabels(await Promise.all(parts.map((p) => store.readBlockLabels(p))));
    const { series, coverage } = seriesFromBlockLabels(labels);
    const rv = sources.filter((s) => parts.includes(s.source)).flatMap((s) => s.rulesVersions);
    return { series, heightSeries: heightSeriesFromBlockLabels(labels), coverage, provenance: provenance(`${parts.join(' then ')} (first that labels a height wins)`, rv, 'pool') };
  }
  const summary = sources.find((s) => s.source === source);
  if (!summary) throw new NotFoundError(`no source ${source} in the store ${store.location} (available: ${[...available, ...(available.some((a) => COMPOSITE_PARTS.includes(a)) ? [COMPOSITE_SOURCE] : [])].join(', ') || 'none'})`);
  if (summary.granularity === 'day') {
    const { series, coverage } = seriesFromDailyCounts(await store.readDailyCounts(source));
    return { series, coverage, provenance: provenance(summary.description, summary.rulesVersions, source === 'edi' ? 'entity (EDI ownership-merged)' : 'pool') };
  }
  const labels = await store.readBlockLabels(source);
  const { series, coverage } = seriesFromBlockLabels(labels);
  return { series, heightSeries: heightSeriesFromBlockLabels(labels), coverage, provenance: provenance(summary.description, summary.rulesVersions, 'pool') };
}
