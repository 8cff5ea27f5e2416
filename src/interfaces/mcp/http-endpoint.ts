/**
 * @module `/mcp` on the HTTP server (`nakamoto serve`): the MCP streamable-HTTP transport in
 * stateless mode (every POST is answered on its own, as JSON; no sessions, so nothing to clean up
 * and any number of clients), over the same query context, limits and caches as the JSON API.
 *
 * Access: `loopback` (default) answers only clients on this machine, and only with a loopback
 * Host (and Origin, when a browser sends one) — a web page cannot reach it through DNS rebinding,
 * even if the server was bound to 0.0.0.0 for the dashboard. `network` answers anyone who can
 * reach the server; `off` does not register the endpoint.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { UsageError } from '../../domain/errors.js';
import { createMcpServer, toolDefinitions, type McpDeps } from './server.js';

export const MCP_MODES = ['loopback', 'network', 'off'] as const;
export type McpMode = (typeof MCP_MODES)[number];

export function parseMcpMode(text: string): McpMode {
  if ((MCP_MODES as readonly string[]).includes(text)) return text as McpMode;
  throw new UsageError(`invalid --mcp: ${text} (expected one of ${MCP_MODES.join(', ')})`);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** The host name of a Host header or an Origin URL (`localhost:8080` → `localhost`). */
function hostName(value: string): string {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return value;
  }
}

/** Why a request may not use the loopback-only endpoint; undefined when it may. */
export function loopbackRefusal(req: Pick<FastifyRequest, 'headers'> & { socket: { remoteAddress?: string } }): string | undefined {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return `MCP over HTTP answers this machine only (client ${req.socket.remoteAddress ?? 'unknown'}); start the server with --mcp network to allow others`;
  const host = req.headers.host;
  if (host === undefined || !LOOPBACK_HOSTS.has(hostName(host))) return `MCP over HTTP needs a loopback Host header (got ${host ?? 'none'})`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && !LOOPBACK_HOSTS.has(hostName(origin))) return `MCP over HTTP refuses cross-origin requests (Origin ${origin})`;
  return undefined;
}

function rpcError(reply: FastifyReply, status: number, message: string, headers: Record<string, string> = {}) {
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .send({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

export function registerMcpEndpoint(app: FastifyInstance, deps: McpDeps, mode: McpMode): void {
  if (mode === 'off') return;
  const defs = toolDefinitions(deps.tools); // resolved once: a tool naming no route fails at start-up
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    config: { cache: 'none' },
    handler: async (req, reply) => {
      const refused = mode === 'loopback' ? loopbackRefusal(req) : undefined;
      if (refused) return rpcError(reply, 403, refused);
      // Stateless: no server-to-client stream (GET) and no session to end (DELETE).
      if (req.method !== 'POST') return rpcError(reply, 405, `method not allowed: ${req.method} /mcp (stateless MCP endpoint: POST JSON-RPC messages)`, { allow: 'POST' });
      const server = createMcpServer(deps, defs);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      reply.hijack();
      reply.raw.on('close', () => {
        void transport.close();
        void server.close();
      });
      try {
        await server.connect(transport);
        await transport.handleRequest(req.raw, reply.raw, req.body);
      } catch (err) {
        req.log.error({ err }, 'MCP request failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'internal error' }, id: null }));
      }
    },
  });
}
