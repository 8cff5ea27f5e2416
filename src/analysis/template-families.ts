/**
 * @module Template families: pools whose blocks carry the same coinbase layout beyond chance,
 * per time window (method in docs/control.md). Pure: blocks in, families with per-link evidence out.
 *
 * - Feature: each block's scriptSig layout key (decode/bitcoin/scriptsig-layout.ts), tag text removed.
 * - Similarity of pools A and B: overlap O = Σ_k min(pA(k), pB(k)) of their layout distributions.
 * - Null model (chance agreement): E = how much A (resp. B) overlaps the *typical other pool*, the
 *   unweighted mean layout distribution of every other qualifying pool in the window; E = max of the two.
 * - Score: κ = (O − E) / (1 − E) (chance-corrected agreement, as Cohen's κ).
 * - Link when both pools have ≥ minBlocks blocks, O ≥ minOverlap and κ ≥ minKappa. Families are the
 *   connected components of links; every link keeps its evidence.
 */

export interface FingerprintedBlocks {
  readonly heights: Int32Array;
  /** UTC seconds, ascending. */
  readonly timeSec: Float64Array;
  /** Index into `pools`. */
  readonly pool: Int32Array;
  readonly pools: readonly string[];
  /** Index into `layouts`. */
  readonly layout: Int32Array;
  readonly layouts: readonly string[];
}

export interface FamilyOptions {
  readonly minBlocks: number;
  readonly minOverlap: number;
  readonly minKappa: number;
  /** Pools never linked (e.g. `unknown`): they are not one operator. */
  readonly exclude: readonly string[];
}

export const DEFAULT_FAMILY_OPTIONS: FamilyOptions = { minBlocks: 20, minOverlap: 0.5, minKappa: 0.5, exclude: ['unknown'] };

export interface SharedLayout {
  readonly layout: string;
  readonly shareA: number;
  readonly shareB: number;
}

export interface BlockRef {
  readonly height: number;
  readonly timeSec: number;
}

export interface FamilyLink {
  readonly a: string;
  readonly b: string;
  readonly blocksA: number;
  readonly blocksB: number;
  /** Overlap of the two layout distributions (share of blocks whose layout the other pool also uses, at its rate). */
  readonly overlap: number;
  /** Chance agreement under the null model. */
  readonly chance: number;
  /** (overlap − chance) / (1 − chance). */
  readonly kappa: number;
  /** The layouts both pools use, largest common share first. */
  readonly shared: readonly SharedLayout[];
  /** First and last block in the window, of either pool, that carries a shared layout. */
  readonly first: BlockRef;
  readonly last: BlockRef;
}

export interface FamilyMember {
  readonly pool: string;
  readonly blocks: number;
  /** The member's most common layout and its share. */
  readonly layout: string;
  readonly layoutShare: number;
}

export interface Family {
  /** The member with the most blocks names the family. */
  readonly name: string;
  readonly members: readonly FamilyMember[];
  readonly blocks: number;
  readonly links: readonly FamilyLink[];
}

export interface WindowFamilies {
  readonly fromSec: number;
  readonly toSec: number;
  readonly blocks: number;
  /** Every family of two or more pools, largest first. */
  readonly families: readonly Family[];
  /** Pools in no family with their blocks (including those below minBlocks). */
  readonly alone: readonly { readonly pool: string; readonly blocks: number }[];
  /** Pools with enough blocks to be judged (linked or not). */
  readonly judged: readonly string[];
  readonly options: FamilyOptions;
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapOf(p: ReadonlyMap<number, number>, q: ReadonlyMap<number, number>): number {
  let s = 0;
  for (const [k, v] of p) {
    const w = q.get(k);
    if (w !== undefined) s += Math.min(v, w);
  }
  return s;
}

/** Families among the blocks with fromSec ≤ time < toSec. */
export function templateFamilies(blocks: FingerprintedBlocks, fromSec: number, toSec: number, options: Partial<FamilyOptions> = {}): WindowFamilies {
  const opts: FamilyOptions = { ...DEFAULT_FAMILY_OPTIONS, ...options };
  const lo = lowerBound(blocks.timeSec, fromSec);
  const hi = lowerBound(blocks.timeSec, toSec);
  const counts = new Map<number, Map<number, number>>();
  const totals = new Map<number, number>();
  for (let i = lo; i < hi; i++) {
    const p = blocks.pool[i]!;
    let m = counts.get(p);
    if (!m) counts.set(p, (m = new Map()));
    const k = blocks.layout[i]!;
    m.set(k, (m.get(k) ?? 0) + 1);
    totals.set(p, (totals.get(p) ?? 0) + 1);
  }
  const excluded = new Set(opts.exclude);
  const qualifying = [...totals].filter(([p, n]) => n >= opts.minBlocks && !excluded.has(blocks.pools[p]!)).map(([p]) => p);
  qualifying.sort((x, y) => totals.get(y)! - totals.get(x)! || (blocks.pools[x]! < blocks.pools[y]! ? -1 : 1));
  const dist = new Map<number, Map<number, number>>();
  for (const p of qualifying) {
    const n = totals.get(p)!;
    dist.set(p, new Map([...counts.get(p)!].map(([k, c]) => [k, c / n])));
  }
  // Sum of every qualifying pool's distribution: the typical other pool is (sum − A − B) / (N − 2).
  const sum = new Map<number, number>();
  for (const p of qualifying) for (const [k, v] of dist.get(p)!) sum.set(k, (sum.get(k) ?? 0) + v);
  const links: FamilyLink[] = [];
  const N = qualifying.length;
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      const a = qualifying[i]!;
      const b = qualifying[j]!;
      const pa = dist.get(a)!;
      const pb = dist.get(b)!;
      const overlap = overlapOf(pa, pb);
      if (overlap < opts.minOverlap) continue;
      let chance = 0;
      if (N > 2) {
        const typical = new Map<number, number>();
        for (const [k, v] of sum) {
          const w = (v - (pa.get(k) ?? 0) - (pb.get(k) ?? 0)) / (N - 2);
          if (w > 1e-12) typical.set(k, w);
        }
        chance = Math.max(overlapOf(pa, typical), overlapOf(pb, typical));
      }
      const kappa = chance >= 1 ? 0 : (overlap - chance) / (1 - chance);
      if (kappa < opts.minKappa) continue;
      links.push(linkEvidence(blocks, lo, hi, a, b, pa, pb, totals, overlap, chance, kappa));
    }
  }
  // Connected components over links.
  const parent = new Map<number, number>(qualifying.map((p) => [p, p]));
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const idx = new Map(blocks.pools.map((n, i) => [n, i]));
  for (const l of links) {
    const ra = find(idx.get(l.a)!);
    const rb = find(idx.get(l.b)!);
    if (ra !== rb) parent.set(rb, ra);
  }
  const groups = new Map<number, number[]>();
  for (const p of qualifying) {
    const r = find(p);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(p);
  }
  const families: Family[] = [];
  const inFamily = new Set<number>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.forEach((p) => inFamily.add(p));
    const names = new Set(g.map((p) => blocks.pools[p]!));
    const members = g.map((p) => {
      const [k, share] = [...dist.get(p)!].reduce((x, y) => (y[1] > x[1] ? y : x));
      return { pool: blocks.pools[p]!, blocks: totals.get(p)!, layout: blocks.layouts[k]!, layoutShare: share };
    });
    families.push({
      name: members[0]!.pool,
      members,
      blocks: members.reduce((s, m) => s + m.blocks, 0),
      links: links.filter((l) => names.has(l.a) && names.has(l.b)),
    });
  }
  families.sort((x, y) => y.blocks - x.blocks);
  const alone = [...totals].filter(([p]) => !inFamily.has(p)).map(([p, n]) => ({ pool: blocks.pools[p]!, blocks: n }));
  alone.sort((x, y) => y.blocks - x.blocks || (x.pool < y.pool ? -1 : 1));
  return { fromSec, toSec, blocks: hi - lo, families, alone, judged: qualifying.map((p) => blocks.pools[p]!), options: opts };
}

function linkEvidence(
  blocks: FingerprintedBlocks,
  lo: number,
  hi: number,
  a: number,
  b: number,
  pa: ReadonlyMap<number, number>,
  pb: ReadonlyMap<number, number>,
  totals: ReadonlyMap<number, number>,
  overlap: number,
  chance: number,
  kappa: number,
): FamilyLink {
  const sharedKeys = [...pa.keys()].filter((k) => pb.has(k));
  sharedKeys.sort((x, y) => Math.min(pb.get(y)!, pa.get(y)!) - Math.min(pb.get(x)!, pa.get(x)!));
  const set = new Set(sharedKeys);
  let first = -1;
  let last = -1;
  for (let i = lo; i < hi; i++) {
    const p = blocks.pool[i]!;
    if ((p === a || p === b) && set.has(blocks.layout[i]!)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const ref = (i: number): BlockRef => ({ height: blocks.heights[i]!, timeSec: blocks.timeSec[i]! });
  return {
    a: blocks.pools[a]!,
    b: blocks.pools[b]!,
    blocksA: totals.get(a)!,
    blocksB: totals.get(b)!,
    overlap,
    chance,
    kappa,
    shared: sharedKeys.map((k) => ({ layout: blocks.layouts[k]!, shareA: pa.get(k)!, shareB: pb.get(k)! })),
    first: ref(first),
    last: ref(last),
  };
}

/**
 * Per step: which family (by name) each pool belongs to; pools in no family are absent. A pool with
 * too few blocks in a step to be judged keeps the family it had the step before (if it still exists).
 */
export interface FamilyAssignment {
  /** Step boundaries, ascending: step i covers [startSec[i], startSec[i+1]) (the last one up to endSec). */
  readonly startSec: readonly number[];
  readonly endSec: number;
  readonly familyOf: readonly ReadonlyMap<string, string>[];
  /** Per step, the pools with enough blocks to be judged (a pool not judged in a step is neither in nor out). */
  readonly judged: readonly ReadonlySet<string>[];
}

/** Families of consecutive steps, each computed over the trailing `windowSec` ending at the step's end. */
export function familyHistory(blocks: FingerprintedBlocks, stepStarts: readonly number[], endSec: number, windowSec: number, options: Partial<FamilyOptions> = {}): { assignment: FamilyAssignment; windows: WindowFamilies[] } {
  const windows: WindowFamilies[] = [];
  const familyOf: Map<string, string>[] = [];
  const judged: Set<string>[] = [];
  stepStarts.forEach((s, i) => {
    const stepEnd = i + 1 < stepStarts.length ? stepStarts[i + 1]! : endSec;
    const w = templateFamilies(blocks, Math.min(s, stepEnd - windowSec), stepEnd, options);
    windows.push(w);
    const m = new Map<string, string>();
    for (const f of w.families) for (const mem of f.members) m.set(mem.pool, f.name);
    // A pool with too few blocks to be judged this step keeps last step's family, if that family still exists.
    const judgedNow = new Set(w.judged);
    const names = new Set(w.families.map((f) => f.name));
    const prev = familyOf[familyOf.length - 1];
    if (prev) for (const [pool, fam] of prev) if (!judgedNow.has(pool) && !m.has(pool) && names.has(fam)) m.set(pool, fam);
    familyOf.push(m);
    judged.push(new Set(w.judged));
  });
  return { assignment: { startSec: stepStarts, endSec, familyOf, judged }, windows };
}

/**
 * Membership changes between consecutive steps (a pool with too few blocks to be judged keeps its
 * family while that family exists, see familyHistory, so thin months add no leave/join noise).
 */
export interface MembershipEvent {
  readonly atSec: number;
  readonly pool: string;
  readonly kind: 'joined' | 'left';
  readonly family: string;
}

export function membershipEvents(a: FamilyAssignment): MembershipEvent[] {
  const events: MembershipEvent[] = [];
  let prev: ReadonlyMap<string, string> = new Map();
  a.familyOf.forEach((cur, i) => {
    const at = a.startSec[i]!;
    for (const [pool, fam] of prev) if (cur.get(pool) !== fam) events.push({ atSec: at, pool, kind: 'left', family: fam });
    for (const [pool, fam] of cur) if (prev.get(pool) !== fam) events.push({ atSec: at, pool, kind: 'joined', family: fam });
    prev = cur;
  });
  return events;
}

/**
 * The first step start from which `pool` has been, without a break, in the same family as `lead`,
 * looking back from the step that contains `atSec`; steps where the pool had too few blocks to be
 * judged neither break nor extend the run. null when it is not with `lead` at `atSec`.
 */
export function memberSince(a: FamilyAssignment, pool: string, lead: string, atSec: number): number | null {
  let i = a.startSec.length - 1;
  while (i > 0 && a.startSec[i]! > atSec) i--;
  let since: number | null = null;
  for (; i >= 0; i--) {
    if (!a.judged[i]!.has(pool)) continue;
    const f = a.familyOf[i]!.get(pool);
    if (f === undefined || f !== a.familyOf[i]!.get(lead)) break;
    since = a.startSec[i]!;
  }
  return since;
}

/**
 * The template level for any per-block label: the family `label` belonged to at `timeSec`, named
 * `<lead> family`; a pool in no family then is a family of one, `<pool> family` — every entity at
 * this level carries the suffix, so one operator keeps one label whether or not it has partners
 * that month. Outside the assignment's dates there is no evidence: each pool is its own family.
 */
export function templateLabelAt(a: FamilyAssignment, label: string, timeSec: number): string {
  if (!(timeSec >= a.startSec[0]! && timeSec < a.endSec)) return `${label} family`;
  let lo = 0;
  let hi = a.startSec.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.startSec[mid]! <= timeSec) lo = mid;
    else hi = mid - 1;
  }
  return `${a.familyOf[lo]!.get(label) ?? label} family`;
}
