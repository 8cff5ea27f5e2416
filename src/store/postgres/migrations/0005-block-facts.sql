-- PostgreSQL dialect of store/duckdb/migrations/0004-block-facts.sql: per-block facts from
-- Blockchair's dumps (version, scriptSig, transaction count, weight, fees, reward), one row per
-- height, each file supplying its own columns (NULL = not supplied).
CREATE TABLE block_facts (
  height         INTEGER PRIMARY KEY,
  version        BIGINT,
  scriptsig_hex  TEXT COLLATE "C",
  tx_count       INTEGER,
  weight         INTEGER,
  fee_sat        BIGINT,
  reward_sat     BIGINT,
  ingest_id      INTEGER NOT NULL
);
