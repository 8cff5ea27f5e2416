/**
 * @module The catalogue of distributions: every "weights per entity over time" the tool can measure,
 * with its unit, entity kind, aggregation and how to load it. `nakamoto distributions` lists it and
 * `nakamoto metrics <id>` looks ids up here.
 */
import { didYouMean } from '../domain/suggest.js';
import { NotFoundError } from '../domain/errors.js';
import type { DistributionEntry } from './distribution-entry.js';
import { bitcoinPools } from './bitcoin-pools-entry.js';
import { epochEntries, snapshotDistributionEntries } from './ai-catalogue.js';
import { cbeciEntry } from './cbeci-catalogue.js';
import { economicsEntries } from './economics-catalogue.js';
import { energyEntries } from './energy-catalogue.js';

export type { DistributionEntry, LoadContext } from './distribution-entry.js';

const entries: readonly DistributionEntry[] = [bitcoinPools, cbeciEntry, ...epochEntries, ...energyEntries, ...economicsEntries, ...snapshotDistributionEntries];

export function listDistributions(): readonly DistributionEntry[] {
  return entries;
}

export function getDistribution(id: string): DistributionEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new NotFoundError(`invalid distribution: ${id}${didYouMean(id, entries.map((x) => x.id))} (known: ${entries.map((x) => x.id).join(', ')}; or \`file <csv>\`)`);
  return e;
}
