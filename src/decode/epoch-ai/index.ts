/**
 * @module Epoch AI decoders (pure): rows of each database, organisation aliases.
 */
export * from './rows.js';
export * from './dates.js';
export * from './models.js';
export * from './clusters.js';
export * from './operating-clusters.js';
export * from './chip-estimates.js';
export * from './hardware.js';
export * from './data-centres.js';
export * from './organisation-rules.js';
export * from './organisations.js';
