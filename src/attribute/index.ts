/**
 * @module Public surface of the attribution stage (re-exports only).
 */
export { attributeBlock, attributeBlocks, findPool, resolveEntity } from './attribute.js';
export type { AttributeOptions, AttributeManyOptions } from './attribute.js';
export { diffRuleSets, diffOwnershipLinks, needsReattribution } from './diff-rule-sets.js';
export type { RuleSetDiff } from './diff-rule-sets.js';
export { diffAttributions, levelName } from './diff-attributions.js';
export type { AttributionDiff, AttributionLevel, AttributionPairCount } from './diff-attributions.js';
export { coinbaseFromRecord, parseJsonl, parseTimeSec } from './coinbase-rows.js';
export { normalizePoolName, poolSlug } from './names.js';
export { pythonBytesRepr } from './python-repr.js';
export { hexToBytes, hexToLatin1 } from './hex.js';
export { ownerAt } from './ownership/resolve.js';
export { parseOwnershipLinks } from './ownership/parse-links.js';
export { RULE_SET_NAMES, type RuleSetName } from './rules/names.js';
export { parsePoolList } from './rules/parse-pool-list.js';
export { parseEdi } from './rules/parse-edi.js';
export * from './types.js';
