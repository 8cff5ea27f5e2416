/**
 * @module A tool call's arguments → the route's validated input. Agents send JSON (numbers,
 * booleans); the route schemas validate query-string text, so numbers and booleans are written as
 * text first (`0.3` → "0.3", `true` → "true") and `null` counts as absent. Then the route's own
 * schema decides, through the same `parseQuery` as the HTTP API: an invalid value is a UsageError
 * naming the argument and what is expected. Also the equivalent HTTP request, for provenance.
 */
import { UsageError } from '../../domain/errors.js';
import { parseQuery } from '../http/params.js';
import type { HandlerInput } from '../http/route.js';
import type { ToolDefinition } from './tool-definition.js';

export interface ToolInput {
  readonly input: HandlerInput<Record<string, unknown>>;
  /** `GET /api/…?…`: the HTTP request of `nakamoto serve` that gives the same data. */
  readonly request: string;
}

function asText(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x));
  return v;
}

// Readable query strings: commas, slashes, colons and equals signs need no escaping in a query value.
const enc = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%3D/gi, '=');

function requestLine(tool: ToolDefinition, params: Readonly<Record<string, string>>, query: Readonly<Record<string, unknown>>): string {
  let path = tool.spec.openapiPath;
  for (const [name, value] of Object.entries(params)) path = path.replace(`{${name}}`, value.split('/').map(encodeURIComponent).join('/'));
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) pairs.push(`${encodeURIComponent(k)}=${enc(String(x))}`);
  return `GET ${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

export function toolInput(tool: ToolDefinition, args: Readonly<Record<string, unknown>> | undefined): ToolInput {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args ?? {})) {
    const t = asText(v);
    if (t !== undefined) raw[k] = t;
  }
  const params: Record<string, string> = {};
  for (const p of tool.spec.pathParams ?? []) {
    const v = raw[p.name];
    delete raw[p.name];
    if (v === undefined) throw new UsageError(`missing argument: ${p.name} (${p.description})`);
    if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`invalid ${p.name}: ${JSON.stringify(v)} (expected text: ${p.description})`);
    params[p.name] = v.trim();
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'object' && !Array.isArray(v)) throw new UsageError(`invalid ${k}: ${JSON.stringify(v)} (expected a string, number or boolean)`);
  }
  const query = parseQuery(tool.spec.query, raw, { noun: 'argument', known: (tool.spec.pathParams ?? []).map((p) => p.name) });
  return { input: { query, params }, request: requestLine(tool, params, raw) };
}
