/**
 * @module "Did you mean …?" for mistyped identifiers: the known names closest to the input by
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), case-insensitive; a name containing the input, or contained in it, also counts.
 */

/** Optimal-string-alignment distance between a and b. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/**
 * Known names within max(2, ⌊length/3⌋) edits of the input (closest first, at most 3), or that
 * contain / are contained in it. Empty when nothing is close.
 */
export function suggest(input: string, known: readonly string[]): string[] {
  const x = input.toLowerCase();
  const limit = Math.max(2, Math.floor(x.length / 3));
  return known
    .map((k) => {
      const y = k.toLowerCase();
      const dist = editDistance(x, y);
      const within = x.length >= 3 && (y.includes(x) || x.includes(y));
      return { k, dist: within ? Math.min(dist, limit) : dist };
    })
    .filter((c) => c.dist <= limit)
    .sort((a, b) => a.dist - b.dist || (a.k < b.k ? -1 : 1))
    .slice(0, 3)
    .map((c) => c.k);
}

/** " (did you mean bitcoin/pools?)" or "". */
export function didYouMean(input: string, known: readonly string[]): string {
  const s = suggest(input, known);
  return s.length === 0 ? '' : ` — did you mean ${s.join(' or ')}?`;
}
