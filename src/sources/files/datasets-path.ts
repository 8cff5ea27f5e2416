/**
 * @module Where the shared datasets live: `$NAKAMOTO_DATASETS`, else `../shared/datasets`
 * relative to the project root.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json). */
/** The shared per-block attribution file (heights, times, pool slugs 2020–2026), relative to the datasets root. */
export const PER_BLOCK_FILE = 'bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function datasetsRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.NAKAMOTO_DATASETS ? resolve(env.NAKAMOTO_DATASETS) : resolve(PROJECT_ROOT, '../shared/datasets');
}

/** Absolute path of a file inside the datasets folder, e.g. `datasetPath('bitcoin/raw-blocks/expected.json')`. */
export function datasetPath(relative: string, env?: Readonly<Record<string, string | undefined>>): string {
  return join(datasetsRoot(env), relative);
}

export function datasetsAvailable(env?: Readonly<Record<string, string | undefined>>): boolean {
  return existsSync(datasetsRoot(env));
}
