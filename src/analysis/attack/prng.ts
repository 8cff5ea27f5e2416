/**
 * @module Seeded pseudo-random numbers for Monte Carlo checks: xoshiro128** 1.1 (Blackman &
 * Vigna 2018), state seeded from a 32-bit seed with SplitMix32 (Steele, Lea & Flood 2014 mixing,
 * 32-bit variant). Deterministic across platforms: only 32-bit integer arithmetic.
 */

export interface Prng {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** xoshiro128** from an explicit 4-word state (not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): Prng {
  const s = Uint32Array.from(state);
  if (s[0] === 0 && s[1] === 0 && s[2] === 0 && s[3] === 0) throw new RangeError('xoshiro128**: state must not be all zero');
  const nextUint32 = (): number => {
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] = (s[2] as number) ^ s0;
    s[3] = (s[3] as number) ^ s1;
    s[1] = s1 ^ (s[2] as number);
    s[0] = s0 ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result;
  };
  return { nextUint32, next: () => nextUint32() / 4294967296 };
}

/** SplitMix32: a counter-based generator used to expand one seed into a state. */
export function splitMix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator from an integer seed (any safe integer; only its low 32 bits are used). */
export function createPrng(seed: number): Prng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createPrng: seed must be a safe integer, got ${seed}`);
  const sm = splitMix32(seed);
  const state: [number, number, number, number] = [sm(), sm(), sm(), sm()];
  if (state.every((w) => w === 0)) state[0] = 1;
  return xoshiro128ss(state);
}
