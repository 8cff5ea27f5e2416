/**
 * @module The staged Hub metadata samples (ai/hf-hub-models) → the same HubModel records the API
 * client produces, plus the LLM lineage graph. Two model CSV shapes are recognised by their
 * header: `major-labs` (owner, repo_id, …, downloads, private, sha) and `search-open` (name, id,
 * model_type, …, downloads, author). Errors name file, line and column.
 */
import { DecodeError } from '../../domain/errors.js';
import { parseCsv, requireColumns, type CsvTable } from '../csv/csv.js';
import type { HubModel } from './hub-model.js';

export type SampleShape = 'major-labs' | 'search-open';

interface Ctx {
  readonly input: string;
  readonly line: number | undefined;
}

function fail(ctx: Ctx, field: string, reason: string): never {
  throw new DecodeError({ input: ctx.input, line: ctx.line, field }, reason);
}

function optionalCount(ctx: Ctx, field: string, raw: string | undefined): number | null {
  const s = (raw ?? '').trim();
  if (s === '') return null;
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) fail(ctx, field, `not a download count: ${JSON.stringify(s)}`);
  return Number(s);
}

function optionalTime(ctx: Ctx, field: string, raw: string | undefined): number | null {
  const s = (raw ?? '').trim();
  if (s === '') return null;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/.test(s) ? Date.parse(s) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : fail(ctx, field, `invalid UTC timestamp: ${JSON.stringify(s)}`);
}

function modelId(ctx: Ctx, field: string, raw: string | undefined): string {
  const s = (raw ?? '').trim();
  if (!/^[^/\s]+\/[^/\s]+$/.test(s)) fail(ctx, field, `not a namespace/name model id: ${JSON.stringify(s)}`);
  return s;
}

function model(partial: Partial<HubModel> & Pick<HubModel, 'id' | 'author' | 'downloads'>): HubModel {
  return {
    likes: null, createdAtSec: null, lastModifiedSec: null, pipelineTag: null, libraryName: null, license: null,
    private: null, sha: null, tags: [], baseModels: [], modelType: null, ...partial,
  };
}

const opt = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s.trim());

function checkUniqueIds(models: readonly HubModel[], table: CsvTable, column: string): void {
  const seen = new Map<string, number>();
  models.forEach((m, i) => {
    const first = seen.get(m.id);
    if (first !== undefined) throw new DecodeError({ input: table.input, line: table.lines[i], field: column }, `duplicate model id ${m.id} (first at line ${table.lines[first]})`);
    seen.set(m.id, i);
  });
}

export function sampleShape(table: CsvTable): SampleShape {
  if (table.header.includes('repo_id') && table.header.includes('owner')) return 'major-labs';
  if (table.header.includes('id') && table.header.includes('author')) return 'search-open';
  throw new DecodeError({ input: table.input, line: 1 }, `unknown Hub sample shape (header: ${table.header.join(', ')}); expected owner,repo_id,… or name,id,…,author`);
}

/** Parse a Hub model sample CSV of either staged shape. */
export function parseHubSampleCsv(text: string, input: string): { shape: SampleShape; models: HubModel[] } {
  const table = parseCsv(text, input);
  const shape = sampleShape(table);
  let models: HubModel[];
  if (shape === 'major-labs') {
    const c = requireColumns(table, ['owner', 'repo_id', 'pipeline_tag', 'license', 'created_at', 'last_modified', 'downloads', 'private', 'sha']);
    models = table.rows.map((r, i) => {
      const ctx = { input, line: table.lines[i] };
      const id = modelId(ctx, 'repo_id', r[c.repo_id]);
      const owner = (r[c.owner] ?? '').trim();
      if (owner !== id.slice(0, id.indexOf('/'))) fail(ctx, 'owner', `owner ${JSON.stringify(owner)} is not the namespace of ${id}`);
      const p = (r[c.private] ?? '').trim();
      if (p !== 'True' && p !== 'False') fail(ctx, 'private', `expected True or False, found ${JSON.stringify(p)}`);
      return model({
        id, author: owner, downloads: optionalCount(ctx, 'downloads', r[c.downloads]),
        createdAtSec: optionalTime(ctx, 'created_at', r[c.created_at]), lastModifiedSec: optionalTime(ctx, 'last_modified', r[c.last_modified]),
        pipelineTag: opt(r[c.pipeline_tag]), license: opt(r[c.license]), private: p === 'True', sha: opt(r[c.sha]),
      });
    });
    checkUniqueIds(models, table, 'repo_id');
  } else {
    const c = requireColumns(table, ['id', 'model_type', 'license', 'date_released', 'date_last_modified', 'downloads', 'author']);
    models = table.rows.map((r, i) => {
      const ctx = { input, line: table.lines[i] };
      const id = modelId(ctx, 'id', r[c.id]);
      const author = (r[c.author] ?? '').trim();
      if (author !== id.slice(0, id.indexOf('/'))) fail(ctx, 'author', `author ${JSON.stringify(author)} is not the namespace of ${id}`);
      return model({
        id, author, downloads: optionalCount(ctx, 'downloads', r[c.downloads]),
        createdAtSec: optionalTime(ctx, 'date_released', r[c.date_released]), lastModifiedSec: optionalTime(ctx, 'date_last_modified', r[c.date_last_modified]),
        pipelineTag: opt(r[c.model_type]), license: opt(r[c.license]),
      });
    });
    checkUniqueIds(models, table, 'id');
  }
  if (models.length === 0) throw new DecodeError({ input, line: 2 }, 'no model rows');
  return { shape, models };
}

export type LineageNodeType = 'base' | 'finetuned' | 'quantized' | 'merged' | 'adapter';
export type LineageRelation = Exclude<LineageNodeType, 'base'>;

export interface LineageNode {
  readonly type: LineageNodeType;
  readonly owner: string;
  readonly architecture: string;
}

export interface LineageGraph {
  readonly nodes: ReadonlyMap<string, LineageNode>;
  /** parent (declared base model) → child edges. */
  readonly edges: readonly { readonly source: string; readonly target: string; readonly relation: LineageRelation }[];
}

const NODE_TYPES = new Set<string>(['base', 'finetuned', 'quantized', 'merged', 'adapter']);

/** Lineage nodes (id,type,owner,architecture) and edges (source,target,edge); every edge end must be a node. */
export function parseLineage(nodesText: string, nodesInput: string, edgesText: string, edgesInput: string): LineageGraph {
  const nt = parseCsv(nodesText, nodesInput);
  const nc = requireColumns(nt, ['id', 'type', 'owner', 'architecture']);
  const nodes = new Map<string, LineageNode>();
  nt.rows.forEach((r, i) => {
    const ctx = { input: nodesInput, line: nt.lines[i] };
    const id = modelId(ctx, 'id', r[nc.id]);
    const type = (r[nc.type] ?? '').trim();
    if (!NODE_TYPES.has(type)) fail(ctx, 'type', `unknown node type ${JSON.stringify(type)} (expected ${[...NODE_TYPES].join(', ')})`);
    const owner = (r[nc.owner] ?? '').trim();
    if (owner !== id.slice(0, id.indexOf('/'))) fail(ctx, 'owner', `owner ${JSON.stringify(owner)} is not the namespace of ${id}`);
    if (nodes.has(id)) fail(ctx, 'id', `duplicate node ${id}`);
    nodes.set(id, { type: type as LineageNodeType, owner, architecture: (r[nc.architecture] ?? '').trim() || 'unknown' });
  });
  const et = parseCsv(edgesText, edgesInput);
  const ec = requireColumns(et, ['source', 'target', 'edge']);
  const seen = new Set<string>();
  const edges = et.rows.map((r, i) => {
    const ctx = { input: edgesInput, line: et.lines[i] };
    const source = (r[ec.source] ?? '').trim();
    const target = (r[ec.target] ?? '').trim();
    const relation = (r[ec.edge] ?? '').trim();
    if (!nodes.has(source)) fail(ctx, 'source', `unknown model ${JSON.stringify(source)} (not in ${nodesInput})`);
    if (!nodes.has(target)) fail(ctx, 'target', `unknown model ${JSON.stringify(target)} (not in ${nodesInput})`);
    if (!NODE_TYPES.has(relation) || relation === 'base') fail(ctx, 'edge', `unknown edge type ${JSON.stringify(relation)}`);
    const key = `${source}\n${target}`;
    if (seen.has(key)) fail(ctx, 'target', `duplicate edge ${source} → ${target}`);
    seen.add(key);
    return { source, target, relation: relation as LineageRelation };
  });
  return { nodes, edges };
}
