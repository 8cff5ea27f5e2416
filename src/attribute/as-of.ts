/**
 * @module Attribution with the rules as they stood at each block's date (`--rules-as-of block`),
 * from the community pool-list history (pool-definitions-history-2014-2025: when each coinbase tag
 * entered or left the list, under which name). A block is attributed only with the tags that were
 * in the list at its time, so a tag added in 2024 does not relabel 2020.
 *
 * Matching: the legacy pools.json (btc.com format) has tags as plain substrings and no pool order;
 * among the tags active at the block time that occur in the latin1 scriptSig, the longest wins
 * (the most specific), ties to the one in the list longest. Tags only: Blockchair's dumps carry no
 * payout addresses. Pure.
 */
import type { HistorySpan } from './pool-renames.js';

export interface DatedTag {
  readonly tag: string;
  readonly name: string;
  /** In the list from (UTC seconds, inclusive) … */
  readonly fromSec: number;
  /** … until (exclusive; Infinity = still in the latest version). */
  readonly toSec: number;
}

export function datedTags(spans: readonly HistorySpan[]): DatedTag[] {
  const out: DatedTag[] = [];
  for (const s of spans) {
    if (s.kind !== 'tag' || s.key === '') continue;
    const from = Date.parse(s.firstSeen) / 1000;
    const to = s.removedOrRenamedAt === '' ? Infinity : Date.parse(s.removedOrRenamedAt) / 1000;
    if (!Number.isFinite(from)) continue;
    out.push({ tag: s.key, name: s.poolName, fromSec: from, toSec: to });
  }
  // Longest first, then longest in the list: the first active match is the winner.
  out.sort((a, b) => b.tag.length - a.tag.length || a.fromSec - b.fromSec || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return out;
}

/** A function naming the pool of a scriptSig (hex) at a time (UTC seconds) with the tags listed then, or null. */
export function asOfAttributor(tags: readonly DatedTag[]): (scriptSigHex: string, timeSec: number) => string | null {
  return (hex, t) => {
    if (!Number.isFinite(t)) return null;
    const latin1 = Buffer.from(hex, 'hex').toString('latin1');
    for (const d of tags) if (t >= d.fromSec && t < d.toSec && latin1.includes(d.tag)) return d.name;
    return null;
  };
}
