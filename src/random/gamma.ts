/**
 * @module Gamma and Dirichlet sampling on top of any uniform/normal source (Marsaglia & Tsang 2000,
 * "A simple method for generating gamma variables", ACM TOMS 26(3); shape < 1 via the boost
 * x·U^{1/a}). Pure given the random source.
 */

export interface UniformNormalSource {
  uniform(): number;
  normal(): number;
}

/** One Gamma(shape, 1) draw, shape > 0. */
export function sampleGamma(rng: UniformNormalSource, shape: number): number {
  if (shape < 1) {
    const u = rng.uniform();
    return sampleGamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Fill `out` with one Dirichlet(alpha) draw (normalised gammas). */
export function sampleDirichlet(rng: UniformNormalSource, alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < alpha.length; i++) {
    const g = sampleGamma(rng, alpha[i]!);
    out[i] = g;
    sum += g;
  }
  for (let i = 0; i < alpha.length; i++) out[i]! /= sum;
  return out;
}
