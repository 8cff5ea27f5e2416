/**
 * @module `nakamoto mcp`: the MCP server for AI agents over stdio (the tools of docs/mcp.md: the
 * same queries and argument schemas as the HTTP API). An MCP client starts it as a subprocess;
 * stdout carries the protocol only, messages go to stderr. The same tools are served over HTTP
 * at `/mcp` by `nakamoto serve`.
 */
import type { Command } from 'commander';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { serveStdio } from '../../mcp/stdio.js';
import type { CliIo } from '../io.js';
import { untilSignal } from '../until-signal.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('mcp')
    .description('Serve the MCP tools (metrics, pools, compare, claims, attack calculators, bounded simulations, metric definitions…) to an AI agent over stdio; see docs/mcp.md. Uses the store if there is one, else the embedded default and the shared datasets.')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: { db?: string }) => {
      const store = await openExistingStore(opts.db, io, false);
      try {
        io.stderr(`nakamoto: MCP server on stdio over ${store ? 'the store' : 'the embedded default and shared datasets'}; stops when stdin closes\n`);
        await serveStdio({ store, datasetsRoot: datasetsRoot(io.env), log: (m) => io.stderr(m + '\n'), stop: untilSignal() });
      } finally {
        await store?.close();
      }
    });
}
