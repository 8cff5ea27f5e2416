-- AI snapshots (Bittensor metagraphs and subnet tables, Hugging Face samples and trending lists,
-- Epoch AI files): the decoded, validated content of each snapshot with its observation time, so
-- that distributions read every ingested snapshot as a time series of stocks.
CREATE TABLE snapshots (
  dataset    VARCHAR NOT NULL,  -- bittensor-metagraph, bittensor-subnets, hf-models, hf-trending, epoch-ai
  subject    VARCHAR NOT NULL,  -- sn1, all, a sample name, a file path
  time_sec   BIGINT NOT NULL,   -- observation time, UTC seconds (block time for chain data)
  block      BIGINT,            -- chain block, when chain data
  format     VARCHAR NOT NULL,  -- format of body
  sha256     VARCHAR NOT NULL,  -- content hash of body
  body       VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,  -- store source id (listed by `nakamoto sources`)
  ingest_id  INTEGER NOT NULL,
  PRIMARY KEY (dataset, subject, time_sec)
);
