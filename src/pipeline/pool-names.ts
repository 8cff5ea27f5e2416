/**
 * @module Display names for Bitcoin pool slugs, from the embedded `data/default/pool-names.json`
 * (derived from mempool's pools-v2.json). Unknown slugs display as themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR } from './load-bitcoin.js';

let cache: ReadonlyMap<string, string> | null = null;

export function poolDisplayNames(): ReadonlyMap<string, string> {
  if (!cache) {
    const raw = JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'pool-names.json'), 'utf8')) as Record<string, string>;
    cache = new Map(Object.entries(raw));
  }
  return cache;
}

export function poolName(slug: string): string {
  return poolDisplayNames().get(slug) ?? slug;
}
