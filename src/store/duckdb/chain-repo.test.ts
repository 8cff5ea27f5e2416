/**
 * The chain tables of the DuckDB store: the shared chain contract (test/contracts/chain-store.contract.ts),
 * which the PostgreSQL store runs too. (Atomicity under SIGKILL: pipeline/sync-chain-crash.test.ts.)
 */
import { runChainStoreContract } from '../../../test/contracts/chain-store.contract.js';
import { openDuckDbStore } from './duckdb-store.js';

runChainStoreContract('DuckDB (memory)', () => openDuckDbStore(':memory:'));
