/**
 * @module Tests for organisation aliases (data/aliases/ai-organisations.json), multi-organisation splitting (property: shares sum to 1) and alias-file consistency errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, RuleError } from '../../domain/errors.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { normaliseName, parseOrganisationRules } from './organisation-rules.js';
import { organisationShares, resolveOrganisation, splitOrganisations } from './organisations.js';

const ALIAS_FILE = join(PROJECT_ROOT, 'data/aliases/ai-organisations.json');
const rules = parseOrganisationRules(readFileSync(ALIAS_FILE, 'utf8'), ALIAS_FILE);

function rulesFrom(aliases: object[], compoundNames: object[] = []): string {
  return JSON.stringify({ schemaVersion: 1, compoundNames, aliases });
}
const entry = (alias: string, organisation: string, parent: string) => ({ alias, organisation, parent, source: 'test' });

describe('alias resolution (data/aliases/ai-organisations.json)', () => {
  it('merges renames at organisation level and maps to parents at parent level', () => {
    const cases: [string, string, string][] = [
      ['DeepMind', 'Google DeepMind', 'Alphabet'],
      ['Google Brain', 'Google DeepMind', 'Alphabet'],
      ['Google DeepMind', 'Google DeepMind', 'Alphabet'],
      ['Google', 'Google', 'Alphabet'],
      ['Facebook AI Research', 'Meta AI', 'Meta'],
      ['Meta AI', 'Meta AI', 'Meta'],
      ['Facebook', 'Meta', 'Meta'],
      ['Microsoft Research', 'Microsoft Research', 'Microsoft'],
      ['Anthropic', 'Anthropic', 'Anthropic'],
      ['Zhipu AI', 'Z.ai (Zhipu AI)', 'Z.ai (Zhipu AI)'],
    ];
    for (const [name, org, parent] of cases) {
      expect(resolveOrganisation(rules, name, 'organisation')).toEqual({ entity: org, known: true });
      expect(resolveOrganisation(rules, name, 'parent')).toEqual({ entity: parent, known: true });
    }
  });

  it('matches ignoring case and repeated spaces; unknown names pass through as themselves', () => {
    expect(resolveOrganisation(rules, '  coreweave ', 'organisation')).toEqual({ entity: 'CoreWeave', known: true });
    expect(resolveOrganisation(rules, 'Google  DeepMind', 'parent').entity).toBe('Alphabet');
    expect(resolveOrganisation(rules, 'Stanford University', 'parent')).toEqual({ entity: 'Stanford University', known: false });
  });

  it('every canonical organisation and parent in the file is a fixed point', () => {
    for (const e of rules.entries) {
      const org = rules.byName.get(normaliseName(e.organisation));
      if (org) expect(org.organisation).toBe(e.organisation);
      const parent = rules.byName.get(normaliseName(e.parent));
      if (parent) expect(parent.parent).toBe(e.parent);
    }
  });
});

describe('multi-organisation cells', () => {
  it('splits on commas and shares the weight evenly', () => {
    // AlphaFold 3 (notable_ai_models.csv): "Google DeepMind,Isomorphic Labs" → ½ each; at parent level both are Alphabet → 1.
    expect(organisationShares('Google DeepMind,Isomorphic Labs', rules, 'organisation').shares).toEqual([
      { entity: 'Google DeepMind', share: 0.5 },
      { entity: 'Isomorphic Labs', share: 0.5 },
    ]);
    expect(organisationShares('Google DeepMind,Isomorphic Labs', rules, 'parent').shares).toEqual([{ entity: 'Alphabet', share: 1 }]);
    // Three names, two of them Google DeepMind after aliasing: 2/3 and 1/3.
    const s = organisationShares('Google Brain, DeepMind ,University of Toronto', rules, 'organisation').shares;
    expect(s).toEqual([
      { entity: 'Google DeepMind', share: 2 / 3 },
      { entity: 'University of Toronto', share: 1 / 3 },
    ]);
  });

  it('keeps compound names that contain a comma whole', () => {
    expect(splitOrganisations('Stanford University,SambaNova Systems, Inc,Peking University', rules)).toEqual([
      'Stanford University',
      'SambaNova Systems, Inc',
      'Peking University',
    ]);
    expect(splitOrganisations('Qilin Hesheng Network Technology Co., Ltd. (APUS)', rules)).toEqual(['Qilin Hesheng Network Technology Co., Ltd. (APUS)']);
    expect(splitOrganisations(' , ', rules)).toEqual([]);
  });

  it('property: shares are positive, entities distinct, and they sum to 1', () => {
    const names = fc.constantFrom('DeepMind', 'Google Brain', 'Google', 'OpenAI', 'Meta AI', 'Facebook', 'Tsinghua University', 'X Lab');
    fc.assert(
      fc.property(fc.array(names, { minLength: 1, maxLength: 8 }), fc.constantFrom('organisation' as const, 'parent' as const), (list, level) => {
        const { shares } = organisationShares(list.join(','), rules, level);
        const sum = shares.reduce((a, s) => a + s.share, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        expect(new Set(shares.map((s) => s.entity)).size).toBe(shares.length);
        for (const s of shares) expect(s.share).toBeGreaterThan(0);
      }),
    );
  });
});

describe('alias file checks', () => {
  it('rejects an alias listed twice (ignoring case)', () => {
    const text = rulesFrom([entry('DeepMind', 'Google DeepMind', 'Alphabet'), entry('deepmind', 'DeepMind', 'Alphabet')]);
    expect(() => parseOrganisationRules(text, 'a.json')).toThrow(RuleError);
    expect(() => parseOrganisationRules(text, 'a.json')).toThrow(/a\.json: alias "deepmind" is listed twice \(aliases\[0\] and aliases\[1\]\)/);
  });

  it('rejects an organisation with two parents, chains, and parents that have parents', () => {
    const twoParents = rulesFrom([entry('A', 'Lab', 'P1'), entry('B', 'Lab', 'P2')]);
    expect(() => parseOrganisationRules(twoParents, 'a.json')).toThrow(/"Lab" has two parents/);
    const chain = rulesFrom([entry('Old', 'Middle', 'P'), entry('Middle', 'New', 'P')]);
    expect(() => parseOrganisationRules(chain, 'a.json')).toThrow(/chains are not allowed/);
    const nested = rulesFrom([entry('Lab', 'Lab', 'Google'), entry('Google', 'Google', 'Alphabet')]);
    expect(() => parseOrganisationRules(nested, 'a.json')).toThrow(/parents must be top-level/);
  });

  it('schema and JSON errors name the file and the JSON path', () => {
    let err: unknown;
    try {
      parseOrganisationRules(rulesFrom([{ alias: 'X', organisation: 'Y', source: 's' }]), 'a.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).position).toEqual({ input: 'a.json', field: 'aliases[0].parent' });
    expect(() => parseOrganisationRules('{"schemaVersion": 1,', 'b.json')).toThrow(/^b\.json: invalid JSON/);
    expect(() => parseOrganisationRules(rulesFrom([], [{ name: 'No comma', source: 's' }]), 'c.json')).toThrow(/compoundNames\[0\]\.name/);
  });
});
