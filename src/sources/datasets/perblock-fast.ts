/**
 * @module A byte-level reader for the per-block attribution file in its usual shape, for the one-pass
 * path (`metrics --input`): no string per field, labels interned by their bytes, columns straight
 * into typed arrays. It accepts only rows it can check completely — the exact header, plain digits,
 * `YYYY-MM-DDTHH:MM:SSZ` timestamps equal to `unix_time`, labels of printable ASCII, heights strictly
 * increasing, at least one label per row — and gives up (`FastPathRejected`) at the first row that
 * is anything else, so the caller reads the file again with the general validating reader
 * (block-labels.ts), which accepts the other legal forms and words the errors. Results are the
 * same either way (tested).
 *
 * Speed. The one pass runs this once per process, so what it costs before and while V8 optimises
 * it counts as much as its optimised speed: an optimising compile of the row parser costs ~20 ms of
 * CPU, and each "insufficient type feedback" deopt (a branch first taken after the compile) costs
 * another. So the code is shaped for few deopts: small functions; both labels go through the same
 * label scanner, interner and row append (the v2 labels appear only from 2023 on, and a v2-only
 * path would be compiled without feedback); the reader's state is a plain object. Digits are
 * validated together (one sign test per field); a date is validated and converted once per day;
 * labels are interned through an open-addressing table of FNV-1a hashes of their bytes, checked
 * against the stored bytes.
 */
import { AppError } from '../../domain/errors.js';
import { daysFromCivil, DAYS_IN_MONTH, isLeap, MAX_HEIGHT, MAX_LABEL_LENGTH } from '../files/fields.js';
import { streamFileBytes } from '../files/stream-csv.js';

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

/** Every row read: its height, time, and label ids of each version (-1: none). */
export interface FastRows {
  heights: Int32Array;
  timeSec: Float64Array;
  label1: Int32Array;
  label2: Int32Array;
  n: number;
}

function rowsTable(): FastRows {
  // Room for the whole 2020–2026 file (335k blocks) without growing: 20 bytes a row.
  const n = 1 << 19;
  return { heights: new Int32Array(n), timeSec: new Float64Array(n), label1: new Int32Array(n), label2: new Int32Array(n), n: 0 };
}

function grow(r: FastRows): void {
  const more = <T extends Int32Array | Float64Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a);
    return b;
  };
  r.heights = more(r.heights);
  r.timeSec = more(r.timeSec);
  r.label1 = more(r.label1);
  r.label2 = more(r.label2);
}

/** The rows that have a label of `version`, as a column. */
function versionColumn(r: FastRows, version: 1 | 2): FastColumn {
  const ids = version === 1 ? r.label1 : r.label2;
  let m = 0;
  for (let i = 0; i < r.n; i++) if (ids[i]! >= 0) m++;
  const c: FastColumn = { heights: new Int32Array(m), timeSec: new Float64Array(m), label: new Int32Array(m), n: m };
  for (let i = 0, k = 0; i < r.n; i++) {
    if (ids[i]! < 0) continue;
    c.heights[k] = r.heights[i]!;
    c.timeSec[k] = r.timeSec[i]!;
    c.label[k++] = ids[i]!;
  }
  return c;
}

const NL = 10;
const CR = 13;
const COMMA = 44;
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** Labels interned by their bytes: an open-addressing table (slot → id + 1, 0 = empty) of their hashes. */
interface Interner {
  slotId: Int32Array;
  slotHash: Int32Array;
  readonly bytes: Buffer[];
  readonly names: string[];
  /** used[k][id] = 1 when label id occurs in label version k (v1, v2). */
  used: [Uint8Array, Uint8Array];
}

/** The state carried from one row (and chunk) to the next. */
interface ScanState {
  lastHeight: number;
  /** The last date seen (y·10⁴ + m·10² + d) and its day number. */
  lastYmd: number;
  lastDay: number;
  /** The hash of the label `scanLabel` last scanned. */
  hash: number;
  /** The label ids of the row being read (v1, v2; -1: none). */
  readonly ids: Int32Array;
  readonly rows: FastRows;
  readonly interner: Interner;
}

function addLabel(t: Interner, buf: Buffer, a: number, b: number, h: number, slot: number): number {
  const id = t.names.length;
  t.names.push(buf.toString('latin1', a, b));
  t.bytes.push(Buffer.from(buf.subarray(a, b)));
  t.slotId[slot] = id + 1;
  t.slotHash[slot] = h;
  if (id >= t.used[0].length) {
    const more = (u: Uint8Array) => {
      const v = new Uint8Array(u.length * 2);
      v.set(u);
      return v;
    };
    t.used = [more(t.used[0]), more(t.used[1])];
  }
  if (2 * t.names.length > t.slotId.length) {
    // Keep the table at most half full: rehash into twice the slots.
    const ids = t.slotId;
    const hashes = t.slotHash;
    t.slotId = new Int32Array(ids.length * 2);
    t.slotHash = new Int32Array(ids.length * 2);
    const mask = t.slotId.length - 1;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === 0) continue;
      let s = hashes[i]! & mask;
      while (t.slotId[s] !== 0) s = (s + 1) & mask;
      t.slotId[s] = ids[i]!;
      t.slotHash[s] = hashes[i]!;
    }
  }
  return id;
}

/** Id of the label buf[a, b) with hash h. */
function intern(t: Interner, buf: Buffer, a: number, b: number, h: number): number {
  const mask = t.slotId.length - 1;
  let s = h & mask;
  for (;;) {
    const id = t.slotId[s]! - 1;
    const next = (s + 1) & mask; // computed on every probe, so that a first collision finds it compiled
    if (id < 0) return addLabel(t, buf, a, b, h, s);
    if (t.slotHash[s] === h) {
      const x = t.bytes[id]!;
      let k = x.length === b - a ? 0 : -1;
      while (k >= 0 && k < x.length && x[k] === buf[a + k]) k++;
      if (k === x.length) return id;
    }
    s = next;
  }
}

function append(r: FastRows, height: number, t: number, id1: number, id2: number): void {
  if (r.n === r.heights.length) grow(r);
  r.heights[r.n] = height;
  r.timeSec[r.n] = t;
  r.label1[r.n] = id1;
  r.label2[r.n++] = id2;
}

/**
 * The label from p: printable ASCII without quotes, up to a comma (the v1 label: `last` false) or the
 * line end (the v2 label, last on its line: `last` true). Returns where it ends (the comma, CR or LF;
 * n when the buffer ends first) and leaves its hash in st.hash.
 */
function scanLabel(st: ScanState, buf: Buffer, p: number, n: number, last: boolean): number {
  let h = FNV_OFFSET;
  for (; p < n; p++) {
    const c = buf[p]!;
    if (c === COMMA) {
      if (last) throw new FastPathRejected('fields');
      break;
    }
    if (c < 33) {
      if (!last || (c !== NL && c !== CR)) throw new FastPathRejected('label bytes');
      break;
    }
    if (c > 126 || c === 34) throw new FastPathRejected('label bytes');
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  st.hash = h;
  return p;
}

/** The day number of a date, validated. */
function dayOf(st: ScanState, y: number, mo: number, d: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!)) throw new FastPathRejected('timestamp range');
  st.lastYmd = y * 10_000 + mo * 100 + d;
  st.lastDay = daysFromCivil(y, mo, d);
  return st.lastDay;
}

/** 0 when c is an ASCII digit, negative otherwise. */
function notDigit(c: number): number {
  return (c - 48) | (57 - c);
}

/**
 * The row (or blank line) starting at p, which is < n: returns where the next line starts, or -1
 * when the line is not complete in buf[p, n).
 */
function row(st: ScanState, buf: Buffer, p: number, n: number): number {
  const lineStart = p;
  let c = buf[p]!;
  if (c === NL) return p + 1; // blank line
  if (c === CR) {
    if (p + 1 >= n) return -1;
    if (buf[p + 1] === NL) return p + 2;
  }
  // height: 1–9 digits, increasing
  let height = 0;
  let bad = 0;
  for (;;) {
    if (p >= n) return -1;
    c = buf[p]!;
    if (c === COMMA) break;
    bad |= notDigit(c);
    height = height * 10 + c - 48;
    if (++p - lineStart > 9) throw new FastPathRejected('height');
  }
  if (bad < 0 || p === lineStart || height <= st.lastHeight) throw new FastPathRejected('height');
  p++;
  // timestamp: exactly YYYY-MM-DDTHH:MM:SSZ then a comma
  if (p + 21 > n) return -1;
  if (buf[p + 4] !== 45 || buf[p + 7] !== 45 || buf[p + 10] !== 84 || buf[p + 13] !== 58 || buf[p + 16] !== 58 || buf[p + 19] !== 90 || buf[p + 20] !== COMMA) {
    throw new FastPathRejected('timestamp');
  }
  const c0 = buf[p]!, c1 = buf[p + 1]!, c2 = buf[p + 2]!, c3 = buf[p + 3]!, c5 = buf[p + 5]!, c6 = buf[p + 6]!, c8 = buf[p + 8]!, c9 = buf[p + 9]!;
  const c11 = buf[p + 11]!, c12 = buf[p + 12]!, c14 = buf[p + 14]!, c15 = buf[p + 15]!, c17 = buf[p + 17]!, c18 = buf[p + 18]!;
  bad |= notDigit(c0) | notDigit(c1) | notDigit(c2) | notDigit(c3) | notDigit(c5) | notDigit(c6) | notDigit(c8) | notDigit(c9);
  bad |= notDigit(c11) | notDigit(c12) | notDigit(c14) | notDigit(c15) | notDigit(c17) | notDigit(c18);
  if (bad < 0) throw new FastPathRejected('timestamp digits');
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3 - 48 * 1111;
  const mo = c5 * 10 + c6 - 528;
  const d = c8 * 10 + c9 - 528;
  const hh = c11 * 10 + c12 - 528;
  const mi = c14 * 10 + c15 - 528;
  const se = c17 * 10 + c18 - 528;
  if (hh > 23 || mi > 59 || se > 59) throw new FastPathRejected('timestamp range');
  const ymd = y * 10_000 + mo * 100 + d;
  const t = (ymd === st.lastYmd ? st.lastDay : dayOf(st, y, mo, d)) * 86_400 + hh * 3600 + mi * 60 + se;
  p += 21;
  // unix_time: 1–15 digits, equal to the timestamp
  let unix = 0;
  const u0 = p;
  for (;;) {
    if (p >= n) return -1;
    c = buf[p]!;
    if (c === COMMA) break;
    bad |= notDigit(c);
    unix = unix * 10 + c - 48;
    if (++p - u0 > 15) throw new FastPathRejected('unix_time');
  }
  if (bad < 0 || p === u0 || unix !== t) throw new FastPathRejected('unix_time');
  p++;
  // pool_slug_v1 up to its comma, pool_slug_v2 up to the line end: the same code for both
  const a1 = p;
  const b1 = scanLabel(st, buf, p, n, false);
  if (b1 >= n) return -1;
  const h1 = st.hash;
  const a2 = b1 + 1;
  const b2 = scanLabel(st, buf, a2, n, true);
  if (b2 >= n) return -1;
  let next = b2 + 1;
  if (buf[b2] === CR) {
    if (b2 + 1 >= n) return -1; // its LF is in the next chunk
    if (buf[b2 + 1] !== NL) throw new FastPathRejected('label bytes');
    next = b2 + 2;
  }
  if (b1 - a1 + (b2 - a2) === 0) throw new FastPathRejected('no label'); // (one test, taken on every row)
  st.lastHeight = height;
  const ids = st.ids;
  for (let k = 0; k < 2; k++) {
    const a = k === 0 ? a1 : a2;
    const b = k === 0 ? b1 : b2;
    ids[k] = -1;
    if (a < b) {
      const id = intern(st.interner, buf, a, b, k === 0 ? h1 : st.hash);
      st.interner.used[k]![id] = 1;
      ids[k] = id;
    }
  }
  append(st.rows, height, t, ids[0]!, ids[1]!);
  return next;
}

/** Feed chunks of the (gunzipped) file; after `finish`, the rows (and each label version's column) and the label names. */
export class PerBlockFastReader {
  /** Interned labels: names[id]. */
  readonly names: string[] = [];
  /** Every row read. */
  readonly read: FastRows = rowsTable();
  readonly #st: ScanState = {
    lastHeight: -1,
    lastYmd: -1,
    lastDay: 0,
    hash: 0,
    ids: new Int32Array(2),
    rows: this.read,
    interner: { slotId: new Int32Array(256), slotHash: new Int32Array(256), bytes: [], names: this.names, used: [new Uint8Array(256), new Uint8Array(256)] },
  };
  #v1: FastColumn | undefined;
  #v2: FastColumn | undefined;
  /** The start of a line not complete in the last chunk. */
  #rest: Buffer | null = null;
  #header = true;

  get rows(): number {
    return this.read.n;
  }

  /** The rows with a v1 label (built on first use). */
  get v1(): FastColumn {
    return (this.#v1 ??= versionColumn(this.read, 1));
  }

  /** The rows with a v2 label (built on first use). */
  get v2(): FastColumn {
    return (this.#v2 ??= versionColumn(this.read, 2));
  }

  /** Ids of the labels that occur in label version 1 or 2. */
  usedIds(version: 1 | 2): number[] {
    const u = this.#st.interner.used[version - 1]!;
    const ids: number[] = [];
    for (let id = 0; id < this.names.length; id++) if (u[id] === 1) ids.push(id);
    return ids;
  }

  push(chunk: Buffer): void {
    let p = 0;
    if (this.#rest) {
      // Complete the pending line with the bytes up to the chunk's first newline, and parse it alone.
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.#rest = Buffer.concat([this.#rest, chunk]);
        return;
      }
      const line = Buffer.concat([this.#rest, chunk.subarray(0, nl + 1)]);
      this.#rest = null;
      if (this.#lines(line, 0) !== line.length) throw new FastPathRejected('line');
      p = nl + 1;
    }
    const end = this.#lines(chunk, p);
    this.#rest = end < chunk.length ? chunk.subarray(end) : null;
  }

  finish(): void {
    const rest = this.#rest;
    this.#rest = null;
    if (rest && rest.length > 0) {
      // The last line has no newline: parse it with one added.
      const last = Buffer.concat([rest, Buffer.from([NL])]);
      if (this.#lines(last, 0) !== last.length) throw new FastPathRejected('last line');
    }
    if (this.#header) throw new FastPathRejected('no header');
    // Two rules of the validating reader the row scanner leaves to the end: the height range (heights
    // increase, so the last is the highest) and the label length. A file breaking one goes to the
    // validating reader, which words the error (ingest and the one pass alike).
    if (this.#st.lastHeight > MAX_HEIGHT) throw new FastPathRejected('height range');
    if (this.names.some((l) => l.length > MAX_LABEL_LENGTH)) throw new FastPathRejected('label length');
  }

  /** Parse the complete lines of buf from p; returns where the first incomplete line starts (buf.length when none). */
  #lines(buf: Buffer, p: number): number {
    const n = buf.length;
    while (this.#header && p < n) {
      const nl = buf.indexOf(NL, p);
      if (nl < 0) return p;
      const end = nl > p && buf[nl - 1] === CR ? nl - 1 : nl;
      if (end > p) {
        if (buf.toString('latin1', p, end) !== PERBLOCK_HEADER) throw new FastPathRejected('header');
        this.#header = false;
      }
      p = nl + 1;
    }
    return scan(this.#st, buf, p, n);
  }
}

function scan(st: ScanState, buf: Buffer, p: number, n: number): number {
  while (p < n) {
    const next = row(st, buf, p, n);
    if (next < 0) break;
    p = next;
  }
  return p;
}

/**
 * Read `path` (plain or gzip) with the byte reader in one streaming pass that also hashes the stored
 * bytes (sha256, as `nakamoto ingest` records it). Null when the file is not in the shape the reader
 * handles, so the caller reads it with the general validating reader; with `inputFailuresToo`, also
 * null for input failures (a missing file, corrupt gzip, a typed error), which the general reader
 * then words as it always has. Any other error is a defect of this reader and surfaces.
 */
export async function readPerBlockBytes(path: string, inputFailuresToo = false): Promise<{ reader: PerBlockFastReader; sha256: string } | null> {
  const reader = new PerBlockFastReader();
  try {
    const sha256 = await streamFileBytes(path, (chunk) => reader.push(chunk));
    reader.finish();
    return { reader, sha256 };
  } catch (err) {
    if (err instanceof FastPathRejected) return null;
    if (inputFailuresToo && (err instanceof AppError || (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string'))) return null;
    throw err;
  }
}
