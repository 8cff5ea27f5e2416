/**
 * @module Distributions of the Epoch AI data (generated, one entry per id of the Epoch loader):
 * AI compute owned per company, frontier and notable models, training compute, GPU clusters by
 * country and by owner. What each measures, its unit, source and caveats; loading reads the files
 * ingested into the store when there are any, else the staged ones. See docs/ai-epoch.md.
 */
import type { AggregationKind } from '../../domain/observations.js';
import { UsageError } from '../../domain/errors.js';
import { EPOCH_DISTRIBUTION_IDS, EPOCH_SOURCE_FILES, type EpochDistributionId } from '../../sources/epoch-ai/ids.js';
import { loadEpochDistribution } from '../../sources/epoch-ai/load.js';
import { EPOCH_DATASET, materialiseEpochRoot } from '../../sources/snapshots/epoch-files.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { seriesCoverage } from '../series-coverage.js';

interface EpochInfo {
  readonly unit: string;
  /** What an entity is; `organisation` entities become parent companies with level 'parent'. */
  readonly entityKind: 'organisation' | 'country';
  /** Provenance summary of the source files. */
  readonly provenance: string;
  readonly aggregation: AggregationKind;
  readonly description: string;
  readonly coverage: string;
  readonly caveats: readonly string[];
}

const MODELS_PROVENANCE =
  "Epoch AI, 'Data on AI Models' (CC BY 4.0), CSV downloads re-published in public repos; notable snapshot 2026-01-26, frontier 2025-12-17 (see ai/epoch-ai-models/PROVENANCE.md)";
const INFRA_PROVENANCE =
  "Epoch AI, 'Data on GPU Clusters' (CC BY 4.0), download of ~Dec 2025 via cnyke/cnyke.github.io@a64f15a (see ai/epoch-compute-infrastructure/PROVENANCE.md)";
const OWNERS_PROVENANCE =
  'Epoch AI, epoch-research/ai-chip-counts@d1b1bc3 (MIT; data CC BY 4.0), owner exports generated 2026-04-15..22 (see ai/epoch-ai-chip-owners/PROVENANCE.md)';

const ORG_CAVEATS = [
  'Multi-organisation rows are split evenly among the listed organisations (notes give the count); Epoch’s own country charts count such a model once for each.',
  'Organisation names are merged by data/aliases/ai-organisations.json (renames: DeepMind and Google Brain → Google DeepMind, Facebook AI Research → Meta AI); level "parent" maps to current parent companies with no dates, so historical work counts for today’s parent.',
  'Names not in the alias file stand for themselves; rows with no organisation are left out (counted) unless unattributed = keep.',
];

const CLUSTER_CAVEATS = [
  'Epoch estimates its cluster database covers roughly 10–20% of global AI compute; coverage is uneven by country and sector.',
  'H100 equivalents are Epoch’s conversion of each cluster’s 16-bit performance; clusters without H100e are left out (no conversion from power in MW).',
  'Planned clusters, clusters without a first operational date and rows flagged Possible Duplicate are left out (counted in notes); multi-site entries (Single cluster? = No) are kept.',
  'Chinese systems are anonymised and rounded by Epoch; owners of many of them are unknown.',
];

const EPOCH_INFO: Readonly<Record<EpochDistributionId, EpochInfo>> = {
  'ai/compute-owners': {
    unit: 'H100e',
    entityKind: 'organisation',
    provenance: OWNERS_PROVENANCE,
    aggregation: 'stock',
    description:
      'AI compute owned per company at each quarter end, in H100-equivalents (Epoch’s Monte Carlo median): cumulative Nvidia, Google TPU, Amazon Trainium and AMD deliveries per owner, plus CoreWeave.',
    coverage: '2022-Q1 → 2025-Q4 (quarterly snapshots)',
    caveats: [
      'Estimates with wide uncertainty (Epoch gives a 5th–95th percentile interval; only the median is used).',
      'Stock = chips delivered since each family’s start (Nvidia 2022, TPU and CoreWeave 2023, AMD and Trainium 2024), never retired; older chips are not counted.',
      '"Other" (Nvidia and AMD buyers outside the named owners) and "China" are groups, not companies: keeping them as one entity each overstates concentration among the rest (option excludeAggregates).',
      'xAI (~0.55 M H100e at end-2025, inputs/named_other_owners_cumulative_totals.csv) is excluded from Nvidia "Other" and appears in no owner file, so it is missing here.',
      'Huawei and other Chinese accelerators and smuggled chips are not covered; Epoch says Chinese companies own just over 5% when they are included.',
      'Quarters are emitted only when every chip family that has started has data; the running quarter (Incomplete) is left out.',
    ],
  },
  'ai/frontier-models': {
    unit: 'models',
    entityKind: 'organisation',
    provenance: MODELS_PROVENANCE,
    aggregation: 'flow',
    description: 'Number of frontier models (Epoch’s frontier set: top-10 training compute at release) per organisation, at publication date.',
    coverage: '1950 → 2025 (publication dates)',
    caveats: [
      'Epoch’s frontier definition is relative to the compute of its time; early rows (1950–2010) are historical landmarks.',
      'Rows Epoch flags Exclude (smaller variants such as GPT-2 355M/774M) are left out unless includeExcluded.',
      ...ORG_CAVEATS,
    ],
  },
  'ai/notable-models': {
    unit: 'models',
    entityKind: 'organisation',
    provenance: MODELS_PROVENANCE,
    aggregation: 'flow',
    description: 'Number of notable models (Epoch’s notability criteria: state of the art, highly cited, historical significance, training cost) per organisation, at publication date.',
    coverage: '1950 → 2026-01 (publication dates)',
    caveats: [
      'Notability is Epoch’s editorial judgement; Epoch adds models retroactively, so recent years grow between snapshots.',
      'Coverage favours English-language publications and well-documented labs.',
      ...ORG_CAVEATS,
    ],
  },
  'ai/training-compute': {
    unit: 'FLOP',
    entityKind: 'organisation',
    provenance: MODELS_PROVENANCE,
    aggregation: 'flow',
    description: 'Training compute (FLOP) of notable models per organisation, at publication date (notable_ai_models.csv, models with a compute estimate).',
    coverage: '1950 → 2026-01 (publication dates)',
    caveats: [
      'About half of notable models have no compute estimate and are left out (counted in notes); closed frontier models are often estimated, with Epoch’s Confidence Confident/Likely/Speculative.',
      'Sums of FLOP are dominated by the few largest training runs.',
      'A fine-tune’s Training compute includes its base model’s, so a base that is also a notable row is counted twice (≈4% of all FLOP); option fineTunes = incremental counts fine-tunes by their Finetune compute only.',
      ...ORG_CAVEATS,
    ],
  },
  'ai/clusters-by-country': {
    unit: 'H100e',
    entityKind: 'country',
    provenance: INFRA_PROVENANCE,
    aggregation: 'stock',
    description: 'GPU-cluster capacity (H100-equivalents) operating in each country at each quarter end, from first operational date to decommissioning.',
    coverage: '2010 → 2025 (first operational dates)',
    caveats: [...CLUSTER_CAVEATS, 'Clusters with no country (about 1 in 10) are left out (counted) unless unattributed = keep.'],
  },
  'ai/clusters-by-owner': {
    unit: 'H100e',
    entityKind: 'organisation',
    provenance: INFRA_PROVENANCE,
    aggregation: 'stock',
    description: 'GPU-cluster capacity (H100-equivalents) operating per owner at each quarter end, from first operational date to decommissioning.',
    coverage: '2010 → 2025 (first operational dates)',
    caveats: [...CLUSTER_CAVEATS, ...ORG_CAVEATS],
  },
};

function epochEntry(id: EpochDistributionId): DistributionEntry {
  const e = EPOCH_INFO[id];
  const files = EPOCH_SOURCE_FILES[id];
  const levels = e.entityKind === 'organisation' ? ['organisation', 'parent'] : [e.entityKind];
  return {
    id,
    title: e.description,
    unit: e.unit,
    entityKind: e.entityKind,
    levels,
    aggregation: e.aggregation,
    coverage: e.coverage,
    source: e.provenance,
    caveats: e.caveats,
    async load(ctx) {
      if (ctx.source !== undefined) throw new UsageError(`--source: ${id} has one source (${files.join(', ')})`);
      const level = ctx.level ?? levels[0]!;
      if (!levels.includes(level)) throw new UsageError(`invalid level: ${level} (${id} offers ${levels.join(', ')})`);
      // Epoch files ingested into the store (nakamoto fetch epoch-ai, nakamoto ingest) replace the staged ones.
      const stored = ctx.store ? await ctx.store.readSnapshots(EPOCH_DATASET) : [];
      const overlay = stored.length > 0 ? materialiseEpochRoot(stored, ctx.datasetsRoot) : null;
      const root = overlay?.root ?? ctx.datasetsRoot;
      const loaded = await loadEpochDistribution(id, { datasetsRoot: root, level: level === 'country' ? undefined : (level as 'organisation' | 'parent') });
      const storeNote = overlay
        ? [`${overlay.files} Epoch file(s) from the store ${ctx.store?.location ?? ''} (latest stored ${new Date(overlay.latestSec * 1000).toISOString()}); other files from ${ctx.datasetsRoot}`]
        : [];
      return {
        series: loaded.series,
        coverage: seriesCoverage(loaded.series),
        provenance: {
          distribution: id,
          source: 'epoch-ai',
          description: e.provenance,
          rulesVersions: [`organisation aliases ${loaded.rulesVersion}`],
          from: overlay ? `store ${ctx.store?.location ?? ''} (epoch-ai)` : `${ctx.datasetsRoot}/${files[0] ?? ''}${files.length > 1 ? ` (+${files.length - 1} files)` : ''}`,
          level,
          unit: e.unit,
          notes: [...storeNote, ...loaded.notes],
        },
      };
    },
  };
}

/** One entry per Epoch distribution, in the loader's order. */
export const epochAiEntries: readonly DistributionEntry[] = EPOCH_DISTRIBUTION_IDS.map(epochEntry);
