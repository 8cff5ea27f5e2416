/**
 * @module Fast tag-only attribution of raw scriptSigs (no payout addresses: Blockchair's dumps have
 * none): the winner of `findPool` (attribute.ts) for a coinbase without payout addresses, found by
 * stopping at the first matching rule instead of recording every match — mempool / bitcoin-data:
 * first pool in list order whose tag regex matches the latin1 scriptSig; EDI: first identifier
 * that is a substring of the Python repr. Pure.
 */
import { hexToBytes } from './hex.js';
import { pythonBytesRepr } from './python-repr.js';
import type { RuleSet } from './types.js';

export interface TagOnlyResult {
  /** Pool name as the rule set spells it, or null (no tag matched). */
  readonly name: string | null;
  /** The tag (regex source / identifier) that matched, or null. */
  readonly rule: string | null;
}

const NONE: TagOnlyResult = { name: null, rule: null };

/** A function attributing one scriptSig (hex) with `rs`'s tags. */
export function tagOnlyAttributor(rs: RuleSet): (scriptSigHex: string) => TagOnlyResult {
  if (rs.kind === 'edi') {
    const ids = rs.identifiers;
    return (hex) => {
      const repr = pythonBytesRepr(hexToBytes(hex));
      for (const { tag, name } of ids) if (repr.includes(tag)) return { name, rule: tag };
      return NONE;
    };
  }
  const res = rs.patterns.map((ps) => ps.map((p) => new RegExp(p, 'i')));
  return (hex) => {
    const latin1 = Buffer.from(hex, 'hex').toString('latin1');
    for (let i = 0; i < res.length; i++) {
      const list = res[i]!;
      for (let k = 0; k < list.length; k++) if (list[k]!.test(latin1)) return { name: rs.pools[i]!.name, rule: rs.pools[i]!.tags[k]! };
    }
    return NONE;
  };
}
