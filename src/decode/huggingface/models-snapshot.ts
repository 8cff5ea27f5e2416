/**
 * @module The Hugging Face model-listing snapshot `nakamoto fetch hf` writes and `nakamoto ingest`
 * reads back (format `nakamoto/hf-models@1`):
 *
 * ```json
 * { "format": "nakamoto/hf-models@1", "query": { "author": "Qwen" }, "source": "https://huggingface.co/api/models?author=Qwen&…",
 *   "fetchedAt": "2026-12-06T13:40:00Z", "complete": true,
 *   "models": [ { "id": "Qwen/Qwen3-8B", "author": "Qwen", "downloads": 123, "createdAt": "…", "tags": ["license:apache-2.0"], … } ] }
 * ```
 *
 * Models are in the Hub API's own wire shape (decoded again with `decodeHubModel`), so the
 * snapshot holds exactly what the Hub said. `fetchedAt` is the observation time: without it the
 * snapshot has no time and is rejected.
 */
import { DecodeError } from '../../domain/errors.js';
import { decodeHubModelPage, type HubModel } from './hub-model.js';

export const HF_MODELS_FORMAT = 'nakamoto/hf-models@1';

export interface HubModelsSnapshot {
  /** What was asked (search, author, …): also the snapshot's subject. */
  readonly query: Readonly<Record<string, string>>;
  readonly source: string;
  readonly fetchedAtSec: number;
  readonly complete: boolean;
  readonly models: readonly HubModel[];
}

const iso = (sec: number | null): string | undefined => (sec === null ? undefined : new Date(sec * 1000).toISOString());

/**
 * A decoded model back to the API's wire shape: only fields the Hub sent, tags unchanged; a licence
 * or base models that did not come from tags go to `cardData`, where decodeHubModel finds them.
 */
export function hubModelToJson(m: HubModel): Record<string, unknown> {
  const card: Record<string, unknown> = {};
  if (m.license !== null && !m.tags.some((t) => t.startsWith('license:'))) card.license = m.license;
  if (m.baseModels.length > 0 && !m.tags.some((t) => t.startsWith('base_model:'))) card.base_model = m.baseModels.map((b) => b.id);
  const out: Record<string, unknown> = {
    id: m.id, author: m.author ?? undefined, downloads: m.downloads ?? undefined, likes: m.likes ?? undefined,
    createdAt: iso(m.createdAtSec), lastModified: iso(m.lastModifiedSec), pipeline_tag: m.pipelineTag ?? undefined,
    library_name: m.libraryName ?? undefined, private: m.private ?? undefined, sha: m.sha ?? undefined, tags: m.tags,
    cardData: Object.keys(card).length > 0 ? card : undefined,
    config: m.modelType === null ? undefined : { model_type: m.modelType },
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** The subject a query is stored under: `author:Qwen`, `search:open`, `search:open+author:x`. */
export function querySubject(query: Readonly<Record<string, string>>): string {
  const keys = Object.keys(query).sort();
  return keys.length === 0 ? 'all' : keys.map((k) => `${k}:${query[k]}`).join('+');
}

export function formatHubModelsSnapshot(s: HubModelsSnapshot): string {
  const doc = {
    format: HF_MODELS_FORMAT,
    query: s.query,
    source: s.source,
    fetchedAt: new Date(s.fetchedAtSec * 1000).toISOString().replace('.000Z', 'Z'),
    complete: s.complete,
    models: s.models.map(hubModelToJson),
  };
  return JSON.stringify(doc, null, 1) + '\n';
}

export function isHubModelsSnapshot(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === HF_MODELS_FORMAT;
}

export function parseHubModelsSnapshot(doc: unknown, input: string): HubModelsSnapshot {
  const fail = (field: string, reason: string): never => {
    throw new DecodeError({ input, field }, reason);
  };
  if (!isHubModelsSnapshot(doc)) return fail('format', `expected ${JSON.stringify(HF_MODELS_FORMAT)}`);
  const d = doc as Record<string, unknown>;
  const q = d.query;
  if (typeof q !== 'object' || q === null || Array.isArray(q) || Object.values(q).some((v) => typeof v !== 'string')) fail('query', 'expected an object of strings');
  if (typeof d.source !== 'string') fail('source', 'expected a string');
  if (d.fetchedAt === undefined || d.fetchedAt === null || d.fetchedAt === '') fail('fetchedAt', 'snapshot without a time');
  const t = typeof d.fetchedAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(d.fetchedAt) ? Date.parse(d.fetchedAt) : NaN;
  if (!Number.isFinite(t)) fail('fetchedAt', `expected an ISO-8601 UTC time, found ${JSON.stringify(d.fetchedAt)}`);
  if (typeof d.complete !== 'boolean') fail('complete', 'expected true or false');
  const models = decodeHubModelPage(d.models, `${input} models`);
  const seen = new Set<string>();
  models.forEach((m, i) => {
    if (seen.has(m.id)) fail(`models[${i}].id`, `duplicate model id ${m.id}`);
    seen.add(m.id);
  });
  return { query: q as Record<string, string>, source: d.source as string, fetchedAtSec: Math.floor(t / 1000), complete: d.complete as boolean, models };
}
