/**
 * @module A tool's answer as an MCP result: `structuredContent = { data, provenance }` where data is
 * exactly the JSON the HTTP route answers, and provenance says what produced it (tool, the
 * equivalent HTTP request, the documented method, code and data versions, the data sources in one
 * line each); plus a text rendering of the same for clients that read text only: the provenance,
 * then each field of data (scalars as `key: value`, lists of flat records as aligned tables,
 * anything else as compact JSON).
 */
import { renderTable, type Row } from '../cli/output.js';

export interface ToolProvenance {
  readonly tool: string;
  /** The request to `nakamoto serve` that answers the same data. */
  readonly request: string;
  /** Where the method is documented. */
  readonly method: string;
  /** Package name and version. */
  readonly code: string;
  /** Version of the data the answer read (hash of the embedded data, claims file, datasets path and the store's ingests); null for calculators, which read none. */
  readonly dataVersion: string | null;
  /** Each data source in one line (full records are in data.provenance where the route gives them). */
  readonly sources: readonly string[];
}

export interface ToolAnswer {
  readonly data: unknown;
  readonly provenance: ToolProvenance;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function sourceLine(p: unknown): string {
  if (!isRecord(p)) return JSON.stringify(p);
  if (typeof p.description === 'string') {
    const rules = Array.isArray(p.rulesVersions) && p.rulesVersions.length ? `; rules ${p.rulesVersions.join(', ')}` : '';
    return `${String(p.distribution)} (${String(p.source)}, level ${String(p.level)}): ${p.description} [${String(p.from)}${rules}]`;
  }
  if (typeof p.scenarioFile === 'string') {
    const set = isRecord(p.overrides) ? Object.entries(p.overrides).map(([k, v]) => `${k}=${String(v)}`) : [];
    return `${p.scenarioFile}${set.length ? ` with ${set.join(', ')}` : ''}`;
  }
  return JSON.stringify(p);
}

/** One line per data source named by the answer (`provenance` record or list, a claims `file`). */
export function sourcesOf(data: unknown): string[] {
  if (!isRecord(data)) return [];
  const p = data.provenance;
  const lines = (Array.isArray(p) ? p : p === undefined ? [] : [p]).map(sourceLine);
  if (typeof data.file === 'string') lines.push(data.file);
  if (typeof data.doc === 'string') lines.push(data.doc);
  return lines;
}

/** A non-empty list of records whose values are scalars or lists of scalars (a table). */
function flatRecords(v: unknown): v is Json[] {
  return Array.isArray(v) && v.length > 0 && v.every((r) => isRecord(r) && Object.values(r).every((x) => isScalar(x) || (Array.isArray(x) && x.every(isScalar))));
}

const tableRow = (r: Json): Row => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, Array.isArray(x) ? JSON.stringify(x) : (x as Row[string])]));

function renderField(key: string, v: unknown, columns: readonly string[] | undefined): string {
  if (isScalar(v)) return String(v).startsWith(`${key}:`) ? `${String(v)}\n` : `${key}: ${String(v)}\n`;
  if (flatRecords(v)) {
    const cols = columns ?? [...new Set(v.flatMap((r) => Object.keys(r)))];
    return `${key}:\n${renderTable(v.map(tableRow), cols)}`;
  }
  return `${key}: ${JSON.stringify(v)}\n`;
}

export function renderAnswer(title: string, a: ToolAnswer): string {
  const p = a.provenance;
  const head = [
    `${title} — ${p.request}`,
    `method: ${p.method}; code ${p.code}${p.dataVersion ? `; data version ${p.dataVersion.slice(0, 12)}` : ''}`,
    ...(p.sources.length ? p.sources.map((s) => `source: ${s}`) : ['source: no data set (computed by the code from the arguments)']),
  ].join('\n');
  if (!isRecord(a.data)) return `${head}\n\n${JSON.stringify(a.data)}\n`;
  const data = a.data;
  const columns = Array.isArray(data.columns) && data.columns.every((c) => typeof c === 'string') ? (data.columns as string[]) : undefined;
  const body = Object.entries(data)
    .filter(([k]) => k !== 'provenance' && !(k === 'columns' && columns && flatRecords(data.rows)))
    .map(([k, v]) => renderField(k, v, k === 'rows' ? columns : undefined))
    .join('');
  return `${head}\n\n${body}`;
}
