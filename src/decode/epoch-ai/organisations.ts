/**
 * @module Organisation cells → weighted entities. A cell naming several organisations
 * ("Google DeepMind,OpenAI") is split on commas (keeping the alias file's compound names such as
 * "SambaNova Systems, Inc" whole) and the row's weight is split evenly among the names; names
 * resolving to the same entity (Google Brain and DeepMind → Google DeepMind) are merged, so a
 * row's shares always sum to 1. A name not in the alias file resolves to itself, marked unknown.
 */
import type { OrganisationLevel, OrganisationRules } from './organisation-rules.js';
import { normaliseName } from './organisation-rules.js';

export interface ResolvedName {
  /** Canonical organisation or parent, or the name itself (trimmed) when not in the alias file. */
  readonly entity: string;
  readonly known: boolean;
}

export function resolveOrganisation(rules: OrganisationRules, name: string, level: OrganisationLevel): ResolvedName {
  const entry = rules.byName.get(normaliseName(name));
  if (!entry) return { entity: name.trim().replace(/\s+/g, ' '), known: false };
  return { entity: level === 'parent' ? entry.parent : entry.organisation, known: true };
}

/** The organisation names in a cell, in order; blanks dropped; compound names kept whole. */
export function splitOrganisations(cell: string, rules: OrganisationRules): string[] {
  const tokens = cell.split(',');
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let taken = 0;
    for (const pieces of rules.compoundPieces) {
      if (i + pieces.length > tokens.length) continue;
      if (pieces.every((p, k) => normaliseName(tokens[i + k]!) === p)) {
        taken = pieces.length;
        break;
      }
    }
    const name = (taken > 0 ? tokens.slice(i, i + taken).join(',') : tokens[i]!).trim();
    if (name !== '') out.push(name);
    i += Math.max(taken, 1);
  }
  return out;
}

export interface OrganisationShare {
  readonly entity: string;
  /** Fraction of the row's weight, in (0, 1]; a row's shares sum to 1. */
  readonly share: number;
}

export interface CellAttribution {
  readonly shares: readonly OrganisationShare[];
  /** Each name listed in the cell, with how it resolved. */
  readonly names: readonly (ResolvedName & { readonly name: string })[];
}

/** Split a cell into entities with equal shares per listed name; empty when the cell is blank. */
export function organisationShares(cell: string, rules: OrganisationRules, level: OrganisationLevel): CellAttribution {
  const names = splitOrganisations(cell, rules).map((name) => ({ name, ...resolveOrganisation(rules, name, level) }));
  const sums = new Map<string, number>();
  for (const n of names) sums.set(n.entity, (sums.get(n.entity) ?? 0) + 1);
  const shares = [...sums].map(([entity, count]) => ({ entity, share: count / names.length }));
  return { shares, names };
}
