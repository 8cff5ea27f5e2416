/**
 * @module Catalogue entries for Hugging Face distributions and their loaders over the staged
 * samples in `ai/hf-hub-models` (see its PROVENANCE: samples, not a Hub-wide dump). Download and
 * model-count loaders take `sample` ('search-open', default, or 'major-labs') or an explicit
 * `file` in either staged CSV shape.
 */
import { join } from 'node:path';
import { DecodeError, UsageError } from '../../domain/errors.js';
import { parseHubSampleCsv, parseLineage } from '../../decode/huggingface/samples.js';
import { readText } from '../files/read-file.js';
import { derivativesByBaseOrg, downloadsByAuthor, modelsByAuthor, sampleTimeSec, type DerivativeOptions } from './distributions.js';
import { parseTrendingCsv, type TrendingSnapshot } from '../../decode/huggingface/trending.js';
import { trendingDownloads, trendingSlots } from './trending-distributions.js';
import type { CatalogueInfo, LoadedSeries } from '../snapshot-catalogue.js';
export type { CatalogueInfo, LoadedSeries } from '../snapshot-catalogue.js';

export type HfSample = 'search-open' | 'major-labs';

export const HF_SAMPLES: Readonly<Record<HfSample, string>> = {
  'search-open': 'ai/hf-hub-models/hf_models_search_open_2025-10.csv.gz',
  'major-labs': 'ai/hf-hub-models/hf_models_major_labs_2025-10.csv',
};
export const HF_TRENDING_FILE = 'ai/hf-trending-snapshots-2026/hf_trending_top10_2026-03_2026-08.csv';
const LINEAGE_NODES = 'ai/hf-hub-models/hf_llm_lineage_nodes_2025-06.csv.gz';
const LINEAGE_EDGES = 'ai/hf-hub-models/hf_llm_lineage_edges_2025-06.csv.gz';
/** The lineage files carry no dates: pinned to the source commit (hakanotal/hf-dep-network-analysis c952a70, 2025-06-11). */
const LINEAGE_TIME_SEC = Date.UTC(2025, 5, 11) / 1000;

const SAMPLE_CAVEATS = [
  'Default sample "search-open": every model the Hub search returns for "open" (ids containing "open"; 20,070 models, 4,642 authors) — keyword-biased, e.g. openai and openai-community rank high because their names match.',
  'Alternative sample "major-labs": every model of 7 organisations only (google, microsoft, Qwen, deepseek-ai, meta-llama, mistralai, xai-org) — compares big labs with each other, says nothing about the rest of the Hub.',
  'An author is a Hub namespace (user or organisation), not a company: one company can own several namespaces (openai, openai-community).',
];

/** Printed with every hf/downloads-by-author and hf/models-by-author result: the default sample is not the Hub. */
export const SEARCH_SAMPLE_CAVEAT =
  'NOT the whole Hub: the default sample holds only models matching the search "open" (keyword-biased: openai, OpenGVLab… rank high because of their names); for Hub-wide attention see hf/trending-authors and hf/trending-downloads';

export const hfDownloadsByAuthorInfo: CatalogueInfo = {
  id: 'hf/downloads-by-author',
  title: 'Hugging Face model downloads (last 30 days) per author, in a search sample (default: models matching "open"; not the whole Hub)',
  unit: 'downloads in the 30 days before collection',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'stock',
  coverage: 'one sample collected early October 2025 (time = latest lastModified in the sample)',
  source: 'gabtos/open-source-ai-discovery samples of the Hub API (hf_models_search_open / hf_models_by_author, 2025-10)',
  caveats: [
    SEARCH_SAMPLE_CAVEAT,
    ...SAMPLE_CAVEATS,
    'downloads is the Hub\'s rolling 30-day count at collection time, a stock read once; it counts file fetches (CI, mirrors, re-downloads), not users.',
    'Models without a download count in the sample (5,816 in search-open) are left out.',
  ],
};

export const hfModelsByAuthorInfo: CatalogueInfo = {
  id: 'hf/models-by-author',
  title: 'Hugging Face models per author, in a search sample (default: models matching "open"; not the whole Hub)',
  unit: 'models',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'stock',
  coverage: hfDownloadsByAuthorInfo.coverage,
  source: hfDownloadsByAuthorInfo.source,
  caveats: [
    SEARCH_SAMPLE_CAVEAT,
    ...SAMPLE_CAVEATS,
    'A model count weighs a one-line quantisation repo the same as a frontier model; re-packagers (mradermacher, RichardErkhov) lead by count.',
  ],
};

export const hfDerivativesByBaseOrgInfo: CatalogueInfo = {
  id: 'hf/derivatives-by-base-org',
  title: 'Hugging Face fine-tunes and quantisations per base-model organisation',
  unit: 'derivative models (split equally among root base models)',
  entityKind: 'namespace of the root base model',
  aggregation: 'stock',
  coverage: 'one crawl of text-generation LLM derivatives, ~June 2025 (time pinned to 2025-06-11, the source commit)',
  source: 'hakanotal/hf-dep-network-analysis lineage graph (29,075 models, 28,155 base_model edges)',
  caveats: [
    'Only text-generation LLMs reached by crawling base_model links: not the whole Hub; no download weighting.',
    'A root is a model that declares no base model; re-uploads such as unsloth/… count as roots, so unsloth collects derivatives of models it re-packaged.',
    'Each fine-tune or quantisation counts 1, split equally among its distinct roots; merges and adapters are left out by default. The alternative attribution credits the direct parent.',
    '45 models that name themselves as their own base are treated as roots.',
  ],
};

const TRENDING_CAVEATS = [
  'A top-10 sample of the Hub\'s own "trending" ranking (its formula is not published), not all models: concentration of attention among trending models, not of the Hub.',
  'Snapshots are irregular (median 12 h, longest gap 78 h): the scraper saved the list only when a new model entered it.',
  'An author is a Hub namespace (user or organisation), not a company; re-packagers (unsloth, bartowski…) hold slots for other labs\' models.',
];

export const hfTrendingAuthorsInfo: CatalogueInfo = {
  id: 'hf/trending-authors',
  title: 'Hugging Face trending top-10 slots per author',
  unit: 'trending slots (model × snapshot)',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'flow',
  coverage: '256 snapshots, 2026-03-02 → 2026-08-22 (more with `nakamoto fetch hf --trending` or ingested snapshots)',
  source: 'park-onezero/daily-hf-trending git-scraper history of GET https://huggingface.co/api/trending (256 versions), derived CSV',
  caveats: [...TRENDING_CAVEATS, 'A window sums slots over every snapshot inside it: share of slots = share of trending attention, weighted by snapshot frequency.'],
};

export const hfTrendingDownloadsInfo: CatalogueInfo = {
  id: 'hf/trending-downloads',
  title: 'Hugging Face 30-day downloads of trending models per author',
  unit: 'downloads in the 30 days before the snapshot',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'stock',
  coverage: hfTrendingAuthorsInfo.coverage,
  source: hfTrendingAuthorsInfo.source,
  caveats: [...TRENDING_CAVEATS, 'Downloads are the Hub\'s rolling 30-day count (file fetches, not users), refreshed about daily; a window reads its last snapshot.'],
};

export async function readStagedTrending(datasetsRoot: string): Promise<{ file: string; snaps: TrendingSnapshot[] }> {
  const file = join(datasetsRoot, HF_TRENDING_FILE);
  return { file, snaps: parseTrendingCsv(await readText(file), file) };
}

export function trendingLoaded(id: 'hf/trending-authors' | 'hf/trending-downloads', snaps: readonly TrendingSnapshot[], file: string, from: string): LoadedSeries {
  const out = id === 'hf/trending-authors' ? trendingSlots(snaps) : trendingDownloads(snaps);
  return { series: out.series, notes: [`read ${from}`, ...out.notes], snapshotTimeSec: snaps[snaps.length - 1]?.timeSec ?? Number.NaN, file };
}

async function loadSample(datasetsRoot: string, opts: { sample?: HfSample; file?: string }) {
  if (opts.sample !== undefined && !(opts.sample in HF_SAMPLES)) throw new UsageError(`invalid Hugging Face sample: ${String(opts.sample)} (known: ${Object.keys(HF_SAMPLES).join(', ')})`);
  const file = opts.file ?? join(datasetsRoot, HF_SAMPLES[opts.sample ?? 'search-open']);
  const { shape, models } = parseHubSampleCsv(await readText(file), file);
  const timeSec = sampleTimeSec(models);
  if (timeSec === null) throw new DecodeError({ input: file }, 'cannot date the sample: no last-modified times');
  const caveat = shape === 'search-open' ? SEARCH_SAMPLE_CAVEAT : 'NOT the whole Hub: the major-labs sample holds every model of 7 organisations only (google, microsoft, Qwen, deepseek-ai, meta-llama, mistralai, xai-org)';
  const notes = [`caveat: ${caveat}`, `read ${file} (${shape} sample); time = latest lastModified ${new Date(timeSec * 1000).toISOString()} (collection was at or after it)`];
  return { file, models, timeSec, notes };
}

export async function loadHfDownloadsByAuthor(datasetsRoot: string, opts: { sample?: HfSample; file?: string } = {}): Promise<LoadedSeries> {
  const s = await loadSample(datasetsRoot, opts);
  const out = downloadsByAuthor(s.models, s.timeSec);
  return { series: out.series, notes: [...s.notes, ...out.notes], snapshotTimeSec: s.timeSec, file: s.file };
}

export async function loadHfModelsByAuthor(datasetsRoot: string, opts: { sample?: HfSample; file?: string } = {}): Promise<LoadedSeries> {
  const s = await loadSample(datasetsRoot, opts);
  const out = modelsByAuthor(s.models, s.timeSec);
  return { series: out.series, notes: [...s.notes, ...out.notes], snapshotTimeSec: s.timeSec, file: s.file };
}

export async function loadHfDerivativesByBaseOrg(datasetsRoot: string, opts: DerivativeOptions = {}): Promise<LoadedSeries> {
  const nodesPath = join(datasetsRoot, LINEAGE_NODES);
  const edgesPath = join(datasetsRoot, LINEAGE_EDGES);
  const [nodesText, edgesText] = await Promise.all([readText(nodesPath), readText(edgesPath)]);
  const graph = parseLineage(nodesText, nodesPath, edgesText, edgesPath);
  const out = derivativesByBaseOrg(graph, LINEAGE_TIME_SEC, opts);
  return { series: out.series, notes: [`read ${nodesPath} and ${edgesPath}: ${graph.nodes.size} models, ${graph.edges.length} edges`, ...out.notes], snapshotTimeSec: LINEAGE_TIME_SEC, file: nodesPath };
}

/**
 * Every Hugging Face entry with its loader, for the lead to register. `sources` lists the values
 * `load` accepts as its second argument (the sample; first = default); undefined = the default.
 */
export const huggingfaceCatalogue: readonly (CatalogueInfo & { sources: readonly string[]; load(datasetsRoot: string, source?: string): Promise<LoadedSeries> })[] = [
  { ...hfDownloadsByAuthorInfo, sources: ['search-open', 'major-labs'], load: (root, source) => loadHfDownloadsByAuthor(root, { sample: source as HfSample | undefined }) },
  { ...hfModelsByAuthorInfo, sources: ['search-open', 'major-labs'], load: (root, source) => loadHfModelsByAuthor(root, { sample: source as HfSample | undefined }) },
  {
    ...hfTrendingAuthorsInfo,
    sources: [],
    load: async (root) => {
      const { file, snaps } = await readStagedTrending(root);
      return trendingLoaded('hf/trending-authors', snaps, file, file);
    },
  },
  {
    ...hfTrendingDownloadsInfo,
    sources: [],
    load: async (root) => {
      const { file, snaps } = await readStagedTrending(root);
      return trendingLoaded('hf/trending-downloads', snaps, file, file);
    },
  },
  {
    ...hfDerivativesByBaseOrgInfo,
    sources: ['root', 'parent'],
    load: async (root, source) => {
      if (source !== undefined && source !== 'root' && source !== 'parent') throw new UsageError(`invalid attribution: ${source} (known: root, parent)`);
      return loadHfDerivativesByBaseOrg(root, { attribution: source ?? 'root' });
    },
  },
];
