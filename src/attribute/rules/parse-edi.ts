/**
 * @module Parse the EDI mapping files (identifiers, known addresses, legal links) into one rule
 * set. Identifier order is taken from the file text (see json-keys.ts). `pools` groups the
 * rules by entity name (first appearance order); matching uses `identifiers` in file order.
 */
import { parseOwnershipLinks } from '../ownership/parse-links.js';
import { poolSlug } from '../names.js';
import type { EdiIdentifier, EdiRuleSet, PoolRule } from '../types.js';
import { topLevelKeys } from './json-keys.js';
import { ediAddressesSchema, ediIdentifiersSchema, parseJsonBytes, validate } from './schema.js';
import { multiFileVersion } from '../../domain/content-version.js';

export interface RuleFile {
  readonly file: string;
  readonly bytes: Uint8Array;
}

export interface EdiFiles {
  readonly identifiers: RuleFile;
  readonly addresses?: RuleFile | null;
  readonly links?: RuleFile | null;
}

export function parseEdi(files: EdiFiles): EdiRuleSet {
  const warnings: string[] = [];
  const { file } = files.identifiers;
  const { text, data: raw } = parseJsonBytes(files.identifiers.bytes, file);
  const data = validate(ediIdentifiersSchema, raw, file, 'EDI identifiers');
  const identifiers: EdiIdentifier[] = topLevelKeys(text).map((tag) => ({ tag, name: data[tag]!.name }));
  for (const { tag, name } of identifiers) {
    if (/[^\x00-\x7f]/.test(tag)) warnings.push(`${file}: identifier ${JSON.stringify(tag)} (${name}) has non-ASCII characters and can never occur in a Python bytes repr`);
  }
  const knownAddresses = new Map<string, string>();
  if (files.addresses) {
    const a = validate(ediAddressesSchema, parseJsonBytes(files.addresses.bytes, files.addresses.file).data, files.addresses.file, 'EDI addresses');
    for (const [address, info] of Object.entries(a)) knownAddresses.set(address, info.name);
  }
  const ownership = files.links ? parseOwnershipLinks(files.links.bytes, files.links.file, warnings) : null;
  const byName = new Map<string, { tags: string[]; addresses: string[] }>();
  const entry = (name: string) => {
    let e = byName.get(name);
    if (!e) byName.set(name, (e = { tags: [], addresses: [] }));
    return e;
  };
  for (const { tag, name } of identifiers) entry(name).tags.push(tag);
  for (const [address, name] of knownAddresses) entry(name).addresses.push(address);
  const pools: PoolRule[] = [...byName].map(([name, e]) => ({ id: null, name, slug: poolSlug(name), tags: e.tags, addresses: e.addresses }));
  const version = multiFileVersion([
    { label: 'identifiers', bytes: files.identifiers.bytes },
    { label: 'addresses', bytes: files.addresses?.bytes ?? null },
    { label: 'links', bytes: files.links?.bytes ?? null },
  ]);
  const used = [files.identifiers, files.addresses, files.links].filter((f): f is RuleFile => Boolean(f)).map((f) => f.file);
  return { kind: 'edi', version, files: used, pools, identifiers, knownAddresses, ownership, warnings };
}
