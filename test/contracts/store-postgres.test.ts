/**
 * The Store contracts (datasets and chain tables) against a real PostgreSQL server: the same
 * suites the DuckDB store runs. Each store is a fresh database on a throwaway server
 * (test/helpers/postgres-server.ts); without PostgreSQL binaries or DATABASE_URL this file fails.
 */
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { usePostgres } from '../helpers/postgres-server.js';
import { runBlockchairIngestContract } from './blockchair-ingest.contract.js';
import { runChainStoreContract } from './chain-store.contract.js';
import { runStoreContract } from './store.contract.js';
import { runSnapshotStoreContract } from './snapshot-store.contract.js';

const pg = usePostgres();
const open = async () => openPostgresStore(await pg.freshDatabase());

runStoreContract('PostgreSQL', open);
runChainStoreContract('PostgreSQL', open);
runSnapshotStoreContract('PostgreSQL', open);
runBlockchairIngestContract('PostgreSQL', open);
