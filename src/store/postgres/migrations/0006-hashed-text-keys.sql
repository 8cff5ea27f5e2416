-- Free-text key columns are keyed on their SHA-256, not on the text itself. A B-tree index entry
-- holds at most 2,704 bytes (after compression), and the EDI daily file names unattributed blocks by
-- their reward addresses joined by `/` (up to 6,812 characters): such an entity could not be stored
-- while `entity` was part of daily_counts' primary key. The text stays whole in its column (never
-- truncated, so entities are never merged); the key holds sha256(UTF-8 bytes), a generated column,
-- so every row has it and writers cannot get it wrong. Distinct texts with one SHA-256 would be a
-- collision of SHA-256 itself. PostgreSQL only: DuckDB's indexes have no such limit, and its
-- bulk tables carry no key indexes (its 0003).

-- UTF-8 bytes of a text, whatever the database encoding: convert_to is STABLE only because the
-- conversion is looked up at run time; for a given database and text its result never changes.
CREATE FUNCTION nakamoto_text_key(t TEXT) RETURNS BYTEA
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT pg_catalog.sha256(pg_catalog.convert_to(t, 'UTF8')) $$;

-- Day-granular counts: one row per (source, day, entity), the entity by its key.
ALTER TABLE daily_counts DROP CONSTRAINT daily_counts_pkey;
ALTER TABLE daily_counts ADD COLUMN entity_key BYTEA NOT NULL GENERATED ALWAYS AS (nakamoto_text_key(entity)) STORED;
ALTER TABLE daily_counts ADD PRIMARY KEY (source, day_sec, entity_key);

-- AI snapshots: one per (dataset, subject, time), the subject (a user's Hub query, say) by its key.
ALTER TABLE snapshots DROP CONSTRAINT snapshots_pkey;
ALTER TABLE snapshots ADD COLUMN subject_key BYTEA NOT NULL GENERATED ALWAYS AS (nakamoto_text_key(subject)) STORED;
ALTER TABLE snapshots ADD PRIMARY KEY (dataset, subject_key, time_sec);

-- Ingest records are found by (source, file hash); a source name holds a snapshot subject
-- (`hf-models:<query>`), so the index is on the file hash alone (a handful of rows per hash).
DROP INDEX ingests_source_sha256;
CREATE INDEX ingests_sha256 ON ingests (sha256);
