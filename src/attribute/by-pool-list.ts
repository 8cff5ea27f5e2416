/**
 * @module mempool's `matchBlockMiner` (backend/src/api/pools-parser.ts), for mempool
 * pools-v2.json and bitcoin-data pool-list.json alike: pool by pool in list order, first the
 * pool's addresses (exact match against any coinbase payout address), then its tags as
 * `new RegExp(tag, 'i')` against the scriptSig bytes mapped 1:1 to chars (latin1). The first
 * pool that matches wins. Unlike mempool, every pool is examined so that all matches are
 * recorded (the winner is the same).
 */
import type { PoolListRuleSet, PoolRef, RuleMatch } from './types.js';

export interface PoolListMatch {
  /** Index into `ruleSet.pools` of the winning pool, -1 when none matched. */
  readonly index: number;
  readonly method: 'address' | 'tag' | 'unknown';
  readonly rule: string | null;
  readonly matches: readonly RuleMatch[];
}

const compiled = new WeakMap<PoolListRuleSet, RegExp[][]>();

function regexes(rs: PoolListRuleSet): RegExp[][] {
  let r = compiled.get(rs);
  if (!r) {
    r = rs.patterns.map((ps) => ps.map((p) => new RegExp(p, 'i')));
    compiled.set(rs, r);
  }
  return r;
}

export function poolRef(rs: { readonly pools: PoolListRuleSet['pools'] }, index: number): PoolRef {
  const p = rs.pools[index]!;
  return { id: p.id, name: p.name, slug: p.slug };
}

/** `latin1` = mempool's hex2ascii of the scriptSig; `addresses` = the coinbase payout addresses. */
export function matchPoolList(rs: PoolListRuleSet, latin1: string, addresses: readonly string[]): PoolListMatch {
  const res = regexes(rs);
  const payout = new Set(addresses);
  const matches: RuleMatch[] = [];
  let index = -1;
  let method: PoolListMatch['method'] = 'unknown';
  let rule: string | null = null;
  rs.pools.forEach((pool, i) => {
    const address = payout.size > 0 ? pool.addresses.find((a) => payout.has(a)) : undefined;
    const tagIndex = res[i]!.findIndex((re) => re.test(latin1));
    if (address !== undefined) matches.push({ pool: poolRef(rs, i), method: 'address', rule: address });
    if (tagIndex >= 0) matches.push({ pool: poolRef(rs, i), method: 'tag', rule: pool.tags[tagIndex]! });
    if (index < 0 && (address !== undefined || tagIndex >= 0)) {
      index = i;
      method = address !== undefined ? 'address' : 'tag';
      rule = address ?? pool.tags[tagIndex]!;
    }
  });
  return { index, method, rule, matches };
}
