/**
 * @module Attribution records and rule-set shapes. A rule set is versioned data: `version` is
 * the first 12 hex digits of a SHA-256 over the rule file bytes (see rules/version.ts).
 */

export type RuleSetKind = 'mempool' | 'bitcoin-data' | 'edi';
export const RULE_SET_KINDS: readonly RuleSetKind[] = ['mempool', 'bitcoin-data', 'edi'];

/**
 * How a block was attributed.
 * - `address`: a payout address of the coinbase is a known pool address;
 * - `tag`: a coinbase tag (mempool/bitcoin-data: regex on the latin1 scriptSig; EDI: substring of the Python repr);
 * - `ownership-link`: (entity level only) the pool is owned by another entity at the block time;
 * - `fallback`: (EDI only) no rule matched; the sorted payout addresses joined by `/` name the producer;
 * - `unknown`: nothing matched and there is no payout address to fall back on.
 */
export type AttributionMethod = 'address' | 'tag' | 'ownership-link' | 'fallback' | 'unknown';

/** A pool rule: every rule set is turned into a list of these (EDI: one per entity name). */
export interface PoolRule {
  /** mempool / bitcoin-data `id`; null for EDI entities (EDI has no ids). */
  readonly id: number | null;
  readonly name: string;
  readonly slug: string;
  /** Tags as written in the file (mempool / bitcoin-data: regex sources; EDI: substrings). */
  readonly tags: readonly string[];
  readonly addresses: readonly string[];
  readonly link?: string;
}

/** One EDI identifier, in file order (the order is the priority). */
export interface EdiIdentifier {
  readonly tag: string;
  readonly name: string;
}

/** A dated ownership link: `parent` owns `child` on [fromSec, toSec) (null = open-ended). */
export interface OwnershipLink {
  readonly parent: string;
  readonly child: string;
  /** As written in the file: '' or YYYY or YYYY-MM (or YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
  readonly fromSec: number | null;
  readonly toSec: number | null;
  readonly source?: string;
}

export interface OwnershipLinkSet {
  readonly version: string;
  readonly links: readonly OwnershipLink[];
}

interface RuleSetBase {
  readonly kind: RuleSetKind;
  readonly version: string;
  /** Files the rule set was read from (for provenance messages). */
  readonly files: readonly string[];
  readonly pools: readonly PoolRule[];
  /** Non-fatal problems found while loading (e.g. a tag kept as a literal because its regex is invalid). */
  readonly warnings: readonly string[];
}

/** mempool pools-v2.json or bitcoin-data pool-list.json: pools in list order. */
export interface PoolListRuleSet extends RuleSetBase {
  readonly kind: 'mempool' | 'bitcoin-data';
  /** Per pool (same index as `pools`), the regex source used for each tag (differs from the tag only when an invalid regex was kept as a literal). */
  readonly patterns: readonly (readonly string[])[];
}

/** EDI identifiers + known addresses + legal links. */
export interface EdiRuleSet extends RuleSetBase {
  readonly kind: 'edi';
  readonly identifiers: readonly EdiIdentifier[];
  /** address → entity name. */
  readonly knownAddresses: ReadonlyMap<string, string>;
  readonly ownership: OwnershipLinkSet | null;
}

export type RuleSet = PoolListRuleSet | EdiRuleSet;

export interface PoolRef {
  readonly id: number | null;
  readonly name: string;
  readonly slug: string;
}

export interface EntityRef {
  readonly name: string;
  readonly slug: string;
  readonly level: 'entity';
}

/** mempool's "Unknown" pool (unique_id 0, slug `unknown`). */
export const UNKNOWN_POOL: PoolRef = Object.freeze({ id: null, name: 'Unknown', slug: 'unknown' });
export const UNKNOWN_ENTITY: EntityRef = Object.freeze({ name: 'Unknown', slug: 'unknown', level: 'entity' as const });

/** One rule that matched a block (every match is recorded, not only the winner). */
export interface RuleMatch {
  readonly pool: PoolRef;
  readonly method: 'address' | 'tag';
  /** The first tag or address of that pool that matched. */
  readonly rule: string;
}

export interface Attribution {
  readonly height: number | null;
  readonly timeSec?: number;
  readonly pool: PoolRef;
  /** Owner of the pool at the block time (the pool itself when no ownership link applies). */
  readonly entity: EntityRef;
  /** How the pool was found: address | tag | fallback | unknown. */
  readonly method: AttributionMethod;
  /** How the entity was found: `ownership-link` when an ownership link applied, else equal to `method`. */
  readonly entityMethod: AttributionMethod;
  /** The tag or address that decided (null for fallback/unknown; for EDI multi-entity address matches, the addresses joined by '/'). */
  readonly matchedRule: string | null;
  readonly ruleSet: { readonly kind: RuleSetKind; readonly version: string };
  /** Version of the ownership links used for `entity` (null when none were used). */
  readonly ownershipVersion: string | null;
  /** Every pool whose tag or address matched, in rule order: conflicts are visible here. */
  readonly matches: readonly RuleMatch[];
}
