/**
 * @module Attribution quality per window (issue #11 scope 6): how many blocks nobody can name, how
 * many are named by tag vs only by payout address, where the tag and the final label disagree, and
 * how often rule sets and Blockchair's own label disagree. Pure: per-block labels in, counts out.
 * Names are compared by `nameKey` (normalised, renamed pools mapped to one name) so that spelling
 * differences ("Foundry USA" / "Foundry USA Pool") do not count as disagreements, while real ones do.
 */
import type { Window } from '../aggregate/windows.js';

/** Per block (time order): labels by source; null = unknown. */
export interface QualityInput {
  readonly timeSec: Float64Array;
  /** The reference attribution (mempool.space, tags and payout addresses): the per-block attribution file. */
  readonly reference: readonly (string | null)[];
  /** Tags-only attributions of the raw scriptSig, by rule-set name (first = the reference's own rules, mempool). */
  readonly tagOnly: ReadonlyMap<string, readonly (string | null)[]>;
  /** Blockchair's own label. */
  readonly blockchair: readonly (string | null)[];
  /** Optional: the pool-list history's tags as they stood at each block's date (`--rules-as-of block`) and in its latest version, same matcher. */
  readonly asOf?: { readonly atBlock: readonly (string | null)[]; readonly latest: readonly (string | null)[] };
}

export interface QualityRow {
  readonly start: number;
  readonly end: number;
  readonly blocks: number;
  /** Reference label unknown. */
  readonly unknown: number;
  /** Named by a tag (the reference's rule set, tags only). */
  readonly byTag: number;
  /** Named by the reference but by no tag: payout address. */
  readonly byAddressOnly: number;
  /** A tag names one pool and the reference another (an address or list order won). */
  readonly tagLabelConflicts: number;
  readonly blockchairUnknown: number;
  /** Blocks whose label under today's rules differs from the label under the rules of their date (incl. named vs unknown); 0 without `asOf`. */
  readonly relabelledByLaterRules: number;
  /** Per other source: [blocks both name, of which they disagree]. */
  readonly disagreements: ReadonlyMap<string, readonly [number, number]>;
}

export interface QualityResult {
  readonly rows: readonly QualityRow[];
  readonly total: QualityRow;
  /** Most frequent disagreeing name pairs over all windows, per compared source: [reference-side, other, blocks]; `rules-as-of`: [at the block's date, latest]. */
  readonly topPairs: ReadonlyMap<string, readonly (readonly [string, string, number])[]>;
}

/**
 * Comparison key: a–z0–9, mapped to its rename class (pool-list history), then a trailing web
 * domain (`com`, `io`, `xyz`, `net`, `org`: "Lubian.com" ~ "Lubian") and a trailing "pool" dropped
 * when at least 4 characters remain.
 */
export function nameKey(name: string, renames: ReadonlyMap<string, string>): string {
  const slug = name.replace(/[^a-z0-9]/gi, '').toLowerCase();
  let k = renames.get(slug) ?? slug;
  const tld = /(com|io|xyz|net|org)$/.exec(k);
  if (tld && k.length - tld[0].length >= 4) k = k.slice(0, -tld[0].length);
  return k.length > 4 && k.endsWith('pool') ? k.slice(0, -4) : k;
}

export function attributionQuality(input: QualityInput, windows: readonly Window[], renames: ReadonlyMap<string, string>, referenceRules: string): QualityResult {
  const key = new Map<string, string>();
  const k = (n: string | null): string | null => {
    if (n === null) return null;
    let v = key.get(n);
    if (v === undefined) key.set(n, (v = nameKey(n, renames)));
    return v;
  };
  const tags = input.tagOnly.get(referenceRules);
  if (!tags) throw new Error(`attributionQuality: no tags-only attribution for ${referenceRules}`);
  const others: [string, readonly (string | null)[]][] = [...[...input.tagOnly].filter(([n]) => n !== referenceRules), ['blockchair', input.blockchair]];
  const pairCounts = new Map<string, Map<string, number>>([...others.map(([n]) => [n, new Map<string, number>()] as const), ...(input.asOf ? [['rules-as-of', new Map<string, number>()] as const] : [])]);
  const empty = () => ({ blocks: 0, unknown: 0, byTag: 0, byAddressOnly: 0, tagLabelConflicts: 0, blockchairUnknown: 0, relabelled: 0, dis: new Map<string, [number, number]>(others.map(([n]) => [n, [0, 0]])) });
  type Acc = ReturnType<typeof empty>;
  const add = (a: Acc, i: number, pairs: boolean) => {
    a.blocks++;
    const ref = k(input.reference[i] ?? null);
    const tag = k(tags[i] ?? null);
    if (ref === null) a.unknown++;
    if (tag !== null) a.byTag++;
    if (ref !== null && tag === null) a.byAddressOnly++;
    if (ref !== null && tag !== null && ref !== tag) a.tagLabelConflicts++;
    if (input.blockchair[i] === null) a.blockchairUnknown++;
    if (input.asOf && k(input.asOf.latest[i] ?? null) !== k(input.asOf.atBlock[i] ?? null)) {
      a.relabelled++;
      if (pairs) {
        const pk = `${input.asOf.atBlock[i] ?? 'unknown'}\u0000${input.asOf.latest[i] ?? 'unknown'}`;
        const m = pairCounts.get('rules-as-of')!;
        m.set(pk, (m.get(pk) ?? 0) + 1);
      }
    }
    for (const [name, labels] of others) {
      const o = k(labels[i] ?? null);
      // Rule sets and Blockchair are compared with the reference's tags-only view (same evidence: the scriptSig), Blockchair with the reference label.
      const mine = name === 'blockchair' ? ref : tag;
      if (mine === null || o === null) continue;
      const d = a.dis.get(name)!;
      d[0]++;
      if (mine !== o) {
        d[1]++;
        if (pairs) {
          const pk = `${name === 'blockchair' ? input.reference[i] : tags[i]}\u0000${labels[i]}`;
          const m = pairCounts.get(name)!;
          m.set(pk, (m.get(pk) ?? 0) + 1);
        }
      }
    }
  };
  const freeze = (a: Acc, start: number, end: number): QualityRow => ({ start, end, blocks: a.blocks, unknown: a.unknown, byTag: a.byTag, byAddressOnly: a.byAddressOnly, tagLabelConflicts: a.tagLabelConflicts, blockchairUnknown: a.blockchairUnknown, relabelledByLaterRules: a.relabelled, disagreements: a.dis });
  const t = input.timeSec;
  const rows: QualityRow[] = [];
  const total = empty();
  let i = 0;
  for (const w of windows) {
    const acc = empty();
    while (i < t.length && t[i]! < w.start) i++;
    let j = i;
    for (; j < t.length && t[j]! < w.end; j++) add(acc, j, false);
    rows.push(freeze(acc, w.start, w.end));
  }
  const first = windows.length > 0 ? windows[0]!.start : 0;
  const last = windows.length > 0 ? windows[windows.length - 1]!.end : 0;
  for (let x = 0; x < t.length; x++) if (t[x]! >= first && t[x]! < last) add(total, x, true);
  const topPairs = new Map(
    [...pairCounts].map(([n, m]) => [
      n,
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([pk, c]) => {
          const [a, b] = pk.split('\u0000') as [string, string];
          return [a, b, c] as const;
        }),
    ]),
  );
  return { rows, total: freeze(total, first, last), topPairs };
}
