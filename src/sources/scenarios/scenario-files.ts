/**
 * @module Scenario files: the shipped library (`scenarios/<name>.yaml`) and any YAML path, read and
 * parsed (simulate/scenario-load.ts parses and validates the text).
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { NotFoundError } from '../../domain/errors.js';
import { parseScenario } from '../../simulate/scenario-load.js';
import type { Scenario } from '../../simulate/scenario-schema.js';
import { PROJECT_ROOT } from '../files/datasets-path.js';
import { readText } from '../files/read-file.js';

export const SCENARIO_DIR = join(PROJECT_ROOT, 'scenarios');

/** Names of the shipped scenarios (file names without `.yaml`), sorted. */
export function libraryNames(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}

/** A library name (`china-ban-2021`) or a path to a YAML file (relative to cwd). */
export async function loadScenario(nameOrPath: string, cwd = process.cwd(), dir = SCENARIO_DIR): Promise<Scenario> {
  const isPath = /\.ya?ml$/i.test(nameOrPath) || nameOrPath.includes('/') || nameOrPath.includes('\\');
  if (!isPath && !libraryNames(dir).includes(nameOrPath)) {
    throw new NotFoundError(`unknown scenario: ${nameOrPath} (shipped: ${libraryNames(dir).join(', ')}; or give a path to a .yaml file)`);
  }
  const file = isPath ? (isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath)) : join(dir, `${nameOrPath}.yaml`);
  return parseScenario(await readText(file), file);
}
