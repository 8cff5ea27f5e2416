/**
 * @module The list of CLI commands. Each command module exports `register(program, io)`.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { register as registerAttack } from './attack.js';
import { register as registerAttribute } from './attribute.js';
import { register as registerBittensor } from './bittensor.js';
import { register as registerClaims } from './claims.js';
import { register as registerCompare } from './compare.js';
import { register as registerDecode } from './decode.js';
import { register as registerDistributions } from './distributions.js';
import { register as registerEconomics } from './economics.js';
import { register as registerEnergy } from './energy.js';
import { register as registerExport } from './export.js';
import { register as registerFetch } from './fetch.js';
import { register as registerGeography } from './geography.js';
import { register as registerGroups } from './groups.js';
import { register as registerHashrate } from './hashrate.js';
import { register as registerIngest } from './ingest.js';
import { register as registerMcp } from './mcp.js';
import { register as registerMetrics } from './metrics.js';
import { register as registerPools } from './pools.js';
import { register as registerReport } from './report.js';
import { register as registerServe } from './serve.js';
import { register as registerSimulate } from './simulate.js';
import { register as registerSources } from './sources.js';
import { register as registerWorker } from './worker.js';

export function registerCommands(program: Command, io: CliIo): void {
  registerIngest(program, io);
  registerAttribute(program, io);
  registerDecode(program, io);
  registerMetrics(program, io);
  registerPools(program, io);
  registerHashrate(program, io);
  registerReport(program, io);
  registerAttack(program, io);
  registerCompare(program, io);
  registerClaims(program, io);
  registerSimulate(program, io);
  registerServe(program, io);
  registerMcp(program, io);
  registerGeography(program, io);
  registerEnergy(program, io);
  registerEconomics(program, io);
  registerFetch(program, io);
  registerSources(program, io);
  registerDistributions(program, io);
  registerBittensor(program, io);
  registerWorker(program, io);
  registerExport(program, io);
  registerGroups(program, io);
}
