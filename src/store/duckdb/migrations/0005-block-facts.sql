-- Per-block facts from Blockchair's dumps (issue #11): header version, coinbase scriptSig,
-- transaction count, weight, fees and reward. One row per height; each file supplies its own
-- columns (NULL = not supplied), merged column by column. No key index (bulk speed, as 0003): the
-- writer keeps height unique by merging through a staging table inside one transaction.
CREATE TABLE block_facts (
  height         INTEGER NOT NULL,
  version        BIGINT,
  scriptsig_hex  VARCHAR,
  tx_count       INTEGER,
  weight         INTEGER,
  fee_sat        BIGINT,
  reward_sat     BIGINT,
  ingest_id      INTEGER NOT NULL
);
