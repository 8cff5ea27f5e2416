/**
 * @module A "weights over entities" distribution: the one input every metric takes.
 * Bitcoin blocks per pool, TAO stake per coldkey, H100e per company all become this.
 */

/** Weights per entity. Zero weights are allowed: they mark known-but-inactive members of a population. */
export interface Distribution {
  readonly labels: readonly string[];
  readonly weights: ArrayLike<number>;
}

/** Weights sorted in descending order, validated (finite, ≥ 0). What metric functions receive. */
export interface SortedWeights {
  /** Descending, finite, non-negative. Zero weights (population members) sit at the end. */
  readonly w: Float64Array;
  /** Sum of weights. */
  readonly total: number;
  /** Number of entries with weight > 0. */
  readonly active: number;
  /** True when every weight is a safe integer: metrics then use exact integer arithmetic. */
  readonly integral: boolean;
}
