/** The shipped rule sets, by name (the files are read by sources/attribution-rules/load.ts). */
export const RULE_SET_NAMES = ['mempool', 'bitcoin-data', 'edi'] as const;
export type RuleSetName = (typeof RULE_SET_NAMES)[number];
