-- The best chain as read from a live source (node JSON-RPC or REST, Esplora, blk files): one row
-- per height, with the coinbase kept so that blocks can be re-attributed without refetching.
CREATE TABLE chain_blocks (
  height                  INTEGER PRIMARY KEY,
  hash                    VARCHAR NOT NULL,
  prev_hash               VARCHAR NOT NULL,
  time_sec                BIGINT NOT NULL,
  bits                    BIGINT NOT NULL,   -- compact target from the header (u32)
  version                 BIGINT NOT NULL,   -- header version (signed 32-bit)
  tx_count                INTEGER NOT NULL,
  coinbase_scriptsig_hex  VARCHAR NOT NULL,
  payout_addresses        VARCHAR NOT NULL,  -- coinbase output addresses in output order, ';'-separated
  coinbase_txid           VARCHAR,
  ingest_id               INTEGER NOT NULL
);

-- How each chain block was attributed, per label source (`chain:mempool`, …): what
-- `needsReattribution` needs to decide, after a rule change, which blocks to redo.
CREATE TABLE chain_attributions (
  source         VARCHAR NOT NULL,
  height         INTEGER NOT NULL,
  pool_id        INTEGER,
  pool_name      VARCHAR NOT NULL,
  pool_slug      VARCHAR NOT NULL,
  method         VARCHAR NOT NULL,
  matched_rule   VARCHAR,
  matches        VARCHAR NOT NULL,  -- JSON [{"slug","name","method","rule"}] in rule order
  rules_version  VARCHAR NOT NULL,
  PRIMARY KEY (source, height)
);

-- Rule sets used for chain labels, by version: a JSON snapshot of their rules (enough to diff a
-- later version against).
CREATE TABLE rule_sets (
  version   VARCHAR PRIMARY KEY,
  kind      VARCHAR NOT NULL,
  snapshot  VARCHAR NOT NULL
);
