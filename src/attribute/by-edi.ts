/**
 * @module The EDI mapping (consensus_decentralization mappings/default_mapping.py, clustering
 * on), without its run-time address learning:
 * 1. known identifiers, in file order: the first that is a substring of the Python repr of the
 *    scriptSig bytes (`str(codecs.decode(hex, 'hex'))`) names the entity;
 * 2. else known addresses: every entity owning one of the payout addresses, sorted and joined by '/';
 * 3. else fallback: the sorted distinct payout addresses joined by '/' (none → unknown).
 * Every matching identifier and address is recorded (first per entity and method).
 */
import { sortedByCodePoint } from './code-point-order.js';
import { poolSlug } from './names.js';
import type { EdiRuleSet, PoolRef, RuleMatch } from './types.js';

export interface EdiMatch {
  /** Entity name (null for unknown). */
  readonly name: string | null;
  readonly method: 'address' | 'tag' | 'fallback' | 'unknown';
  readonly rule: string | null;
  readonly matches: readonly RuleMatch[];
}

function ref(name: string): PoolRef {
  return { id: null, name, slug: poolSlug(name) };
}

/**
 * `repr` = pythonBytesRepr(scriptSig); `addresses` = payout addresses; `known` = address → entity
 * (the rule set's, or a learned table when reproducing EDI's order-dependent learning).
 */
export function matchEdi(rs: EdiRuleSet, repr: string, addresses: readonly string[], known: ReadonlyMap<string, string> = rs.knownAddresses): EdiMatch {
  const matches: RuleMatch[] = [];
  const seen = new Set<string>();
  let winner: { name: string; tag: string } | null = null;
  for (const { tag, name } of rs.identifiers) {
    if (!repr.includes(tag)) continue;
    winner ??= { name, tag };
    if (!seen.has(`tag:${name}`)) {
      seen.add(`tag:${name}`);
      matches.push({ pool: ref(name), method: 'tag', rule: tag });
    }
  }
  const payout = sortedByCodePoint(new Set(addresses));
  const byEntity = new Map<string, string[]>();
  for (const a of payout) {
    const name = known.get(a);
    if (name === undefined) continue;
    const list = byEntity.get(name) ?? [];
    list.push(a);
    byEntity.set(name, list);
  }
  const entities = sortedByCodePoint(byEntity.keys());
  for (const name of entities) matches.push({ pool: ref(name), method: 'address', rule: byEntity.get(name)![0]! });
  if (winner) return { name: winner.name, method: 'tag', rule: winner.tag, matches };
  if (entities.length > 0) {
    const used = sortedByCodePoint(entities.flatMap((e) => byEntity.get(e)!));
    return { name: entities.join('/'), method: 'address', rule: used.join('/'), matches };
  }
  if (payout.length > 0) return { name: payout.join('/'), method: 'fallback', rule: null, matches };
  return { name: null, method: 'unknown', rule: null, matches };
}
