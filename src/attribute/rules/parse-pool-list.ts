/**
 * @module Parse a mempool `pools-v2.json` / bitcoin-data `pool-list.json` into a rule set.
 * Every tag is compiled as mempool does (`new RegExp(tag, 'i')`) at load time, so an invalid
 * regex fails here — a RuleError naming the file, pool and tag — instead of in the middle of
 * attributing (mempool itself would throw inside matchBlockMiner). With
 * `onInvalidRegex: 'literal'` such a tag is instead matched as literal text and a warning is kept.
 */
import { RuleError } from '../../domain/errors.js';
import { poolSlug } from '../names.js';
import type { PoolListRuleSet, PoolRule } from '../types.js';
import { parseJsonBytes, poolListSchema, validate } from './schema.js';
import { fileVersion } from '../../domain/content-version.js';

export type InvalidRegexPolicy = 'error' | 'literal';

export interface PoolListParseOptions {
  readonly onInvalidRegex?: InvalidRegexPolicy;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function parsePoolList(bytes: Uint8Array, file: string, kind: 'mempool' | 'bitcoin-data', opts: PoolListParseOptions = {}): PoolListRuleSet {
  const data = validate(poolListSchema, parseJsonBytes(bytes, file).data, file, 'pool list');
  const warnings: string[] = [];
  const pools: PoolRule[] = [];
  const patterns: string[][] = [];
  const seenIds = new Map<number, string>();
  data.forEach((p, i) => {
    const dup = seenIds.get(p.id);
    if (dup !== undefined) warnings.push(`${file}: $[${i}]: id ${p.id} also used by ${dup}`);
    seenIds.set(p.id, p.name);
    if (i > 0 && p.id <= data[i - 1]!.id) warnings.push(`${file}: $[${i}]: id ${p.id} not ascending; pools are matched in file order (as mempool inserts them)`);
    const poolPatterns = p.tags.map((tag, j) => {
      try {
        const re = new RegExp(tag, 'i');
        if (re.test('')) warnings.push(`${file}: pool ${p.name} (id ${p.id}): tag ${JSON.stringify(tag)} matches every coinbase`);
        return tag;
      } catch (err) {
        const why = `${file}: $[${i}].tags[${j}]: pool ${p.name} (id ${p.id}): invalid tag regex ${JSON.stringify(tag)}: ${(err as Error).message}`;
        if (opts.onInvalidRegex !== 'literal') throw new RuleError(why, { cause: err });
        warnings.push(`${why} (matched as literal text)`);
        return escapeRegExp(tag);
      }
    });
    pools.push({ id: p.id, name: p.name, slug: poolSlug(p.name), tags: p.tags, addresses: p.addresses, ...(p.link ? { link: p.link } : {}) });
    patterns.push(poolPatterns);
  });
  return { kind, version: fileVersion(bytes), files: [file], pools, patterns, warnings };
}
