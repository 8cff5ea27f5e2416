/**
 * @module Which blocks must be re-attributed when a rule set changes (pure).
 *
 * Every rule (tag or address) has a priority rank in its rule set: pool lists — the pool's
 * position (first pool that matches wins); EDI — an identifier's position, and all known
 * addresses share the rank after the last identifier. A block decided by pool P needs redoing when
 * - P's rules changed (a tag or address added or removed, P renamed, added or dropped), or
 * - a rule was GAINED (added, or moved ahead of a rule of another pool) at a rank at or before
 *   the rank that decided the block (it may now match first), or
 * - the block is unknown / fallback and some rule was gained, or
 * - P's owner changed (ownership links), for the entity level.
 * mempool's own pools-updater reindexes only the changed pools and "Unknown"; that misses blocks
 * of later pools taken over by an earlier pool's new tag, which the rank test catches.
 */
import { RuleError } from '../domain/errors.js';
import { normalizePoolName, poolSlug } from './names.js';
import type { Attribution, OwnershipLinkSet, RuleSet } from './types.js';

export interface RuleSetDiff {
  readonly from: { readonly kind: RuleSet['kind']; readonly version: string };
  readonly to: { readonly kind: RuleSet['kind']; readonly version: string };
  /** Slugs of pools whose tags or addresses changed (including new, dropped and renamed pools). */
  readonly changedPools: ReadonlySet<string>;
  /** Slugs of pools that gained a rule (new rule, or a rule now ahead of another pool's rule). */
  readonly gainedPools: ReadonlySet<string>;
  /** Lowest rank (in the new rule set) of a gained rule; Infinity when nothing was gained. */
  readonly firstGainRank: number;
  /** Pool lists: slug → rank in the new rule set. */
  readonly rankByPool: ReadonlyMap<string, number>;
  /** EDI: identifier → rank in the new rule set. */
  readonly rankByTag: ReadonlyMap<string, number>;
  /** EDI: rank shared by all known addresses (= number of identifiers). */
  readonly addressRank: number;
  /** Normalised names of pools whose owner (at some time) changed, transitively. */
  readonly ownershipChanged: ReadonlySet<string>;
}

interface Rule {
  readonly key: string;
  readonly pool: string;
  readonly rank: number;
}

function rulesOf(rs: RuleSet): Rule[] {
  const rules: Rule[] = [];
  if (rs.kind === 'edi') {
    rs.identifiers.forEach(({ tag, name }, i) => rules.push({ key: `tag:${tag}`, pool: poolSlug(name), rank: i }));
    for (const [a, name] of rs.knownAddresses) rules.push({ key: `address:${a}`, pool: poolSlug(name), rank: rs.identifiers.length });
  } else {
    rs.pools.forEach((p, i) => {
      for (const t of p.tags) rules.push({ key: `tag:${t}`, pool: p.slug, rank: i });
      for (const a of p.addresses) rules.push({ key: `address:${a}`, pool: p.slug, rank: i });
    });
  }
  return rules;
}

const id = (r: Rule) => `${r.pool}\u0000${r.key}`;

export function diffRuleSets(oldRs: RuleSet, newRs: RuleSet): RuleSetDiff {
  if ((oldRs.kind === 'edi') !== (newRs.kind === 'edi')) {
    throw new RuleError(`cannot diff rule sets of kinds ${oldRs.kind} and ${newRs.kind}: their rules have different semantics`);
  }
  const oldRules = new Map(rulesOf(oldRs).map((r) => [id(r), r]));
  const newList = rulesOf(newRs);
  const newRules = new Map(newList.map((r) => [id(r), r]));
  const changed = new Set<string>();
  const gained = new Set<string>();
  let firstGainRank = Infinity;
  const gain = (r: Rule) => {
    changed.add(r.pool);
    gained.add(r.pool);
    firstGainRank = Math.min(firstGainRank, r.rank);
  };
  for (const [k, r] of oldRules) if (!newRules.has(k)) changed.add(r.pool);
  const kept = newList.filter((r) => oldRules.has(id(r)));
  for (const r of newList) {
    const old = oldRules.get(id(r));
    if (!old) {
      gain(r);
      continue;
    }
    // Moved ahead of another pool's rule that used to come first?
    const overtook = kept.some((s) => s.pool !== r.pool && s.rank > r.rank && oldRules.get(id(s))!.rank < old.rank);
    if (overtook) {
      gained.add(r.pool);
      firstGainRank = Math.min(firstGainRank, r.rank);
    }
  }
  const rankByPool = new Map<string, number>();
  const rankByTag = new Map<string, number>();
  if (newRs.kind === 'edi') newRs.identifiers.forEach(({ tag }, i) => rankByTag.has(tag) || rankByTag.set(tag, i));
  else newRs.pools.forEach((p, i) => rankByPool.has(p.slug) || rankByPool.set(p.slug, i));
  const ownership = diffOwnershipLinks(oldRs.kind === 'edi' ? oldRs.ownership : null, newRs.kind === 'edi' ? newRs.ownership : null);
  return {
    from: { kind: oldRs.kind, version: oldRs.version },
    to: { kind: newRs.kind, version: newRs.version },
    changedPools: changed,
    gainedPools: gained,
    firstGainRank,
    rankByPool,
    rankByTag,
    addressRank: newRs.kind === 'edi' ? newRs.identifiers.length : Infinity,
    ownershipChanged: ownership,
  };
}

/** Normalised names whose owner chain differs between two link sets (transitively: children of a changed owner too). */
export function diffOwnershipLinks(a: OwnershipLinkSet | null, b: OwnershipLinkSet | null): Set<string> {
  const signature = (set: OwnershipLinkSet | null) => {
    const m = new Map<string, string[]>();
    for (const l of set?.links ?? []) {
      const k = normalizePoolName(l.child);
      m.set(k, [...(m.get(k) ?? []), `${normalizePoolName(l.parent)}|${l.fromSec}|${l.toSec}`]);
    }
    return new Map([...m].map(([k, v]) => [k, v.sort().join(';')]));
  };
  const sa = signature(a);
  const sb = signature(b);
  const changed = new Set<string>();
  for (const k of new Set([...sa.keys(), ...sb.keys()])) if (sa.get(k) !== sb.get(k)) changed.add(k);
  const all = [...(a?.links ?? []), ...(b?.links ?? [])];
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of all) {
      const child = normalizePoolName(l.child);
      if (changed.has(normalizePoolName(l.parent)) && !changed.has(child)) {
        changed.add(child);
        grew = true;
      }
    }
  }
  return changed;
}

function rankOf(a: Attribution, diff: RuleSetDiff): number {
  if (a.method === 'unknown' || a.method === 'fallback') return Infinity;
  if (diff.to.kind === 'edi') return a.method === 'tag' ? (diff.rankByTag.get(a.matchedRule ?? '') ?? Infinity) : diff.addressRank;
  return diff.rankByPool.get(a.pool.slug) ?? Infinity;
}

/** Does this attribution (made with the diff's old rule set) need to be recomputed with the new one? */
export function needsReattribution(a: Attribution, diff: RuleSetDiff): boolean {
  if (a.ruleSet.version !== diff.from.version) return true;
  if (diff.changedPools.has(a.pool.slug)) return true;
  if (a.method === 'address' && a.matches.some((m) => m.method === 'address' && diff.changedPools.has(m.pool.slug))) return true;
  if (diff.firstGainRank !== Infinity && rankOf(a, diff) >= diff.firstGainRank) return true;
  return diff.ownershipChanged.has(normalizePoolName(a.pool.name));
}
