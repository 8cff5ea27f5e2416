-- Bulk tables without PRIMARY KEY indexes: DuckDB maintains an ART index per key, which made bulk
-- ingest and checkpoints several times slower. Uniqueness of (height) and (source, height) is kept
-- by the writers, which merge through staging tables (update matching rows, insert the others)
-- inside one transaction; the store contract tests check it.
CREATE TABLE blocks_v3 (
  height     INTEGER NOT NULL,
  hash       VARCHAR,
  time_sec   BIGINT,
  time_from  VARCHAR
);
INSERT INTO blocks_v3 SELECT height, hash, time_sec, time_from FROM blocks;
DROP TABLE blocks;
ALTER TABLE blocks_v3 RENAME TO blocks;

CREATE TABLE block_labels_v3 (
  source         VARCHAR NOT NULL,
  height         INTEGER NOT NULL,
  label          VARCHAR NOT NULL,
  rules_version  VARCHAR NOT NULL,
  ingest_id      INTEGER NOT NULL
);
INSERT INTO block_labels_v3 SELECT source, height, label, rules_version, ingest_id FROM block_labels;
DROP TABLE block_labels;
ALTER TABLE block_labels_v3 RENAME TO block_labels;
