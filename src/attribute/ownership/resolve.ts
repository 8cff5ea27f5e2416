/**
 * @module Owner of a pool at a block time: follow the active ownership links transitively
 * (BTC.COM → Bitdeer → … ) until a name without an active owner. Names are compared with
 * `normalizePoolName`, so mempool's "BTC.com" finds EDI's "BTC.COM" link. Without a block time
 * only links valid at all times (empty `from` and `to`) apply.
 */
import { RuleError } from '../../domain/errors.js';
import type { OwnershipLink, OwnershipLinkSet } from '../types.js';
import { normalizePoolName } from '../names.js';
import { linkActiveAt } from './parse-links.js';

const indexCache = new WeakMap<OwnershipLinkSet, Map<string, OwnershipLink[]>>();

function linksByChild(set: OwnershipLinkSet): Map<string, OwnershipLink[]> {
  let index = indexCache.get(set);
  if (!index) {
    index = new Map();
    for (const l of set.links) {
      const key = normalizePoolName(l.child);
      const list = index.get(key) ?? [];
      list.push(l);
      index.set(key, list);
    }
    indexCache.set(set, index);
  }
  return index;
}

function activeParent(set: OwnershipLinkSet, name: string, timeSec: number | undefined): OwnershipLink | undefined {
  const candidates = linksByChild(set).get(normalizePoolName(name)) ?? [];
  if (timeSec === undefined) return candidates.find((l) => l.fromSec === null && l.toSec === null);
  return candidates.find((l) => linkActiveAt(l, timeSec));
}

/** The ultimate owner and the chain of names from the pool to it; null when the pool has no owner at that time. */
export function ownerAt(set: OwnershipLinkSet, poolName: string, timeSec: number | undefined): { owner: string; chain: string[] } | null {
  const chain = [poolName];
  const seen = new Set([normalizePoolName(poolName)]);
  let link = activeParent(set, poolName, timeSec);
  if (!link) return null;
  while (link) {
    chain.push(link.parent);
    const key = normalizePoolName(link.parent);
    if (seen.has(key)) throw new RuleError(`circular ownership: ${chain.join(' → ')}`);
    seen.add(key);
    link = activeParent(set, link.parent, timeSec);
  }
  return { owner: chain[chain.length - 1]!, chain };
}
