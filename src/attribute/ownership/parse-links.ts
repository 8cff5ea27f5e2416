/**
 * @module Parse EDI `legal_links.json` into dated ownership links, and reject inconsistent link
 * sets at load time: a cycle among links active at the same instant ("circular ownership:
 * A → B → A") or a pool with two different owners at the same instant. The set of active links
 * only changes at a `from`/`to` boundary, so checking every boundary (and "before all dates")
 * covers every instant. Links from a name to itself are ignored (EDI does the same: "Cluster's
 * name is the same as the primary pool's name").
 */
import { DecodeError, RuleError } from '../../domain/errors.js';
import type { OwnershipLink, OwnershipLinkSet } from '../types.js';
import { normalizePoolName } from '../names.js';
import { legalLinksSchema, parseJsonBytes, validate } from '../rules/schema.js';
import { fileVersion } from '../../domain/content-version.js';
import { isoDay, parseLinkDate } from './dates.js';

export function parseOwnershipLinks(bytes: Uint8Array, file: string, warnings: string[] = []): OwnershipLinkSet {
  const data = validate(legalLinksSchema, parseJsonBytes(bytes, file).data, file, 'ownership links');
  const links: OwnershipLink[] = [];
  for (const [parent, entries] of Object.entries(data)) {
    entries.forEach((e, i) => {
      const dates = (['from', 'to'] as const).map((k) => {
        const v = parseLinkDate(e[k]);
        if (v !== null && typeof v === 'object') throw new DecodeError({ input: file, field: `$[${JSON.stringify(parent)}][${i}].${k}` }, v.invalid);
        return v;
      });
      const [fromSec, toSec] = dates as [number | null, number | null];
      if (fromSec !== null && toSec !== null && fromSec >= toSec) {
        throw new DecodeError({ input: file, field: `$[${JSON.stringify(parent)}][${i}]` }, `empty period: from ${e.from} is not before to ${e.to}`);
      }
      if (normalizePoolName(parent) === normalizePoolName(e.name)) {
        warnings.push(`${file}: link ${parent} ← ${e.name} ignored (same entity)`);
        return;
      }
      links.push({ parent, child: e.name, from: e.from, to: e.to, fromSec, toSec, ...(e.source ? { source: e.source } : {}) });
    });
  }
  checkConsistency(links);
  return { version: fileVersion(bytes), links };
}

/** Is `link` active at `timeSec` (−Infinity = before every dated boundary)? */
export function linkActiveAt(link: OwnershipLink, timeSec: number): boolean {
  return (link.fromSec === null || link.fromSec <= timeSec) && (link.toSec === null || timeSec < link.toSec);
}

/** RuleError on simultaneous conflicting owners or cycles among simultaneously active links. */
export function checkConsistency(links: readonly OwnershipLink[]): void {
  const instants = new Set<number>([-Infinity]);
  for (const l of links) {
    if (l.fromSec !== null) instants.add(l.fromSec);
    if (l.toSec !== null) instants.add(l.toSec);
  }
  for (const t of [...instants].sort((a, b) => a - b)) {
    const when = t === -Infinity ? 'before all dated links' : `at ${isoDay(t)}`;
    const parentOf = new Map<string, OwnershipLink>();
    for (const l of links) {
      if (!linkActiveAt(l, t)) continue;
      const key = normalizePoolName(l.child);
      const prev = parentOf.get(key);
      if (prev && normalizePoolName(prev.parent) !== normalizePoolName(l.parent)) {
        throw new RuleError(`conflicting ownership: ${l.child} is owned by both ${prev.parent} and ${l.parent} ${when}`);
      }
      parentOf.set(key, l);
    }
    for (const start of parentOf.keys()) {
      const chain = [parentOf.get(start)!.child];
      const seen = new Set([start]);
      let link = parentOf.get(start);
      while (link) {
        const next = normalizePoolName(link.parent);
        chain.push(link.parent);
        if (seen.has(next)) throw new RuleError(`circular ownership: ${chain.join(' → ')} (${when})`);
        seen.add(next);
        link = parentOf.get(next);
      }
    }
  }
}
