/**
 * @module Attribute a block (its CoinbaseInfo) with a rule set: find the pool with the rule
 * set's own semantics (by-pool-list.ts, by-edi.ts), then the entity owning that pool at the
 * block time through ownership links (ownership/resolve.ts). Pure: no I/O, no clock.
 */
import type { CoinbaseInfo } from '../domain/block.js';
import { DecodeError } from '../domain/errors.js';
import { matchEdi } from './by-edi.js';
import { matchPoolList, poolRef } from './by-pool-list.js';
import { hexToBytes } from './hex.js';
import { poolSlug } from './names.js';
import { ownerAt } from './ownership/resolve.js';
import { pythonBytesRepr } from './python-repr.js';
import type { Attribution, AttributionMethod, EntityRef, OwnershipLinkSet, PoolRef, RuleMatch, RuleSet } from './types.js';
import { UNKNOWN_ENTITY, UNKNOWN_POOL } from './types.js';

export interface AttributeOptions {
  /**
   * Ownership links for the entity level. Default: the EDI rule set's own legal links for `edi`,
   * none for `mempool` / `bitcoin-data` (entity = pool). Pass `null` to disable for EDI too.
   */
  readonly ownership?: OwnershipLinkSet | null;
  /** Where the coinbase came from, for error messages (default: `block <height>`). */
  readonly input?: string;
}

function scriptBytes(cb: CoinbaseInfo, input: string | undefined): Uint8Array {
  try {
    return hexToBytes(cb.scriptSigHex);
  } catch (err) {
    const where = input ?? (cb.height === null ? 'coinbase' : `block ${cb.height}`);
    throw new DecodeError({ input: where, field: 'scriptSigHex' }, (err as Error).message, { cause: err });
  }
}

interface PoolResult {
  readonly pool: PoolRef;
  readonly method: AttributionMethod;
  readonly rule: string | null;
  readonly matches: readonly RuleMatch[];
}

/** The pool step alone. `known` overrides the EDI known-address table (for address learning). */
export function findPool(cb: CoinbaseInfo, rs: RuleSet, input?: string, known?: ReadonlyMap<string, string>): PoolResult {
  const bytes = scriptBytes(cb, input);
  if (rs.kind === 'edi') {
    const m = matchEdi(rs, pythonBytesRepr(bytes), cb.payoutAddresses, known);
    const pool = m.name === null ? UNKNOWN_POOL : { id: null, name: m.name, slug: poolSlug(m.name) };
    return { pool, method: m.method, rule: m.rule, matches: m.matches };
  }
  const m = matchPoolList(rs, Buffer.from(bytes).toString('latin1'), cb.payoutAddresses);
  return { pool: m.index < 0 ? UNKNOWN_POOL : poolRef(rs, m.index), method: m.method, rule: m.rule, matches: m.matches };
}

/** The entity step: owner of `pool` at `timeSec`, or the pool itself. */
export function resolveEntity(pool: PoolRef, method: AttributionMethod, links: OwnershipLinkSet | null, timeSec: number | undefined): { entity: EntityRef; entityMethod: AttributionMethod } {
  if (method === 'unknown') return { entity: UNKNOWN_ENTITY, entityMethod: 'unknown' };
  const owner = links ? ownerAt(links, pool.name, timeSec) : null;
  if (owner) return { entity: { name: owner.owner, slug: poolSlug(owner.owner), level: 'entity' }, entityMethod: 'ownership-link' };
  return { entity: { name: pool.name, slug: pool.slug, level: 'entity' }, entityMethod: method };
}

function linksFor(rs: RuleSet, opts: AttributeOptions): OwnershipLinkSet | null {
  if (opts.ownership !== undefined) return opts.ownership;
  return rs.kind === 'edi' ? rs.ownership : null;
}

function build(cb: CoinbaseInfo, rs: RuleSet, links: OwnershipLinkSet | null, p: PoolResult): Attribution {
  const { entity, entityMethod } = resolveEntity(p.pool, p.method, links, cb.timeSec);
  return {
    height: cb.height,
    ...(cb.timeSec !== undefined ? { timeSec: cb.timeSec } : {}),
    pool: p.pool,
    entity,
    method: p.method,
    entityMethod,
    matchedRule: p.rule,
    ruleSet: { kind: rs.kind, version: rs.version },
    ownershipVersion: links ? links.version : null,
    matches: p.matches,
  };
}

export function attributeBlock(cb: CoinbaseInfo, rs: RuleSet, opts: AttributeOptions = {}): Attribution {
  return build(cb, rs, linksFor(rs, opts), findPool(cb, rs, opts.input));
}

export interface AttributeManyOptions extends AttributeOptions {
  /**
   * EDI only: reproduce EDI's order-dependent address learning — after a block is mapped by an
   * identifier, all its payout addresses are recorded as that entity's (overwriting earlier
   * owners) and used for later blocks. Results then depend on block order. Default false.
   */
  readonly ediLearnAddresses?: boolean;
}

/** Attribute blocks in the given order (order matters only with `ediLearnAddresses`). */
export function attributeBlocks(cbs: readonly CoinbaseInfo[], rs: RuleSet, opts: AttributeManyOptions = {}): Attribution[] {
  const links = linksFor(rs, opts);
  if (!(opts.ediLearnAddresses && rs.kind === 'edi')) return cbs.map((cb) => build(cb, rs, links, findPool(cb, rs, opts.input)));
  const known = new Map(rs.knownAddresses);
  return cbs.map((cb) => {
    const p = findPool(cb, rs, opts.input, known);
    if (p.method === 'tag') for (const a of cb.payoutAddresses) known.set(a, p.pool.name);
    return build(cb, rs, links, p);
  });
}
