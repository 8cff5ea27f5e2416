/**
 * @module Shared fast-check generators for metric tests. Float weights are 0 or normal doubles:
 * the independent oracles in the tests compute naively (means, differences), which is inexact in
 * the subnormal range (below 2.2e-308), while the engine rescales such inputs — the engine's own
 * handling of extreme magnitudes is tested separately with exact expectations.
 */
import fc from 'fast-check';

export function weightDouble(max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max, noNaN: true }));
}
