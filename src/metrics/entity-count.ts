/**
 * @module Entity counts: `total-entities` counts every entity in the distribution, zero-weight
 * population members included; `active-entities` counts only those with weight > 0.
 */
import { isEmpty, populationSize, type Metric } from './metric.js';

export const totalEntities: Metric = {
  id: 'total-entities',
  description: 'Number of entities, zero-weight population members included.',
  range: [1, null],
  compute: (s) => (isEmpty(s) ? null : populationSize(s)),
};

export const activeEntities: Metric = {
  id: 'active-entities',
  description: 'Number of entities with weight > 0.',
  range: [1, null],
  compute: (s) => (isEmpty(s) ? null : s.active),
};
