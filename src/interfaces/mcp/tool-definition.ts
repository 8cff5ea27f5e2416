/**
 * @module A tool entry joined with its HTTP route: the JSON Schema of its arguments (the route's
 * path parameters, required strings, then its query schema as clients send it: numbers, integers
 * and booleans with their bounds) and the description shown by `tools/list`.
 */
import { queryJsonSchema, type ObjectJsonSchema } from '../http/openapi.js';
import type { RouteSpec } from '../http/route.js';
import { ROUTES } from '../http/routes/index.js';
import type { ToolEntry } from './tools.js';

export interface ToolDefinition {
  readonly entry: ToolEntry;
  readonly spec: RouteSpec;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: ObjectJsonSchema;
}

/** Look the route up by its OpenAPI path; an entry naming no route is a programming error. */
export function routeOf(entry: ToolEntry, routes: readonly RouteSpec[] = ROUTES): RouteSpec {
  const spec = routes.find((r) => r.openapiPath === entry.route);
  if (!spec) throw new Error(`MCP tool ${entry.name}: no HTTP route ${entry.route} (known: ${routes.map((r) => r.openapiPath).join(', ')})`);
  if (spec.produces) throw new Error(`MCP tool ${entry.name}: route ${entry.route} answers ${spec.produces}, not JSON`);
  return spec;
}

function inputSchema(spec: RouteSpec): ObjectJsonSchema {
  const query = queryJsonSchema(spec.query);
  const path = spec.pathParams ?? [];
  const properties: ObjectJsonSchema['properties'] = {};
  for (const p of path) properties[p.name] = { type: 'string', description: p.description, examples: [p.example] };
  Object.assign(properties, query.properties);
  const required = [...path.map((p) => p.name), ...(query.required ?? [])];
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

export function defineTool(entry: ToolEntry, routes?: readonly RouteSpec[]): ToolDefinition {
  const spec = routeOf(entry, routes);
  const description = [spec.summary + '.', spec.description, entry.hint, `Same answer as GET ${spec.openapiPath} of \`nakamoto serve\`; method: ${entry.docs}. Returns { data, provenance }.`]
    .filter((s): s is string => Boolean(s))
    .join(' ');
  const title = entry.title ?? entry.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return { entry, spec, title, description, inputSchema: inputSchema(spec) };
}
