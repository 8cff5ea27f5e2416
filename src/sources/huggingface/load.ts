/**
 * @module Loaders of the Hugging Face distributions over the staged samples in `ai/hf-hub-models`
 * (see its PROVENANCE: samples, not a Hub-wide dump) and the trending snapshots; the catalogue
 * entries describing them are in pipeline/distributions/huggingface.ts. Download and
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
import type { LoadedSeries } from '../loaded-series.js';
export type { LoadedSeries } from '../loaded-series.js';

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

/** Printed with every hf/downloads-by-author and hf/models-by-author result: the default sample is not the Hub. */
export const SEARCH_SAMPLE_CAVEAT =
  'NOT the whole Hub: the default sample holds only models matching the search "open" (keyword-biased: openai, OpenGVLab… rank high because of their names); for Hub-wide attention see hf/trending-authors and hf/trending-downloads';

export async function readStagedTrending(datasetsRoot: string): Promise<{ file: string; snaps: TrendingSnapshot[] }> {
  const file = join(datasetsRoot, HF_TRENDING_FILE);
  return { file, snaps: parseTrendingCsv(await readText(file), file) };
}

export function trendingLoaded(id: 'hf/trending-authors' | 'hf/trending-downloads', snaps: readonly TrendingSnapshot[], file: string, from: string): LoadedSeries {
  const out = id === 'hf/trending-authors' ? trendingSlots(snaps) : trendingDownloads(snaps);
  return { series: out.series, notes: [`read ${from}`, ...out.notes], snapshotTimeSec: snaps[snaps.length - 1]?.timeSec ?? Number.NaN, file };
}

/** A trending distribution from the staged trending snapshots. */
export async function loadHfTrending(datasetsRoot: string, id: 'hf/trending-authors' | 'hf/trending-downloads'): Promise<LoadedSeries> {
  const { file, snaps } = await readStagedTrending(datasetsRoot);
  return trendingLoaded(id, snaps, file, file);
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
