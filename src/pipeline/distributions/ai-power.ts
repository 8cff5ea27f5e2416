/**
 * @module Distributions `ai/power-by-owner` and `ai/power-by-country`: MW of Epoch GPU clusters
 * operating at each quarter end (Power Capacity; clusters without it estimated from H100e).
 */
import { poweredClusters, powerSnapshots, snapshotSpan } from '../../analysis/energy/ai-power.js';
import type { OrganisationLevel } from '../../decode/epoch-ai/organisation-rules.js';
import { UsageError } from '../../domain/errors.js';
import { toObservationSeries } from '../../domain/observations.js';
import { readOrganisationRules } from '../../sources/epoch-ai/aliases.js';
import { AttributionTally } from '../../sources/epoch-ai/attribute-organisations.js';
import { INFRA_FILES } from '../../sources/epoch-ai/paths.js';
import { readGpuClusters } from '../../sources/epoch-ai/read.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { seriesCoverage } from '../series-coverage.js';
import type { SourcedSeries } from '../series-source.js';

export type AiPowerBy = 'owner' | 'country';

export interface AiPowerOptions {
  readonly by: AiPowerBy;
  readonly level?: OrganisationLevel;
  /** Fixed W per H100e for clusters without power (default: the data's median per start year). */
  readonly wattsPerH100e?: number;
}

/** `ai/power-by-owner` and `ai/power-by-country`: MW operating at each quarter end (Epoch GPU clusters). */
export async function loadAiPower(datasetsRoot: string, o: AiPowerOptions): Promise<SourcedSeries & { readonly totalSeries: SourcedSeries['series'] }> {
  const data = await readGpuClusters(datasetsRoot);
  const sel = poweredClusters(data.rows, o.wattsPerH100e);
  const notes = [...sel.notes];
  let sharesOf: (c: (typeof sel.kept)[number]['cluster']) => readonly { entity: string; share: number }[];
  let rulesVersions: string[] = [];
  if (o.by === 'country') {
    const blank = sel.kept.filter((k) => k.cluster.country === undefined);
    if (blank.length) notes.push(`${blank.length} counted clusters with no Country excluded (${blank.reduce((x, k) => x + k.powerMw, 0).toFixed(1)} MW)`);
    sharesOf = (c) => (c.country === undefined ? [] : [{ entity: c.country, share: 1 }]);
  } else {
    const { rules, rulesVersion, path } = await readOrganisationRules();
    const tally = new AttributionTally({ level: o.level ?? 'organisation', rules });
    const shares = new Map(sel.kept.map((k) => [k.cluster, tally.attribute(k.cluster.owner, k.powerMw)]));
    notes.push(...tally.notes('clusters', 'MW', 'Owner'));
    rulesVersions = [`organisation aliases ${rulesVersion} (${path})`];
    sharesOf = (c) => shares.get(c) ?? [];
  }
  const records = powerSnapshots(sel.kept, sharesOf);
  notes.push(snapshotSpan(records));
  const series = toObservationSeries(records, 'stock');
  const id = o.by === 'owner' ? 'ai/power-by-owner' : 'ai/power-by-country';
  return {
    series,
    totalSeries: toObservationSeries(powerSnapshots(sel.kept, () => [{ entity: 'all', share: 1 }]), 'stock'),
    coverage: seriesCoverage(series),
    provenance: { distribution: id, source: 'epoch-ai', description: "Epoch AI 'Data on GPU Clusters' (CC BY 4.0): power capacity (MW) of clusters operating at each quarter end", rulesVersions, from: `${datasetsRoot}/${INFRA_FILES.gpuClusters}`, level: o.by === 'owner' ? (o.level ?? 'organisation') : 'country', unit: 'MW', notes },
  };
}

function aiPowerEntry(by: AiPowerBy): DistributionEntry {
  const id = `ai/power-by-${by}`;
  const levels = by === 'owner' ? ['organisation', 'parent'] : ['country'];
  return {
    id,
    title: `AI compute power capacity by ${by} (Epoch GPU clusters operating at each quarter end)`,
    unit: 'MW',
    entityKind: by === 'owner' ? 'organisation' : 'country',
    levels,
    aggregation: 'stock',
    coverage: '2010 → 2025 (quarter ends; first operational dates)',
    source: "Epoch AI, 'Data on GPU Clusters' (CC BY 4.0), Power Capacity (MW); clusters without it estimated from H100e",
    caveats: [
      'Epoch estimates its cluster database covers roughly 10–20% of global AI compute.',
      'Clusters without power are estimated from H100 equivalents × the median W per H100e of that start year (counted in notes).',
      by === 'owner' ? 'Multi-owner clusters are split evenly; clusters with no Owner are left out (counted).' : 'Clusters with no Country are left out (counted); Chinese systems are anonymised by Epoch.',
    ],
    async load(ctx) {
      if (ctx.source !== undefined) throw new UsageError(`--source: ${id} has one source (${INFRA_FILES.gpuClusters})`);
      const level = ctx.level ?? levels[0]!;
      if (!levels.includes(level)) throw new UsageError(`invalid level: ${level} (${id} offers ${levels.join(', ')})`);
      const { totalSeries: _total, ...sourced } = await loadAiPower(ctx.datasetsRoot, { by, level: by === 'owner' ? (level as OrganisationLevel) : undefined });
      return sourced;
    },
  };
}

export const aiPowerByOwner: DistributionEntry = aiPowerEntry('owner');
export const aiPowerByCountry: DistributionEntry = aiPowerEntry('country');
