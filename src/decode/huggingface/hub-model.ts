/**
 * @module One model as the Hugging Face Hub API (`GET /api/models`) returns it, validated into a
 * typed record. Fields the Hub returns: `id` (namespace/name), `modelId` (same), `author`
 * (with `full=true`), `downloads` (rolling last 30 days), `likes`, `createdAt`, `lastModified`
 * (with `full=true`), `private`, `sha`, `pipeline_tag`, `library_name`, `tags` (including
 * `license:<id>` and `base_model:[<relation>:]<id>`), `cardData`, `config` (with `config=true`).
 * Every field but `id` may be absent; present fields must have the right type.
 */
import { DecodeError } from '../../domain/errors.js';

export type BaseRelation = 'finetune' | 'quantized' | 'merge' | 'adapter' | 'unspecified';

export interface HubModel {
  readonly id: string;
  /** The `author` field, else the namespace of `id`; null for a legacy id without namespace. */
  readonly author: string | null;
  /** Downloads in the rolling last 30 days (the Hub's `downloads`); null when absent. */
  readonly downloads: number | null;
  readonly likes: number | null;
  readonly createdAtSec: number | null;
  readonly lastModifiedSec: number | null;
  readonly pipelineTag: string | null;
  readonly libraryName: string | null;
  readonly license: string | null;
  readonly private: boolean | null;
  readonly sha: string | null;
  readonly tags: readonly string[];
  /** Declared base models (from `base_model:` tags, else `cardData.base_model`). */
  readonly baseModels: readonly { readonly id: string; readonly relation: BaseRelation }[];
  /** `config.model_type` (architecture family) when the config was requested. */
  readonly modelType: string | null;
}

const RELATIONS: Record<string, BaseRelation> = { finetune: 'finetune', quantized: 'quantized', merge: 'merge', adapter: 'adapter' };

/** `base_model:x`, `base_model:finetune:x`, … → (id, relation). Ids contain at most one '/', never ':'. */
function baseFromTag(tag: string): { id: string; relation: BaseRelation } | null {
  if (!tag.startsWith('base_model:')) return null;
  const rest = tag.slice('base_model:'.length);
  const i = rest.indexOf(':');
  if (i < 0) return { id: rest, relation: 'unspecified' };
  const rel = RELATIONS[rest.slice(0, i)];
  return rel ? { id: rest.slice(i + 1), relation: rel } : null;
}

export function decodeHubModel(raw: unknown, input: string, index: number): HubModel {
  const fail = (field: string, reason: string): never => {
    throw new DecodeError({ input, field: `[${index}]${field ? '.' + field : ''}` }, reason);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('', 'expected a model object');
  const o = raw as Record<string, unknown>;
  const str = (k: string): string | null => {
    const v = o[k];
    if (v === undefined || v === null) return null;
    return typeof v === 'string' ? v : fail(k, `expected a string, found ${JSON.stringify(v)}`);
  };
  const count = (k: string): number | null => {
    const v = o[k];
    if (v === undefined || v === null) return null;
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(k, `expected a non-negative integer, found ${JSON.stringify(v)}`);
  };
  const time = (k: string): number | null => {
    const s = str(k);
    if (s === null) return null;
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) ? Date.parse(s) : NaN;
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : fail(k, `invalid timestamp ${JSON.stringify(s)}`);
  };
  const id = str('id') ?? str('modelId') ?? fail('id', 'missing model id');
  if (id === '' || id.split('/').length > 2) fail('id', `invalid model id ${JSON.stringify(id)}`);
  const tagsRaw = o.tags ?? [];
  if (!Array.isArray(tagsRaw) || tagsRaw.some((t) => typeof t !== 'string')) fail('tags', 'expected an array of strings');
  const tags = tagsRaw as string[];
  const priv = o.private;
  if (priv !== undefined && priv !== null && typeof priv !== 'boolean') fail('private', `expected a boolean, found ${JSON.stringify(priv)}`);
  const card = typeof o.cardData === 'object' && o.cardData !== null ? (o.cardData as Record<string, unknown>) : {};
  const config = typeof o.config === 'object' && o.config !== null ? (o.config as Record<string, unknown>) : {};
  let baseModels = tags.map(baseFromTag).filter((b): b is NonNullable<typeof b> => b !== null);
  if (baseModels.length === 0) {
    const cb = card.base_model;
    const list = typeof cb === 'string' ? [cb] : Array.isArray(cb) ? cb.filter((x): x is string => typeof x === 'string') : [];
    baseModels = list.map((b) => ({ id: b, relation: 'unspecified' as const }));
  }
  const licenseTag = tags.find((t) => t.startsWith('license:'));
  const author = str('author') ?? (id.includes('/') ? id.slice(0, id.indexOf('/')) : null);
  return {
    id,
    author,
    downloads: count('downloads'),
    likes: count('likes'),
    createdAtSec: time('createdAt'),
    lastModifiedSec: time('lastModified'),
    pipelineTag: str('pipeline_tag'),
    libraryName: str('library_name'),
    license: licenseTag ? licenseTag.slice('license:'.length) : typeof card.license === 'string' ? card.license : null,
    private: typeof priv === 'boolean' ? priv : null,
    sha: str('sha'),
    tags,
    baseModels,
    modelType: typeof config.model_type === 'string' ? config.model_type : null,
  };
}

/** A page of the listing: a JSON array of model objects. */
export function decodeHubModelPage(json: unknown, input: string): HubModel[] {
  if (!Array.isArray(json)) throw new DecodeError({ input, field: '(root)' }, `expected a JSON array of models, found ${json === null ? 'null' : typeof json}`);
  return json.map((m, i) => decodeHubModel(m, input, i));
}
