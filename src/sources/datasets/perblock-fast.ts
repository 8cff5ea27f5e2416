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
  // Room for the whole 2020–2026 file (335k blocks) without growing.
  return { heights: new Int32Array(1 << 19), timeSec: new Float64Array(1 << 19), label: new Int32Array(1 << 19), n: 0 };
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

/** Feed chunks of the (gunzipped) file; after `finish`, the two columns and the label names. */
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
    const n = buf.length;
    let p = 0;
    // One pass per line: each field is scanned once, and the line's end is found by its last field.
    while (p < n) {
      const next = this.#header ? this.#headerLine(buf, p, n) : this.#row(buf, p, n);
      if (next < 0) break; // incomplete line: wait for the next chunk
      p = next;
    }
    this.#rest = p < n ? buf.subarray(p) : null;
  }

  finish(): void {
    const rest = this.#rest;
    this.#rest = null;
    if (rest && rest.length > 0) {
      // The last line has no newline: parse it with one added.
      const last = Buffer.concat([rest, Buffer.from([NL])]);
      const end = this.#header ? this.#headerLine(last, 0, last.length) : this.#row(last, 0, last.length);
      if (end !== last.length) throw new FastPathRejected('last line');
    }
    if (this.#header) throw new FastPathRejected('no header');
  }

  #headerLine(buf: Buffer, a: number, n: number): number {
    let nl = a;
    while (nl < n && buf[nl] !== NL) nl++;
    if (nl === n) return -1;
    const end = nl > a && buf[nl - 1] === 13 ? nl - 1 : nl;
    if (end === a) return nl + 1; // blank line before the header
    if (buf.toString('latin1', a, end) !== PERBLOCK_HEADER) throw new FastPathRejected('header');
    this.#header = false;
    return nl + 1;
  }

  #intern(buf: Buffer, a: number, b: number, h: number): number {
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

  /** Parse the row starting at `a`; returns where the next line starts, or -1 when the line is not complete in buf[a, n). */
  #row(buf: Buffer, a: number, n: number): number {
    let p = a;
    const c0 = buf[p];
    if (c0 === NL) return p + 1; // blank line
    if (c0 === 13) {
      if (p + 1 >= n) return -1;
      if (buf[p + 1] === NL) return p + 2;
    }
    // height
    let height = 0;
    for (;;) {
      if (p >= n) return -1;
      const c = buf[p]!;
      if (c === COMMA) break;
      const d = c - 48;
      if (d < 0 || d > 9) throw new FastPathRejected('height');
      height = height * 10 + d;
      p++;
    }
    if (p === a || p - a > 9 || height <= this.#lastHeight) throw new FastPathRejected('height');
    p++;
    // timestamp: exactly YYYY-MM-DDTHH:MM:SSZ
    if (p + 21 > n) return -1;
    if (buf[p + 4] !== 45 || buf[p + 7] !== 45 || buf[p + 10] !== 84 || buf[p + 13] !== 58 || buf[p + 16] !== 58 || buf[p + 19] !== 90 || buf[p + 20] !== COMMA) {
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
    for (;;) {
      if (p >= n) return -1;
      const c = buf[p]!;
      if (c === COMMA) break;
      const dd = c - 48;
      if (dd < 0 || dd > 9) throw new FastPathRejected('unix_time');
      unix = unix * 10 + dd;
      p++;
    }
    if (p === u0 || p - u0 > 15 || unix !== t) throw new FastPathRejected('unix_time');
    p++;
    // pool_slug_v1 up to the comma, hashing its bytes on the way
    const a1 = p;
    let h1 = 2166136261;
    for (;;) {
      if (p >= n) return -1;
      const c = buf[p]!;
      if (c === COMMA) break;
      if (c < 33 || c > 126 || c === 34) throw new FastPathRejected('label bytes');
      h1 = Math.imul(h1 ^ c, 16777619);
      p++;
    }
    const b1 = p;
    p++;
    // pool_slug_v2 up to the end of the line
    const a2 = p;
    let h2 = 2166136261;
    for (;;) {
      if (p >= n) return -1;
      const c = buf[p]!;
      if (c === NL) break;
      if (c === 13) {
        if (p + 1 >= n) return -1; // a CR at the end of the buffer: its LF is in the next chunk
        if (buf[p + 1] === NL) break;
      }
      if (c < 33 || c > 126 || c === 34 || c === COMMA) throw new FastPathRejected(c === COMMA ? 'fields' : 'label bytes');
      h2 = Math.imul(h2 ^ c, 16777619);
      p++;
    }
    const b2 = p;
    const next = buf[p] === 13 ? p + 2 : p + 1;
    if (a1 === b1 && a2 === b2) throw new FastPathRejected('no label');
    this.#lastHeight = height;
    if (a1 < b1) push(this.v1, height, t, this.#intern(buf, a1, b1, h1));
    if (a2 < b2) push(this.v2, height, t, this.#intern(buf, a2, b2, h2));
    this.rows++;
    return next;
  }
}
