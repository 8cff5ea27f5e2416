/**
 * @module Pool renames from the community pool-list history (pool-definitions-history-2014-2025):
 * a coinbase tag whose name changed from one list version to the next (`removed_or_renamed_at` of
 * one span = `first_seen` of the next span of the same tag) names one pool under two names, e.g.
 * `/slush/`: Slush → SlushPool → Braiins Pool. Addresses are not used (they are reassigned between
 * unrelated pools). Pure: rows in, slug classes out.
 */
import { poolSlug as mempoolSlug } from './names.js';

export interface HistorySpan {
  readonly kind: string;
  readonly key: string;
  readonly poolName: string;
  readonly firstSeen: string;
  readonly removedOrRenamedAt: string;
}

/** slug → canonical slug of its rename class (the latest name's slug); slugs never renamed are absent. */
export function renameClasses(spans: readonly HistorySpan[]): ReadonlyMap<string, string> {
  const byTag = new Map<string, HistorySpan[]>();
  for (const s of spans) {
    if (s.kind !== 'tag') continue;
    let l = byTag.get(s.key);
    if (!l) byTag.set(s.key, (l = []));
    l.push(s);
  }
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const l of byTag.values()) {
    l.sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen));
    for (let i = 0; i + 1 < l.length; i++) {
      const a = l[i]!;
      const b = l[i + 1]!;
      if (a.removedOrRenamedAt === '' || Date.parse(a.removedOrRenamedAt) !== Date.parse(b.firstSeen)) continue;
      const sa = find(mempoolSlug(a.poolName));
      const sb = find(mempoolSlug(b.poolName));
      if (sa !== sb) parent.set(sa, sb); // the later name is the root
      if (!parent.has(sb)) parent.set(sb, sb);
    }
  }
  const out = new Map<string, string>();
  for (const k of parent.keys()) out.set(k, find(k));
  return out;
}
