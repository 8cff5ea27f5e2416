-- PostgreSQL dialect of store/duckdb/migrations/0002-chain.sql.

-- The best chain as read from a live source (node JSON-RPC or REST, Esplora, blk files): one row
-- per height, with the coinbase kept so that blocks can be re-attributed without refetching.
CREATE TABLE chain_blocks (
  height                  INTEGER PRIMARY KEY,
  hash                    TEXT COLLATE "C" NOT NULL,
  prev_hash               TEXT COLLATE "C" NOT NULL,
  time_sec                BIGINT NOT NULL,
  bits                    BIGINT NOT NULL,   -- compact target from the header (u32)
  version                 BIGINT NOT NULL,   -- header version (signed 32-bit)
  tx_count                INTEGER NOT NULL,
  coinbase_scriptsig_hex  TEXT COLLATE "C" NOT NULL,
  payout_addresses        TEXT COLLATE "C" NOT NULL,  -- coinbase output addresses in output order, ';'-separated
  coinbase_txid           TEXT COLLATE "C",
  ingest_id               INTEGER NOT NULL
);

-- How each chain block was attributed, per label source (`chain:mempool`, …).
CREATE TABLE chain_attributions (
  source         TEXT COLLATE "C" NOT NULL,
  height         INTEGER NOT NULL,
  pool_id        INTEGER,
  pool_name      TEXT COLLATE "C" NOT NULL,
  pool_slug      TEXT COLLATE "C" NOT NULL,
  method         TEXT COLLATE "C" NOT NULL,
  matched_rule   TEXT COLLATE "C",
  matches        TEXT NOT NULL,  -- JSON [{"slug","name","method","rule"}] in rule order, kept as written
  rules_version  TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (source, height)
);
CREATE INDEX chain_attributions_height ON chain_attributions (height);

-- Rule sets used for chain labels, by version: a JSON snapshot of their rules.
CREATE TABLE rule_sets (
  version   TEXT COLLATE "C" PRIMARY KEY,
  kind      TEXT COLLATE "C" NOT NULL,
  snapshot  TEXT NOT NULL
);
