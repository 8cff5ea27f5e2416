/**
 * @module The organisation alias file (`data/aliases/ai-organisations.json`): schema (zod),
 * parsing, and consistency checks. Each alias maps a name as Epoch writes it to a canonical
 * organisation (renames and spelling variants merged: DeepMind → Google DeepMind, Facebook AI
 * Research → Meta AI) and a parent company (Google DeepMind → Alphabet), with a `source` note.
 * `compoundNames` lists organisation names that themselves contain a comma, so that splitting a
 * multi-organisation cell on commas does not cut them. Names are matched ignoring case and
 * repeated spaces. Inconsistent rules (an alias listed twice, one organisation with two parents,
 * a parent that itself has a parent) are a RuleError naming both entries.
 */
import { z } from 'zod';
import { DecodeError, RuleError } from '../../domain/errors.js';

/** Which name an organisation resolves to: the canonical organisation, or its parent company. */
export type OrganisationLevel = 'organisation' | 'parent';
export const ORGANISATION_LEVELS: readonly OrganisationLevel[] = ['organisation', 'parent'];

const nonBlank = z.string().trim().min(1);

export const organisationRulesSchema = z.object({
  description: z.string().optional(),
  schemaVersion: z.literal(1),
  compoundNames: z.array(z.object({ name: nonBlank.refine((s) => s.includes(','), 'a compound name contains a comma'), source: nonBlank })),
  aliases: z.array(
    z.object({
      alias: nonBlank,
      organisation: nonBlank,
      parent: nonBlank,
      source: nonBlank,
    }),
  ),
});
export type OrganisationRulesFile = z.infer<typeof organisationRulesSchema>;

export interface OrganisationAlias {
  readonly alias: string;
  readonly organisation: string;
  readonly parent: string;
  readonly source: string;
}

export interface OrganisationRules {
  /** Normalised alias → entry. */
  readonly byName: ReadonlyMap<string, OrganisationAlias>;
  /** Names containing commas, each as its comma-separated pieces (normalised). */
  readonly compoundPieces: readonly (readonly string[])[];
  readonly compoundNames: readonly string[];
  readonly entries: readonly OrganisationAlias[];
}

/** Matching key: trimmed, inner whitespace collapsed, lower case. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function path(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || '(root)';
}

/** Parse and check the alias file's text. `input` (the file path) is named in every error. */
export function parseOrganisationRules(text: string, input: string): OrganisationRules {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DecodeError({ input }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = organisationRulesSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DecodeError({ input, field: path(issue.path) }, `invalid alias file: ${issue.message}`);
  }
  const entries: OrganisationAlias[] = parsed.data.aliases.map((a) => ({
    alias: a.alias.trim(),
    organisation: a.organisation.trim(),
    parent: a.parent.trim(),
    source: a.source,
  }));
  const byName = new Map<string, OrganisationAlias>();
  const indexOf = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = normaliseName(e.alias);
    const prior = indexOf.get(key);
    if (prior !== undefined) throw new RuleError(`${input}: alias ${JSON.stringify(e.alias)} is listed twice (aliases[${prior}] and aliases[${i}])`);
    byName.set(key, e);
    indexOf.set(key, i);
  });
  const parentOf = new Map<string, { parent: string; at: number }>();
  entries.forEach((e, i) => {
    const org = normaliseName(e.organisation);
    const seen = parentOf.get(org);
    if (seen && normaliseName(seen.parent) !== normaliseName(e.parent)) {
      throw new RuleError(
        `${input}: organisation ${JSON.stringify(e.organisation)} has two parents: ${JSON.stringify(seen.parent)} (aliases[${seen.at}]) and ${JSON.stringify(e.parent)} (aliases[${i}])`,
      );
    }
    if (!seen) parentOf.set(org, { parent: e.parent, at: i });
    const self = byName.get(org);
    if (self && normaliseName(self.organisation) !== org) {
      throw new RuleError(
        `${input}: aliases[${i}] maps to ${JSON.stringify(e.organisation)}, which aliases[${indexOf.get(org)}] maps on to ${JSON.stringify(self.organisation)} (chains are not allowed: map every alias to the final name)`,
      );
    }
    const parentEntry = byName.get(normaliseName(e.parent));
    if (parentEntry && normaliseName(parentEntry.parent) !== normaliseName(e.parent)) {
      throw new RuleError(
        `${input}: aliases[${i}] has parent ${JSON.stringify(e.parent)}, whose own parent is ${JSON.stringify(parentEntry.parent)} (aliases[${indexOf.get(normaliseName(e.parent))}]): parents must be top-level`,
      );
    }
  });
  const compoundNames = parsed.data.compoundNames.map((c) => c.name.trim());
  const compoundPieces = compoundNames.map((n) => n.split(',').map(normaliseName));
  return { byName, compoundPieces, compoundNames, entries };
}
