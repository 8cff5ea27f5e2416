/**
 * @module A byte-level reader for the per-block attribution file in its usual shape, for the one-pass
 * path (`metrics --input`): no string per field, labels interned by their bytes, columns straight
 * into typed arrays. It accepts only rows it can check completely — the exact header, plain digits,
 * `YYYY-MM-DDTHH:MM:SSZ` timestamps equal to `unix_time`, labels of printable ASCII, heights strictly
 * increasing, at least one label per row — and gives up (`FastPathRejected`) at the first row that
 * is anything else, so the caller reads the file again with the general validating reader
 * (block-labels.ts), which accepts the other legal forms and words the errors. Results are the
 * same either way (tested).
 */
import { daysFromCivil, DAYS_IN_MONTH, isLeap } from '../files/fields.js';

export const PERBLOCK_HEADER = 'height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2';

/** This file (or row) is not in the shape the fast path handles. */
export class FastPathRejected extends Error {}

/** One label version: heights in order, times, and label ids into `names`. */
export interface FastColumn {
  heights: Int32Array;
  timeSec: Float64Array;
  label: Int32Array;
  n: number;
}

function column(): FastColumn {
  return { heights: new Int32Array(1 << 16), timeSec: new Float64Array(1 << 16), label: new Int32Array(1 << 16), n: 0 };
}

function push(c: FastColumn, h: number, t: number, l: number): void {
  if (c.n === c.heights.length) {
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    c.heights = grow(c.heights);
    c.timeSec = grow(c.timeSec);
    c.label = grow(c.label);
  }
  c.heights[c.n] = h;
  c.timeSec[c.n] = t;
  c.label[c.n] = l;
  c.n++;
}

const COMMA = 44;

/** n decimal digits at buf[i…]. */
function digits(buf: Buffer, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = buf[k]! - 48;
    if (d < 0 || d > 9) throw new FastPathRejected('timestamp digits');
    v = v * 10 + d;
  }
  return v;
}
const NL = 10;

/** Feed chunks of the (gunzipped) file; `finish` returns the two columns and the label names. */
export class PerBlockFastReader {
  readonly v1 = column();
  readonly v2 = column();
  /** Interned labels: names[id]. */
  readonly names: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Labels by a hash of their bytes (collisions resolved by comparing bytes). */
  readonly #byHash = new Map<number, { bytes: Buffer; id: number }[]>();
  #rest: Buffer | null = null;
  #header = true;
  #lastHeight = -1;
  rows = 0;

  push(chunk: Buffer): void {
    const buf = this.#rest ? Buffer.concat([this.#rest, chunk]) : chunk;
    let p = 0;
    const n = buf.length;
    // Plain loops rather than Buffer#indexOf: a native call per line costs more than the scan.
    for (let i = 0; i < n; i++) {
      if (buf[i] !== NL) continue;
      this.#line(buf, p, i);
      p = i + 1;
    }
    this.#rest = p < buf.length ? buf.subarray(p) : null;
  }

  finish(): void {
    if (this.#rest && this.#rest.length > 0) this.#line(this.#rest, 0, this.#rest.length);
    this.#rest = null;
    if (this.#header) throw new FastPathRejected('no header');
  }

  #label(buf: Buffer, a: number, b: number): number {
    if (a === b) return -1;
    let h = 2166136261;
    for (let i = a; i < b; i++) {
      const c = buf[i]!;
      if (c < 33 || c > 126 || c === 34) throw new FastPathRejected('label bytes');
      h = Math.imul(h ^ c, 16777619);
    }
    const list = this.#byHash.get(h);
    if (list) {
      for (const e of list) {
        const x = e.bytes;
        if (x.length !== b - a) continue;
        let k = 0;
        while (k < x.length && x[k] === buf[a + k]) k++;
        if (k === x.length) return e.id;
      }
    }
    const name = buf.toString('latin1', a, b);
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.#ids.set(name, id);
    }
    const entry = { bytes: Buffer.from(buf.subarray(a, b)), id };
    if (list) list.push(entry);
    else this.#byHash.set(h, [entry]);
    return id;
  }

  #line(buf: Buffer, a: number, end: number): void {
    if (end > a && buf[end - 1] === 13) end--;
    if (end === a) return;
    if (this.#header) {
      if (buf.toString('latin1', a, end) !== PERBLOCK_HEADER) throw new FastPathRejected('header');
      this.#header = false;
      return;
    }
    // height
    let p = a;
    let height = 0;
    const h0 = p;
    for (; p < end && buf[p] !== COMMA; p++) {
      const d = buf[p]! - 48;
      if (d < 0 || d > 9) throw new FastPathRejected('height');
      height = height * 10 + d;
    }
    if (p === h0 || p - h0 > 9 || p === end || height <= this.#lastHeight) throw new FastPathRejected('height');
    this.#lastHeight = height;
    p++;
    // timestamp: exactly YYYY-MM-DDTHH:MM:SSZ
    if (p + 21 > end || buf[p + 4] !== 45 || buf[p + 7] !== 45 || buf[p + 10] !== 84 || buf[p + 13] !== 58 || buf[p + 16] !== 58 || buf[p + 19] !== 90 || buf[p + 20] !== COMMA) {
      throw new FastPathRejected('timestamp');
    }
    const y = digits(buf, p, 4);
    const mo = digits(buf, p + 5, 2);
    const d = digits(buf, p + 8, 2);
    const hh = digits(buf, p + 11, 2);
    const mi = digits(buf, p + 14, 2);
    const se = digits(buf, p + 17, 2);
    if (mo < 1 || mo > 12 || d < 1 || hh > 23 || mi > 59 || se > 59 || d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!)) throw new FastPathRejected('timestamp range');
    const t = daysFromCivil(y, mo, d) * 86_400 + hh * 3600 + mi * 60 + se;
    p += 21;
    // unix_time
    let unix = 0;
    const u0 = p;
    for (; p < end && buf[p] !== COMMA; p++) {
      const dd = buf[p]! - 48;
      if (dd < 0 || dd > 9) throw new FastPathRejected('unix_time');
      unix = unix * 10 + dd;
    }
    if (p === u0 || p - u0 > 15 || p === end || unix !== t) throw new FastPathRejected('unix_time');
    p++;
    // pool_slug_v1, pool_slug_v2 (the last field)
    let c1 = p;
    while (c1 < end && buf[c1] !== COMMA) c1++;
    if (c1 === end) throw new FastPathRejected('fields');
    for (let k = c1 + 1; k < end; k++) if (buf[k] === COMMA) throw new FastPathRejected('fields');
    const l1 = this.#label(buf, p, c1);
    const l2 = this.#label(buf, c1 + 1, end);
    if (l1 < 0 && l2 < 0) throw new FastPathRejected('no label');
    if (l1 >= 0) push(this.v1, height, t, l1);
    if (l2 >= 0) push(this.v2, height, t, l2);
    this.rows++;
  }
}
