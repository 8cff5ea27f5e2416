/**
 * @module Seeded pseudo-random numbers for the simulators: xoshiro128** (Blackman & Vigna 2018) on
 * 32-bit integers, seeded per replicate from (seed, replicate index) so a replicate's stream does not
 * depend on which thread runs it; plus uniform, exponential, normal, Poisson and binomial samplers.
 */
import { logGamma } from './log-gamma.js';
import { UsageError } from '../domain/errors.js';

const TWO_POW_M32 = 2 ** -32;

/** 32-bit finaliser of MurmurHash3 (fmix32): a bijection with good avalanche, used to expand seeds. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Raw state constructor (the four 32-bit words; not all zero). Prefer `Rng.forReplicate`. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new UsageError('invalid PRNG state: all four words are zero');
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
  }

  /**
   * The generator of replicate `replicate` (0-based) under `seed` (a safe integer ≥ 0). Each state
   * word hashes (seed low, seed high, replicate, stream, word index), so streams are independent of
   * thread count and of the order in which replicates run.
   */
  static forReplicate(seed: number, replicate: number, stream = 0): Rng {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`invalid seed: ${seed} (expected a whole number ≥ 0)`);
    if (!Number.isSafeInteger(replicate) || replicate < 0) throw new UsageError(`invalid replicate index: ${replicate}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 2 ** 32) >>> 0;
    const base = mix32(mix32(lo ^ 0x9e3779b9) ^ mix32(hi + 0x7f4a7c15) ^ mix32(Math.imul(replicate + 1, 0x85ebca77)) ^ mix32(stream + 0x165667b1));
    const w = [0, 1, 2, 3].map((k) => mix32(base + Math.imul(k + 1, 0x9e3779b9)));
    if ((w[0]! | w[1]! | w[2]! | w[3]!) === 0) w[0] = 1;
    return new Rng(w[0]!, w[1]!, w[2]!, w[3]!);
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextU32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform on [0, 1) with 32-bit resolution. */
  uniform(): number {
    return this.nextU32() * TWO_POW_M32;
  }

  /**
   * Fill `out` with the next `out.length` values of `uniform()` — the same stream, generated in a
   * tight loop with the state in locals (for hot loops that draw millions of uniforms).
   */
  fillUniform(out: Float64Array): Float64Array {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i++) {
      const x = Math.imul(s1, 5);
      out[i] = (Math.imul((x << 7) | (x >>> 25), 9) >>> 0) * TWO_POW_M32;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
    return out;
  }

  /** Uniform on [0, 1) with 53-bit resolution (two draws). */
  uniform53(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6)) / 9007199254740992;
  }

  /** Uniform integer in [0, n) (n ≤ 2³²), by multiply-shift (bias < n/2³²). */
  int(n: number): number {
    return Math.floor(this.nextU32() * TWO_POW_M32 * n);
  }

  /** Exponential with the given mean (inversion: −mean·ln(1 − U)). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform53());
  }

  /** Standard normal (Box–Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.uniform53();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Poisson(mean): Knuth's product method below 30, Hörmann's PTRS transformed rejection above. */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new UsageError(`invalid Poisson mean: ${mean}`);
    if (mean === 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform53();
      while (p > limit) {
        k++;
        p *= this.uniform53();
      }
      return k;
    }
    return this.ptrs(mean);
  }

  /** W. Hörmann (1993), "The transformed rejection method for generating Poisson random variables". */
  private ptrs(lam: number): number {
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform53() - 0.5;
      const v = this.uniform53();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
    }
  }

  /** Binomial(n, p): inversion when n·min(p,1−p) < 20, else Hörmann's BTRS transformed rejection. */
  binomial(n: number, p: number): number {
    if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`invalid binomial n: ${n}`);
    if (!(p >= 0 && p <= 1)) throw new UsageError(`invalid binomial p: ${p}`);
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n === 0 || p === 0) return 0;
    if (n * p < 20) return this.binomialInversion(n, p);
    return this.btrs(n, p);
  }

  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const s = p / q;
    const a = (n + 1) * s;
    for (;;) {
      let r = q ** n;
      let u = this.uniform53();
      let x = 0;
      while (u > r) {
        u -= r;
        x++;
        if (x > n) break;
        r *= a / x - s;
      }
      if (x <= n) return x;
    }
  }

  /** W. Hörmann (1993), "The generation of binomial random variates", algorithm BTRS. */
  private btrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const lpq = Math.log(p / q);
    const m = Math.floor((n + 1) * p);
    const h = logGamma(m + 1) + logGamma(n - m + 1);
    for (;;) {
      const u = this.uniform53() - 0.5;
      let v = this.uniform53();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = Math.log((v * alpha) / (a / (us * us) + b));
      if (v <= h - logGamma(k + 1) - logGamma(n - k + 1) + (k - m) * lpq) return k;
    }
  }
}

export { logGamma } from './log-gamma.js';
