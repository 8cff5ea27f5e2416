/**
 * @module The difficulty of every block height from datasets/bitcoin/difficulty-epochs
 * (`difficulty_by_block.csv`: `from_height,to_height,bits,difficulty`, no header, one row per run
 * of equal `bits`, heights 0–840,236). Rows are validated (contiguous, bits hex, difficulty equal
 * to what the bits encode) and looked up by binary search. Pure; `sources/bitcoin/difficulty-epochs.ts`
 * reads the file.
 */
import { DecodeError } from '../../domain/errors.js';
import { difficultyFromBits } from './header.js';

export interface DifficultyEpochs {
  readonly file: string;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly bits: Uint32Array;
  readonly difficulty: Float64Array;
  /** Last height covered. */
  readonly lastHeight: number;
}

/** Parse `from_height,to_height,bits,difficulty` rows covering every height from `firstHeight` (0 for the full file). */
export function parseDifficultyEpochs(text: string, file: string, firstHeight = 0): DifficultyEpochs {
  const lines = text.split(/\r?\n/);
  const rows: [number, number, number, number][] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const at = (field: string, reason: string) => new DecodeError({ input: file, line: i + 1, field }, reason);
    const cells = line.split(',');
    if (cells.length !== 4) throw at('row', `expected 4 columns (from_height,to_height,bits,difficulty), found ${cells.length}`);
    const [f, t, b, d] = cells as [string, string, string, string];
    if (!/^\d+$/.test(f)) throw at('from_height', `not a height: ${f}`);
    if (!/^\d+$/.test(t)) throw at('to_height', `not a height: ${t}`);
    if (!/^[0-9a-fA-F]{1,8}$/.test(b)) throw at('bits', `not a compact target: ${b}`);
    const difficulty = Number(d);
    if (!(difficulty > 0)) throw at('difficulty', `not a positive number: ${d}`);
    const from = Number(f);
    const to = Number(t);
    const bits = parseInt(b, 16);
    if (to < from) throw at('to_height', `${to} is below from_height ${from}`);
    const prev = rows[rows.length - 1];
    if ((prev ? prev[1] + 1 : firstHeight) !== from) throw at('from_height', `expected ${prev ? prev[1] + 1 : firstHeight} (rows must cover every height from ${firstHeight})`);
    const implied = difficultyFromBits(bits);
    if (Math.abs(implied - difficulty) > 1e-12 * implied) throw at('difficulty', `${d} differs from the ${implied} that bits ${b} encode`);
    rows.push([from, to, bits, difficulty]);
  });
  if (rows.length === 0) throw new DecodeError({ input: file }, 'no rows');
  return {
    file,
    from: Int32Array.from(rows, (r) => r[0]),
    to: Int32Array.from(rows, (r) => r[1]),
    bits: Uint32Array.from(rows, (r) => r[2]),
    difficulty: Float64Array.from(rows, (r) => r[3]),
    lastHeight: rows[rows.length - 1]![1],
  };
}


/** Index of the row holding `height` (0 ≤ height ≤ lastHeight), by binary search. */
export function epochIndex(e: DifficultyEpochs, height: number): number {
  let [lo, hi] = [0, e.from.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (e.from[mid]! <= height) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Difficulty at `height`, NaN outside the file's range. */
export function difficultyAt(e: DifficultyEpochs, height: number): number {
  if (height < 0 || height > e.lastHeight) return Number.NaN;
  return e.difficulty[epochIndex(e, height)]!;
}

/** Σ difficulty over heights [first, first + count): work in units of difficulty (NaN past the file). */
export function difficultySum(e: DifficultyEpochs, first: number, count: number): number {
  if (count <= 0) return 0;
  if (first < 0 || first + count - 1 > e.lastHeight) return Number.NaN;
  let sum = 0;
  const end = first + count;
  for (let h = first; h < end; ) {
    const k = epochIndex(e, h);
    const runEnd = Math.min(end, e.to[k]! + 1);
    sum += e.difficulty[k]! * (runEnd - h);
    h = runEnd;
  }
  return sum;
}

/**
 * `base` continued by `tail`, whose first row restates the base's last (partial) period with a
 * later end: the result covers the union. Used for the embedded default's derived retargets.
 */
export function appendEpochs(base: DifficultyEpochs, tail: DifficultyEpochs): DifficultyEpochs {
  const k = base.from.length - 1;
  if (tail.from[0] !== base.from[k] || tail.bits[0] !== base.bits[k]) {
    throw new DecodeError({ input: tail.file, line: 1, field: 'from_height' }, `does not continue ${base.file}: expected the period from ${base.from[k]} with bits ${base.bits[k]!.toString(16)}`);
  }
  const join = <T extends Int32Array | Uint32Array | Float64Array>(a: T, b: T, make: new (n: number) => T): T => {
    const out = new make(k + b.length);
    out.set(a.subarray(0, k));
    out.set(b, k);
    return out;
  };
  return {
    file: `${base.file} + ${tail.file}`,
    from: join(base.from, tail.from, Int32Array),
    to: join(base.to, tail.to, Int32Array),
    bits: join(base.bits, tail.bits, Uint32Array),
    difficulty: join(base.difficulty, tail.difficulty, Float64Array),
    lastHeight: tail.lastHeight,
  };
}
