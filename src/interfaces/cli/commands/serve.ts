/**
 * @module `nakamoto serve`: the read-only HTTP JSON API (every CLI capability under /api/…, the
 * OpenAPI document at /openapi.json, the shareable report at /report.html) on 127.0.0.1:8080 by
 * default. Runs until SIGINT/SIGTERM; then closes the server and the store.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { errorsOnlyLogger } from '../../http/error-log.js';
import { startServer } from '../../http/server.js';
import { parseMcpMode } from '../../mcp/http-endpoint.js';
import type { CliIo } from '../io.js';
import { untilSignal } from '../until-signal.js';
import { DB_OPTION_HELP, openServingStore } from '../store-options.js';

interface ServeOptions {
  host: string;
  port: string;
  db?: string;
  log?: boolean;
  mcp: string;
}

export function register(program: Command, io: CliIo, wait: () => Promise<string> = untilSignal): void {
  program
    .command('serve')
    .description('Serve the read-only HTTP JSON API: every CLI capability under /api/… (see /openapi.json and docs/http-api.md), the shareable report at /report.html. Uses the store if there is one, else the embedded default and the shared datasets.')
    .option('--host <host>', 'interface to bind (0.0.0.0 exposes the API to the network)', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 = any free port)', '8080')
    .option('--log', 'log every request (JSON lines on stdout)')
    .option('--mcp <who>', 'MCP endpoint /mcp for AI agents: loopback (clients on this machine only), network (anyone who reaches the server) or off', 'loopback')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: ServeOptions) => {
      const port = parseNumberParam('--port', opts.port, { min: 0, max: 65_535, integer: true });
      const mcp = parseMcpMode(opts.mcp);
      const store = await openServingStore(opts.db, io);
      try {
        const server = await startServer({ host: opts.host, port, store, datasetsRoot: datasetsRoot(io.env), logger: opts.log ? true : errorsOnlyLogger(io.stderr), mcp });
        // A DuckDB store is opened per read: it may not exist yet (an ingest creates it later) or be written meanwhile.
        const waiting = store !== null && !store.location.startsWith('postgres') && !existsSync(store.location);
        const what = store && !waiting ? `the store ${store.location}` : 'the embedded default and shared datasets';
        const note = store ? (waiting ? `; the store ${store.location} is read as soon as \`nakamoto ingest\` creates it` : '; other commands, ingest included, may use the store meanwhile') : '';
        io.stderr(`nakamoto: serving ${what} on ${server.url} (dashboard: ${server.url}/, API: ${server.url}/openapi.json, report: ${server.url}/report.html${mcp === 'off' ? '' : `, MCP: ${server.url}/mcp`}${note}); Ctrl-C stops\n`);
        const signal = await wait();
        io.stderr(`nakamoto: ${signal}: stopping\n`);
        await server.close();
      } finally {
        await store?.close();
      }
    });
}
