/**
 * @module The list of CLI commands. Each command module exports `register(program, io)`. Modules are
 * imported lazily: a run of one command loads only that command's module (and what it imports), so
 * `nakamoto --version` or `nakamoto decode …` does not pay for DuckDB, fastify or the chart stack.
 * `--version` loads none; help, an unknown name or no command loads them all (in this order, the order `--help` lists them).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

type Register = (program: Command, io: CliIo) => void;
type Loader = () => Promise<{ register: Register }>;

/** Top-level command names → the module that registers them (attribute.ts also registers `attribution`). */
const COMMANDS: ReadonlyArray<readonly [readonly string[], Loader]> = [
  [['ingest'], () => import('./ingest.js')],
  [['attribute', 'attribution'], () => import('./attribute.js')],
  [['decode'], () => import('./decode.js')],
  [['metrics'], () => import('./metrics.js')],
  [['pools'], () => import('./pools.js')],
  [['hashrate'], () => import('./hashrate.js')],
  [['report'], () => import('./report.js')],
  [['attack'], () => import('./attack.js')],
  [['compare'], () => import('./compare.js')],
  [['claims'], () => import('./claims.js')],
  [['simulate'], () => import('./simulate.js')],
  [['serve'], () => import('./serve.js')],
  [['mcp'], () => import('./mcp.js')],
  [['geography'], () => import('./geography.js')],
  [['energy'], () => import('./energy.js')],
  [['economics'], () => import('./economics.js')],
  [['fetch'], () => import('./fetch.js')],
  [['sources'], () => import('./sources.js')],
  [['distributions'], () => import('./distributions.js')],
  [['bittensor'], () => import('./bittensor.js')],
  [['worker'], () => import('./worker.js')],
  [['export'], () => import('./export.js')],
  [['groups'], () => import('./groups.js')],
];

/** The command named in argv (first argument after the script that is not an option), if any. */
export function commandName(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

/** Register the command argv names (all of them when it names none we know, or asks for help). */
export async function registerCommands(program: Command, io: CliIo, argv: readonly string[] = []): Promise<void> {
  const name = commandName(argv);
  const one = COMMANDS.find(([names]) => name !== undefined && names.includes(name));
  // `nakamoto --version` needs no command at all.
  const versionOnly = name === undefined && argv.some((a) => a === '--version' || a === '-V');
  const wanted = one ? [one] : versionOnly ? [] : COMMANDS;
  const modules = await Promise.all(wanted.map(([, load]) => load()));
  for (const m of modules) m.register(program, io);
}
