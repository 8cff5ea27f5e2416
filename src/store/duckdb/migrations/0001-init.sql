-- Blocks known to the store: one row per height (a chain fact, shared by all sources).
CREATE TABLE blocks (
  height     INTEGER PRIMARY KEY,
  hash       VARCHAR,
  time_sec   BIGINT,
  time_from  VARCHAR          -- source that supplied the time
);

-- Every ingest run that committed: what was read, from where, with which rules.
CREATE TABLE ingests (
  id             INTEGER PRIMARY KEY,
  source         VARCHAR NOT NULL,
  kind           VARCHAR NOT NULL,
  input          VARCHAR NOT NULL,
  sha256         VARCHAR NOT NULL,
  rules_version  VARCHAR NOT NULL,
  description    VARCHAR NOT NULL,
  granularity    VARCHAR NOT NULL,
  rows           INTEGER NOT NULL,
  skipped        INTEGER NOT NULL,
  inserted       INTEGER NOT NULL,
  updated        INTEGER NOT NULL,
  unchanged      INTEGER NOT NULL,
  finished_at    TIMESTAMP NOT NULL
);

-- Pool label per block per source (each source kept separately, so disagreements can be shown).
CREATE TABLE block_labels (
  source         VARCHAR NOT NULL,
  height         INTEGER NOT NULL,
  label          VARCHAR NOT NULL,
  rules_version  VARCHAR NOT NULL,
  ingest_id      INTEGER NOT NULL,
  PRIMARY KEY (source, height)
);

-- Day-granular sources: blocks per entity per UTC day.
CREATE TABLE daily_counts (
  source         VARCHAR NOT NULL,
  day_sec        BIGINT NOT NULL,
  entity         VARCHAR NOT NULL,
  blocks         INTEGER NOT NULL,
  rules_version  VARCHAR NOT NULL,
  ingest_id      INTEGER NOT NULL,
  PRIMARY KEY (source, day_sec, entity)
);
