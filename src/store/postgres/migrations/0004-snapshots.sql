-- PostgreSQL dialect of store/duckdb/migrations/0004-snapshots.sql (same table, columns and key).
-- AI snapshots: the decoded, validated content of each snapshot with its observation time.
CREATE TABLE snapshots (
  dataset    TEXT COLLATE "C" NOT NULL,
  subject    TEXT COLLATE "C" NOT NULL,
  time_sec   BIGINT NOT NULL,
  block      BIGINT,
  format     TEXT COLLATE "C" NOT NULL,
  sha256     TEXT COLLATE "C" NOT NULL,
  body       TEXT NOT NULL,
  source     TEXT COLLATE "C" NOT NULL,
  ingest_id  INTEGER NOT NULL,
  PRIMARY KEY (dataset, subject, time_sec)
);
