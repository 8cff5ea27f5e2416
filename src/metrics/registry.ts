/**
 * @module The explicit metric registry: id → Metric. Parameterised metrics take their parameter
 * in the id (`tau-index=0.66`, `concentration-ratio=5`). Unknown ids throw `invalid metric: …`.
 */
import { UsageError } from '../domain/errors.js';
import { createConcentrationRatio, maxShare } from './concentration-ratio.js';
import { entropy, entropyNats, entropyPercentage } from './entropy.js';
import { activeEntities, totalEntities } from './entity-count.js';
import { giniMetric } from './gini.js';
import { hhi, hhiFraction } from './hhi.js';
import type { Metric } from './metric.js';
import { nakamotoCoefficient, nakamotoCoefficientStrict } from './nakamoto-coefficient.js';
import { createTauIndex } from './tau-index.js';
import { theilMetric } from './theil.js';

const plain: readonly Metric[] = [
  hhi,
  hhiFraction,
  nakamotoCoefficient,
  nakamotoCoefficientStrict,
  giniMetric,
  entropy,
  entropyNats,
  entropyPercentage,
  theilMetric,
  totalEntities,
  activeEntities,
  maxShare,
];

const parameterised: Readonly<Record<string, { example: string; create: (param: string) => Metric }>> = {
  'tau-index': { example: 'tau-index=0.66', create: (p) => createTauIndex(p, false) },
  'tau-index-strict': { example: 'tau-index-strict=0.5', create: (p) => createTauIndex(p, true) },
  'concentration-ratio': { example: 'concentration-ratio=5', create: createConcentrationRatio },
};

const byId = new Map(plain.map((m) => [m.id, m]));

/** Look a metric up by id; throws UsageError listing the known ids. */
export function getMetric(id: string): Metric {
  const trimmed = id.trim();
  const found = byId.get(trimmed);
  if (found) return found;
  const eq = trimmed.indexOf('=');
  if (eq > 0) {
    const family = parameterised[trimmed.slice(0, eq)];
    if (family) return family.create(trimmed.slice(eq + 1));
  }
  throw new UsageError(`invalid metric: ${id} (known: ${knownMetricIds().join(', ')})`);
}

/** Every plain id, plus an example of each parameterised family. */
export function knownMetricIds(): string[] {
  return [...plain.map((m) => m.id), ...Object.values(parameterised).map((f) => f.example)];
}

/** The default column set of `nakamoto metrics`, in order (issue #2). */
export const DEFAULT_METRIC_IDS: readonly string[] = [
  'total-entities',
  'hhi',
  'nakamoto-coefficient',
  'gini',
  'entropy',
  'entropy-percentage',
  'theil',
  'concentration-ratio=1',
  'concentration-ratio=3',
  'concentration-ratio=5',
  'tau-index=0.33',
  'tau-index=0.66',
  'max-share',
];

/** Parse a comma-separated list of ids (`hhi,tau-index=0.5`). */
export function parseMetricList(list: string): Metric[] {
  const ids = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (ids.length === 0) throw new UsageError(`invalid metric list: ${JSON.stringify(list)} (expected ids separated by commas)`);
  return ids.map(getMetric);
}
