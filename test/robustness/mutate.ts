/**
 * Deterministic mutators for the robustness runs: input `i` of a run with seed `s` is always the
 * same (Rng.forReplicate(s, i)), so any failure is reproducible from (target, seed, index).
 * Bytes: bit flips, byte overwrites with boundary values (0x00, 0xff, varint markers), inserted,
 * deleted, duplicated and truncated ranges. Text: characters that matter to CSV, JSON and YAML
 * (quotes, separators, line breaks, brackets, anchors, BOM, NUL, astral characters), deleted and
 * duplicated ranges, swapped lines, numbers replaced by extremes. Values (parsed JSON/YAML):
 * a random node replaced by an extreme number, a wrong type, a deep nest or a long string; keys
 * deleted or duplicated.
 */
import { Rng } from '../../src/random/prng.js';

/** The generator for input `index` of target `stream` in a run with `seed`. */
export function rngFor(seed: number, index: number, stream: number): Rng {
  return Rng.forReplicate(seed, index, stream);
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfc, 0xfd, 0xfe, 0xff];

export function mutateBytes(seed: Uint8Array, rng: Rng): Uint8Array {
  let b: Uint8Array = seed.slice();
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    const at = b.length === 0 ? 0 : rng.int(b.length);
    switch (rng.int(8)) {
      case 0:
        if (b.length > 0) b[at] = b[at]! ^ (1 << rng.int(8));
        break;
      case 1:
        if (b.length > 0) b[at] = rng.int(256);
        break;
      case 2:
        if (b.length > 0) b[at] = INTERESTING_BYTES[rng.int(INTERESTING_BYTES.length)]!;
        break;
      case 3: {
        // Four bytes of 0xff or 0x00 (huge or zero lengths and counts).
        const v = rng.int(2) === 0 ? 0xff : 0x00;
        for (let k = 0; k < 4 && at + k < b.length; k++) b[at + k] = v;
        break;
      }
      case 4: {
        const n = 1 + rng.int(16);
        const ins = Uint8Array.from({ length: n }, () => rng.int(256));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 5: {
        const n = 1 + rng.int(Math.max(1, Math.min(64, b.length - at)));
        b = concat(b.subarray(0, at), b.subarray(at + n));
        break;
      }
      case 6: {
        const n = 1 + rng.int(32);
        b = concat(b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n));
        break;
      }
      default:
        b = b.slice(0, at);
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const SPECIAL = ['"', "'", ',', ';', '\n', '\r', '\r\n', '\t', ' ', '\\', '{', '}', '[', ']', ':', '-', '#', '&', '*', '!', '|', '>', '%', '@', '`', '=', '+', '\u0000', '\uFEFF', 'é', '𝄞', '\uD800', '0', '9', '.', 'e', 'E', 'x', 'null', 'true', '~', '<<', '---', '...'];
const EXTREMES = ['1e308', '-1e308', '1e309', '-0', '0', '-1', '4294967296', '9007199254740993', '18446744073709551616', 'NaN', 'Infinity', '0x7fffffff', '1.5', '99999999999999999999999'];

export function mutateText(seed: string, rng: Rng): string {
  let t = seed;
  const edits = 1 + rng.int(3);
  for (let e = 0; e < edits; e++) {
    const at = t.length === 0 ? 0 : rng.int(t.length);
    switch (rng.int(7)) {
      case 0:
      case 1:
        t = t.slice(0, at) + SPECIAL[rng.int(SPECIAL.length)]! + t.slice(at);
        break;
      case 2:
        t = t.slice(0, at) + t.slice(at + 1 + rng.int(24));
        break;
      case 3: {
        const n = 1 + rng.int(80);
        t = t.slice(0, at + n) + t.slice(at, at + n) + t.slice(at + n);
        break;
      }
      case 4: {
        const lines = t.split('\n');
        if (lines.length > 2) {
          const i = rng.int(lines.length);
          const j = rng.int(lines.length);
          [lines[i], lines[j]] = [lines[j]!, lines[i]!];
          t = lines.join('\n');
        }
        break;
      }
      case 5: {
        // Replace the digit run at or after `at` by an extreme number.
        const m = /\d+(\.\d+)?/.exec(t.slice(at));
        if (m) t = t.slice(0, at + m.index) + EXTREMES[rng.int(EXTREMES.length)]! + t.slice(at + m.index + m[0].length);
        break;
      }
      default:
        t = t.slice(0, at);
    }
  }
  return t;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const WEIRD_VALUES: (() => Json)[] = [
  () => null,
  () => true,
  () => 1e308,
  () => -1e308,
  () => -1,
  () => 0,
  () => 2 ** 53 + 2,
  () => 0.5,
  () => '',
  () => 'x'.repeat(10_000),
  () => '1e999',
  () => '-5',
  () => '=cmd|x',
  () => [],
  () => ({}),
  () => [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
  () => ({ __proto__: { polluted: true } }) as unknown as Json,
];

/** A structurally mutated copy of a JSON-like value (the seed is not changed). */
export function mutateValue(seed: unknown, rng: Rng): unknown {
  const root = structuredClone(seed) as Json;
  const edits = 1 + rng.int(3);
  let out: Json = root;
  for (let e = 0; e < edits; e++) out = mutateAt(out, rng, 0);
  return out;
}

function mutateAt(v: Json, rng: Rng, depth: number): Json {
  const container = v !== null && typeof v === 'object';
  if (!container || depth > 6 || rng.int(4) === 0) {
    if (typeof v === 'number' && rng.int(2) === 0) return [v * 1e300, -v, v + 0.5, 0, Number.MAX_SAFE_INTEGER + 2][rng.int(5)]!;
    return WEIRD_VALUES[rng.int(WEIRD_VALUES.length)]!();
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return [WEIRD_VALUES[rng.int(WEIRD_VALUES.length)]!()];
    const i = rng.int(v.length);
    switch (rng.int(4)) {
      case 0:
        v.splice(i, 1);
        return v;
      case 1:
        v.push(structuredClone(v[i]!));
        return v;
      default:
        v[i] = mutateAt(v[i]!, rng, depth + 1);
        return v;
    }
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return { x: WEIRD_VALUES[rng.int(WEIRD_VALUES.length)]!() };
  const k = keys[rng.int(keys.length)]!;
  switch (rng.int(5)) {
    case 0:
      delete v[k];
      return v;
    case 1:
      v[`${k}_extra`] = structuredClone(v[k]!);
      return v;
    default:
      v[k] = mutateAt(v[k]!, rng, depth + 1);
      return v;
  }
}
