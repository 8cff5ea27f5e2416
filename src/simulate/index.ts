/**
 * @module Public surface of the simulators: scenario loading, the replicate runner and sweeps,
 * the closed forms the simulators are checked against, and the seeded PRNG.
 */
export { Rng } from '../random/prng.js';
export { bestResponseDynamics, tullockEquilibrium } from './oligopoly.js';
export { forkProbability, honestRaceApprox, selfishRevenue, selfishThreshold } from './race-analytic.js';
export { simulateHonestRace, type RaceCounts } from './race-honest.js';
export { simulateSelfishRace } from './race-selfish.js';
export { parseScenario, validateScenario } from './scenario-load.js';
export type { AiMarketScenario, IndustryScenario, RaceScenario, Scenario } from './scenario-schema.js';
export { prepareScenario, type PreparedScenario, type ScenarioInputs } from './prepare.js';
export { createExecutor, runPrepared, runScenario, type RunOptions, type RunResult } from './runner.js';
export { sweep, type SweepPoint } from './sweep.js';
export { summarize, type Band, type Summary } from './summary.js';
export type { ReplicateResult } from './record.js';
export { sharesToObservations } from './observations.js';
