-- PostgreSQL dialect of store/duckdb/migrations/0007-chain-economics.sql.
-- Per-block economics of synced chain blocks (issue #12): the coinbase output total (claimed
-- subsidy + fees) and the BIP141 weight, decoded from the block bytes by the chain sync. NULL for
-- rows synced before this migration (re-sync those heights to fill them).
ALTER TABLE chain_blocks ADD COLUMN coinbase_value_sat BIGINT;
ALTER TABLE chain_blocks ADD COLUMN weight INTEGER;
