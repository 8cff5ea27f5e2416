/**
 * @module Distributions of Hugging Face: downloads and models per author in a search sample,
 * derivatives per base-model organisation, and the trending top-10 per author (loaders in
 * sources/huggingface/load.ts).
 */
import { UsageError } from '../../domain/errors.js';
import { loadHfDerivativesByBaseOrg, loadHfDownloadsByAuthor, loadHfModelsByAuthor, loadHfTrending, SEARCH_SAMPLE_CAVEAT, type HfSample } from '../../sources/huggingface/load.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { snapshotEntry } from './snapshot-entry.js';

const SAMPLE_CAVEATS = [
  'Default sample "search-open": every model the Hub search returns for "open" (ids containing "open"; 20,070 models, 4,642 authors) — keyword-biased, e.g. openai and openai-community rank high because their names match.',
  'Alternative sample "major-labs": every model of 7 organisations only (google, microsoft, Qwen, deepseek-ai, meta-llama, mistralai, xai-org) — compares big labs with each other, says nothing about the rest of the Hub.',
  'An author is a Hub namespace (user or organisation), not a company: one company can own several namespaces (openai, openai-community).',
];

const SAMPLE_COVERAGE = 'one sample collected early October 2025 (time = latest lastModified in the sample)';
const SAMPLE_SOURCE = 'gabtos/open-source-ai-discovery samples of the Hub API (hf_models_search_open / hf_models_by_author, 2025-10)';
const TRENDING_COVERAGE =
  '256 snapshots, 2026-03-02 → 2026-08-22 (more with `nakamoto fetch hf --trending` or ingested snapshots)';
const TRENDING_SOURCE =
  'park-onezero/daily-hf-trending git-scraper history of GET https://huggingface.co/api/trending (256 versions), derived CSV';

export const hfDownloadsByAuthor: DistributionEntry = snapshotEntry({
  id: 'hf/downloads-by-author',
  title: 'Hugging Face model downloads (last 30 days) per author, in a search sample (default: models matching "open"; not the whole Hub)',
  unit: 'downloads in the 30 days before collection',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'stock',
  coverage: SAMPLE_COVERAGE,
  source: SAMPLE_SOURCE,
  caveats: [
    SEARCH_SAMPLE_CAVEAT,
    ...SAMPLE_CAVEATS,
    'downloads is the Hub\'s rolling 30-day count at collection time, a stock read once; it counts file fetches (CI, mirrors, re-downloads), not users.',
    'Models without a download count in the sample (5,816 in search-open) are left out.',
  ],
  level: 'author',
  sources: ['search-open', 'major-labs'],
  sourceName: 'huggingface',
  loadStaged: (root, source) => loadHfDownloadsByAuthor(root, { sample: source as HfSample | undefined }),
});

export const hfModelsByAuthor: DistributionEntry = snapshotEntry({
  id: 'hf/models-by-author',
  title: 'Hugging Face models per author, in a search sample (default: models matching "open"; not the whole Hub)',
  unit: 'models',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'stock',
  coverage: SAMPLE_COVERAGE,
  source: SAMPLE_SOURCE,
  caveats: [
    SEARCH_SAMPLE_CAVEAT,
    ...SAMPLE_CAVEATS,
    'A model count weighs a one-line quantisation repo the same as a frontier model; re-packagers (mradermacher, RichardErkhov) lead by count.',
  ],
  level: 'author',
  sources: ['search-open', 'major-labs'],
  sourceName: 'huggingface',
  loadStaged: (root, source) => loadHfModelsByAuthor(root, { sample: source as HfSample | undefined }),
});

export const hfDerivativesByBaseOrg: DistributionEntry = snapshotEntry({
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
  level: 'organisation',
  sources: ['root', 'parent'],
  sourceName: 'huggingface',
  loadStaged: async (root, source) => {
    if (source !== undefined && source !== 'root' && source !== 'parent') throw new UsageError(`invalid attribution: ${source} (known: root, parent)`);
    return loadHfDerivativesByBaseOrg(root, { attribution: source ?? 'root' });
  },
});

const TRENDING_CAVEATS = [
  'A top-10 sample of the Hub\'s own "trending" ranking (its formula is not published), not all models: concentration of attention among trending models, not of the Hub.',
  'Snapshots are irregular (median 12 h, longest gap 78 h): the scraper saved the list only when a new model entered it.',
  'An author is a Hub namespace (user or organisation), not a company; re-packagers (unsloth, bartowski…) hold slots for other labs\' models.',
];

export const hfTrendingAuthors: DistributionEntry = snapshotEntry({
  id: 'hf/trending-authors',
  title: 'Hugging Face trending top-10 slots per author',
  unit: 'trending slots (model × snapshot)',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'flow',
  coverage: TRENDING_COVERAGE,
  source: TRENDING_SOURCE,
  caveats: [...TRENDING_CAVEATS, 'A window sums slots over every snapshot inside it: share of slots = share of trending attention, weighted by snapshot frequency.'],
  level: 'author',
  sources: [],
  sourceName: 'huggingface',
  loadStaged: (root) => loadHfTrending(root, 'hf/trending-authors'),
});

export const hfTrendingDownloads: DistributionEntry = snapshotEntry({
  id: 'hf/trending-downloads',
  title: 'Hugging Face 30-day downloads of trending models per author',
  unit: 'downloads in the 30 days before the snapshot',
  entityKind: 'Hub namespace (user or organisation)',
  aggregation: 'stock',
  coverage: TRENDING_COVERAGE,
  source: TRENDING_SOURCE,
  caveats: [...TRENDING_CAVEATS, 'Downloads are the Hub\'s rolling 30-day count (file fetches, not users), refreshed about daily; a window reads its last snapshot.'],
  level: 'author',
  sources: [],
  sourceName: 'huggingface',
  loadStaged: (root) => loadHfTrending(root, 'hf/trending-downloads'),
});
