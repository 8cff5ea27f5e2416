/**
 * @module The list of CLI commands. Each command module exports `register(program, io)`.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { register as registerMetrics } from './metrics.js';

export function registerCommands(program: Command, io: CliIo): void {
  registerMetrics(program, io);
}
