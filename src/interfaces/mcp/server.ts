/**
 * @module The MCP server (tools only), independent of the transport: `tools/list` from the tool
 * list, `tools/call` validates the arguments with the route's schema, runs the route's handler with
 * the same dependencies as the HTTP API (query context, limits) and answers `{ data, provenance }`
 * as structured content and text. Every failure of a call — bad arguments, unknown distribution,
 * a simulation over its limits — is a tool error (`isError`, the same one-line message as the
 * HTTP API), never a crash; an unknown tool name is a protocol error (InvalidParams).
 *
 * The low-level `Server` is used rather than `McpServer` because the input schemas and their
 * validation come from the HTTP routes (query-string zod schemas), not from tool-specific zod shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AppError } from '../../domain/errors.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import type { Versions } from '../http/caching.js';
import type { RouteDeps } from '../http/route.js';
import { defineTool, type ToolDefinition } from './tool-definition.js';
import { toolInput } from './tool-input.js';
import { renderAnswer, sourcesOf, type ToolAnswer } from './tool-result.js';
import { TOOLS, type ToolEntry } from './tools.js';

export interface McpDeps {
  /** The query context and limits, shared with the HTTP API when both run in one server. */
  readonly route: RouteDeps;
  /** Code and data versions (the data one also invalidates the series cache when the data change). */
  readonly versions: Versions;
  /** Where unexpected failures are reported (stderr; never stdout, which carries the stdio protocol). */
  readonly log: (message: string) => void;
  readonly tools?: readonly ToolEntry[];
  /** Told of every tool call in progress (stdio waits for them before closing when stdin ends). */
  readonly track?: (call: Promise<unknown>) => void;
}

const PACKAGE = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export const INSTRUCTIONS =
  'Nakamoto Observatory: how concentrated is power in Bitcoin mining and in AI, with error bars and provenance. ' +
  'Start with list_distributions; metrics gives concentration per window (ci=true adds posterior intervals for block-sampled data); ' +
  'explain_metric gives the exact definition of a metric before you quote it. Every result is { data, provenance }: ' +
  'provenance.request is the equivalent HTTP request, provenance.sources the data it read. Read-only; simulations are bounded.';

/** Every tool of the list, joined with its route (throws at start-up if an entry names no route). */
export function toolDefinitions(tools: readonly ToolEntry[] = TOOLS): ToolDefinition[] {
  const seen = new Set<string>();
  return tools.map((t) => {
    if (seen.has(t.name)) throw new Error(`MCP tool ${t.name} is listed twice`);
    seen.add(t.name);
    return defineTool(t);
  });
}

function listing(t: ToolDefinition): Tool {
  return {
    name: t.entry.name,
    title: t.title,
    description: t.description,
    inputSchema: { ...t.inputSchema },
    annotations: { title: t.title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  };
}

export async function callTool(t: ToolDefinition, args: Record<string, unknown> | undefined, deps: McpDeps): Promise<CallToolResult> {
  try {
    const { input, request } = toolInput(t, args);
    const dataVersion = t.spec.cache === 'static' ? null : await deps.versions.data();
    const data = await t.spec.handler(input, deps.route);
    const answer: ToolAnswer = {
      data,
      provenance: { tool: t.entry.name, request, method: t.entry.docs, code: await deps.versions.code(), dataVersion, sources: sourcesOf(data) },
    };
    return { content: [{ type: 'text', text: renderAnswer(t.title, answer) }], structuredContent: answer as unknown as Record<string, unknown> };
  } catch (err) {
    if (err instanceof AppError) return { content: [{ type: 'text', text: err.message }], isError: true };
    deps.log(`nakamoto mcp: tool ${t.entry.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return { content: [{ type: 'text', text: 'internal error (see the server log)' }], isError: true };
  }
}

export function createMcpServer(deps: McpDeps, defs: readonly ToolDefinition[] = toolDefinitions(deps.tools)): Server {
  const server = new Server({ name: PACKAGE.name, title: 'Nakamoto Observatory', version: PACKAGE.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const byName = new Map(defs.map((d) => [d.entry.name, d]));
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: defs.map(listing) }));
  server.setRequestHandler(CallToolRequestSchema, (req) => {
    const t = byName.get(req.params.name);
    if (!t) throw new McpError(ErrorCode.InvalidParams, `unknown tool: ${req.params.name} (tools: ${[...byName.keys()].join(', ')})`);
    const call = callTool(t, req.params.arguments, deps);
    deps.track?.(call);
    return call;
  });
  return server;
}
