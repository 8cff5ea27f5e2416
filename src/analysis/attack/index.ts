/**
 * @module Attack economics: double-spend races, selfish mining (Eyal–Sirer closed form and the
 * optimal MDP), the hourly cost of a hash share versus its rewards, and the smallest coalitions
 * above attack thresholds. Everything here is pure; see docs/attack-economics.md.
 */
export * from './double-spend.js';
export * from './selfish-mining.js';
export { buildSelfishMiningMdp, evaluatePolicy, honestPolicy, sm1Policy, ACTION_NAMES, type Policy, type SelfishMiningMdp } from './selfish-mining-mdp.js';
export { DEFAULT_TRUNCATION, optimalProfitThreshold, optimalSelfishMining, selfishMiningProfitable, type OptimalSelfishMining } from './optimal-selfish-mining.js';
export * from './cost.js';
export * from './subsidy.js';
export * from './coalitions.js';
export { simulateDoubleSpend, simulateEyalSirer } from './monte-carlo.js';
