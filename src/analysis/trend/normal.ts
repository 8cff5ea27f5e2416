/**
 * @module Standard normal distribution function for trend-test p-values: Marsaglia's Taylor series
 * Φ(z) = ½ + φ(z)·(z + z³/3 + z⁵/(3·5) + …) (G. Marsaglia 2004, "Evaluating the Normal Distribution",
 * J. Stat. Software 11(4)), absolute error about 1e-15 for |z| < 8; beyond that the tail is below 1e-15.
 */

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < -8) return 0;
  if (z > 8) return 1;
  let sum = z;
  let term = z;
  const z2 = z * z;
  for (let i = 3; ; i += 2) {
    term *= z2 / i;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + sum * Math.exp(-0.5 * z2 - 0.91893853320467274178);
}

/** Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)). */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
