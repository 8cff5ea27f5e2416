/**
 * @module Load a rule set by name (`mempool`, `bitcoin-data`, `edi` → the shared dataset files)
 * or by path, detecting the format:
 * - a JSON array of pools → pool list (`pool-list.json` is labelled `bitcoin-data`, any other
 *   name `mempool`; both have the same semantics; `kind` overrides the label);
 * - a JSON object of `tag → {name}` → EDI identifiers, with `addresses_bitcoin.json` and
 *   `legal_links.json` read from the same folder when present;
 * - a folder holding `identifiers_bitcoin.json` → EDI rule set.
 * Reading the rule files (I/O) lives here, in sources/; the formats are parsed by attribute/rules.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DecodeError, RuleError, UsageError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import { readBytes } from '../files/read-file.js';
import { parseOwnershipLinks } from '../../attribute/ownership/parse-links.js';
import type { OwnershipLinkSet, RuleSet } from '../../attribute/types.js';
import { parseEdi, type RuleFile } from '../../attribute/rules/parse-edi.js';
import { parsePoolList, type InvalidRegexPolicy } from '../../attribute/rules/parse-pool-list.js';
import { parseJsonBytes } from '../../attribute/rules/schema.js';
import { RULE_SET_NAMES } from '../../attribute/rules/names.js';

export { RULE_SET_NAMES, type RuleSetName } from '../../attribute/rules/names.js';

export const DATASET_FILES = {
  mempool: 'bitcoin/pool-definitions-mempool/pools-v2.json',
  'bitcoin-data': 'bitcoin/pool-definitions-bitcoin-data/pool-list.json',
  edi: 'bitcoin/edi-mapping',
  legalLinks: 'bitcoin/edi-mapping/legal_links.json',
} as const;

const EDI_IDENTIFIERS = 'identifiers_bitcoin.json';
const EDI_ADDRESSES = 'addresses_bitcoin.json';
const EDI_LINKS = 'legal_links.json';

export interface LoadOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Base for relative paths (default: process.cwd()). */
  readonly cwd?: string;
  readonly onInvalidRegex?: InvalidRegexPolicy;
  /** Label for a pool-list file given by path (default: from the file name). */
  readonly kind?: 'mempool' | 'bitcoin-data';
}

async function readRuleFile(file: string): Promise<RuleFile> {
  return { file, bytes: await readBytes(file) };
}

async function readOptional(file: string): Promise<RuleFile | null> {
  return (await isFile(file)) ? readRuleFile(file) : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function loadEdiFolder(dir: string, identifiersFile = join(dir, EDI_IDENTIFIERS)): Promise<RuleSet> {
  return parseEdi({
    identifiers: await readRuleFile(identifiersFile),
    addresses: await readOptional(join(dir, EDI_ADDRESSES)),
    links: await readOptional(join(dir, EDI_LINKS)),
  });
}

/** Load `mempool` | `bitcoin-data` | `edi` | a path. */
export async function loadRuleSet(spec: string, opts: LoadOptions = {}): Promise<RuleSet> {
  if (spec === 'mempool' || spec === 'bitcoin-data') {
    const file = datasetPath(DATASET_FILES[spec], opts.env);
    return parsePoolList(await readBytes(file), file, spec, { onInvalidRegex: opts.onInvalidRegex ?? 'error' });
  }
  if (spec === 'edi') return loadEdiFolder(datasetPath(DATASET_FILES.edi, opts.env));
  if (spec === '') throw new UsageError(`invalid rules: '' (expected ${RULE_SET_NAMES.join(', ')} or a path)`);
  const path = resolve(opts.cwd ?? process.cwd(), spec);
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new UsageError(`invalid rules: ${spec} (not ${RULE_SET_NAMES.join(', ')}, and no such file or folder)`);
  }
  if (isDir) {
    if (!(await isFile(join(path, EDI_IDENTIFIERS)))) throw new UsageError(`invalid rules: folder ${path} has no ${EDI_IDENTIFIERS}`);
    return loadEdiFolder(path);
  }
  const bytes = await readBytes(path);
  const { data } = parseJsonBytes(bytes, path);
  if (Array.isArray(data)) {
    const kind = opts.kind ?? (basename(path) === 'pool-list.json' ? 'bitcoin-data' : 'mempool');
    return parsePoolList(bytes, path, kind, { onInvalidRegex: opts.onInvalidRegex ?? 'error' });
  }
  if (data !== null && typeof data === 'object') {
    const values = Object.values(data);
    if ('coinbase_tags' in data || 'payout_addresses' in data) {
      throw new RuleError(`${path}: legacy btc.com pools.json format is not supported (it has no pool order); use pool-list.json`);
    }
    if (values.length > 0 && values.every((v) => Array.isArray(v))) {
      throw new RuleError(`${path}: this is an ownership-links file; pass the EDI folder (or its ${EDI_IDENTIFIERS})`);
    }
    if (values.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      return loadEdiFolder(dirname(path), path);
    }
  }
  throw new DecodeError({ input: path }, 'unrecognised rule file: expected a pool list (JSON array of {id, name, addresses, tags}) or EDI identifiers (JSON object of tag → {name})');
}

/** EDI legal links (default: the shared dataset copy), for entity-level attribution with any rule set. */
export async function loadOwnershipLinks(path?: string, opts: Pick<LoadOptions, 'env' | 'cwd'> = {}): Promise<OwnershipLinkSet> {
  const file = path === undefined ? datasetPath(DATASET_FILES.legalLinks, opts.env) : resolve(opts.cwd ?? process.cwd(), path);
  return parseOwnershipLinks(await readBytes(file), file);
}
