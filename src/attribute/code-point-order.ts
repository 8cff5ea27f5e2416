/**
 * @module String ordering by Unicode code point, as Python's `sorted()` orders `str` (JS's
 * default sort compares UTF-16 code units, which differs for characters above U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

export function sortedByCodePoint(values: Iterable<string>): string[] {
  return [...values].sort(compareCodePoints);
}
