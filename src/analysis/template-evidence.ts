/**
 * @module Direct template evidence from stratum jobs, and how far block-data template families
 * agree with it. Jobs at the same height with identical Merkle branches (and previous block) were
 * built from one block template. Pure.
 */
export interface JobLike {
  readonly pool: string;
  readonly height: number;
  readonly prevHash: string;
  readonly merkleBranches: readonly string[];
  readonly receivedSec: number;
}

export interface TemplateGroup {
  readonly height: number;
  /** Number of Merkle branches (the template's depth). */
  readonly branches: number;
  /** Last (top-level) branch, hex: differs between templates far more often than the first. */
  readonly lastBranch: string;
  readonly pools: readonly string[];
}

/** Groups of pools that handed out identical templates; per height, each pool's latest job counts. */
export function sameTemplateGroups(jobs: readonly JobLike[]): TemplateGroup[] {
  const latest = new Map<string, JobLike>();
  for (const j of jobs) {
    const k = `${j.height}|${j.pool}`;
    const cur = latest.get(k);
    if (!cur || j.receivedSec > cur.receivedSec) latest.set(k, j);
  }
  const groups = new Map<string, { job: JobLike; pools: string[] }>();
  for (const j of latest.values()) {
    const key = `${j.height}|${j.prevHash}|${j.merkleBranches.join(',')}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { job: j, pools: [] }));
    g.pools.push(j.pool);
  }
  const out = [...groups.values()].map((g) => ({ height: g.job.height, branches: g.job.merkleBranches.length, lastBranch: g.job.merkleBranches[g.job.merkleBranches.length - 1] ?? '', pools: [...g.pools].sort() }));
  out.sort((a, b) => a.height - b.height || b.pools.length - a.pools.length || (a.pools[0]! < b.pools[0]! ? -1 : 1));
  return out;
}

export interface PairVerdict {
  readonly a: string;
  readonly b: string;
  readonly sameTemplate: boolean;
  readonly sameFamily: boolean;
}

export interface Agreement {
  /** Pools of the stratum evidence that the block window also has (enough blocks to be judged). */
  readonly compared: readonly string[];
  /** Pools of the stratum evidence absent from the block window. */
  readonly notInWindow: readonly string[];
  readonly pairs: readonly PairVerdict[];
  /** Pairs with one template that the families also join. */
  readonly bothSame: number;
  /** Pairs with one template that the families keep apart. */
  readonly missed: number;
  /** Pairs with different templates that the families join. */
  readonly overLinked: number;
  readonly bothDifferent: number;
  /** Share of pairs on which families and templates agree (Rand index). */
  readonly randIndex: number;
}

/**
 * Compare, for every pair of pools seen in both, "same template" (stratum, at one height) with
 * "same family" (block data). `familyOf` maps a pool to its family (absent = alone); `inWindow`
 * says whether the block window has the pool at all.
 */
export function familyAgreement(groups: readonly TemplateGroup[], familyOf: (pool: string) => string | undefined, inWindow: (pool: string) => boolean): Agreement {
  const height = groups.length > 0 ? Math.max(...groups.map((g) => g.height)) : 0;
  const at = groups.filter((g) => g.height === height);
  const templateOf = new Map<string, number>();
  at.forEach((g, i) => g.pools.forEach((p) => templateOf.set(p, i)));
  const all = [...templateOf.keys()].sort();
  const compared = all.filter(inWindow);
  const notInWindow = all.filter((p) => !inWindow(p));
  const pairs: PairVerdict[] = [];
  let bothSame = 0;
  let missed = 0;
  let overLinked = 0;
  let bothDifferent = 0;
  for (let i = 0; i < compared.length; i++) {
    for (let j = i + 1; j < compared.length; j++) {
      const a = compared[i]!;
      const b = compared[j]!;
      const sameTemplate = templateOf.get(a) === templateOf.get(b);
      const fa = familyOf(a);
      const sameFamily = fa !== undefined && fa === familyOf(b);
      pairs.push({ a, b, sameTemplate, sameFamily });
      if (sameTemplate && sameFamily) bothSame++;
      else if (sameTemplate) missed++;
      else if (sameFamily) overLinked++;
      else bothDifferent++;
    }
  }
  return { compared, notInWindow, pairs, bothSame, missed, overLinked, bothDifferent, randIndex: pairs.length === 0 ? NaN : (bothSame + bothDifferent) / pairs.length };
}
