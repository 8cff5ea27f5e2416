/**
 * @module Nakamoto coefficient: τ-index at 0.5 — the smallest number of largest entities whose
 * combined share is ≥ 50% (pinned; equal to `tau-index=0.5`). `nakamoto-coefficient-strict`
 * requires > 50% (a strict majority, the literal 51%-attack reading).
 */
import { parseFraction } from './exact.js';
import type { Metric } from './metric.js';
import { tauIndex } from './tau-index.js';

const half = parseFraction('0.5', 'threshold');

export const nakamotoCoefficient: Metric = {
  id: 'nakamoto-coefficient',
  description: 'Smallest number of largest entities whose combined share is ≥ 50% (= tau-index=0.5).',
  range: [1, null],
  compute: (s) => tauIndex(s, half, false),
};

export const nakamotoCoefficientStrict: Metric = {
  id: 'nakamoto-coefficient-strict',
  description: 'Smallest number of largest entities whose combined share is > 50% (strict majority).',
  range: [1, null],
  compute: (s) => tauIndex(s, half, true),
};
