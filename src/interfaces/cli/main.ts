/**
 * @module CLI composition root: builds the commander program, registers every command, and maps
 * errors to exit codes in one place (2 = bad usage or input, 1 = internal failure).
 */
import { Command, CommanderError } from 'commander';
import { AppError } from '../../domain/errors.js';
import { registerCommands } from './commands/index.js';
import { processIo, type CliIo } from './io.js';
import { packageVersion } from './version.js';

/**
 * commander's usage errors ("error: unknown command 'reprt'\n(Did you mean report?)\n") as ONE line:
 * `nakamoto: unknown command 'reprt' — did you mean report? (--help for usage)`.
 */
export function oneLineError(text: string): string {
  const body = text
    .trim()
    .replace(/^error: /, '')
    .replace(/\s*\n\(Did you mean (.+)\?\)/, ' — did you mean $1?')
    .replace(/\s*\n\s*/g, ' ');
  return `nakamoto: ${body} (--help for usage)\n`;
}

export async function buildProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('nakamoto')
    .description('Nakamoto Observatory: how concentrated is power in proof-of-work mining and in AI — with error bars and provenance.')
    .version(`nakamoto ${packageVersion()}`, '-V, --version', 'print the version')
    .option('--verbose', 'print stack traces and debug detail on errors')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(oneLineError(text)) })
    .exitOverride();
  await registerCommands(program, io, argv);
  return program;
}

/** Run the CLI with argv (as process.argv: node, script, ...args); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const program = await buildProgram(io, argv);
    await program.parseAsync([...argv]);
    return 0;
  } catch (err) {
    return reportError(err, io, verbose);
  }
}

export function reportError(err: unknown, io: CliIo, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message (or help/version, which exit 0).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof AppError) {
    io.stderr(`nakamoto: ${err.message}\n`);
    if (verbose && err.stack) io.stderr(err.stack + '\n');
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`nakamoto: internal error: ${message}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && err instanceof Error && err.stack) io.stderr(err.stack + '\n');
  return 1;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  process.exitCode = await main(process.argv);
}
