/**
 * @module Epoch AI source: file reading, series builders per distribution, distribution ids and files, loader.
 */
export * from './paths.js';
export * from './read.js';
export * from './aliases.js';
export * from './attribute-organisations.js';
export * from './model-series.js';
export * from './compute-owners-series.js';
export * from './cluster-series.js';
export * from './ids.js';
export * from './load.js';
