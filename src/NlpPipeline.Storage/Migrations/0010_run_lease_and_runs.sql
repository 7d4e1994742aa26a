-- Schema 10: one run at a time, and every run recorded.
-- run_lease holds at most one row: the process that may write now. It is taken with BEGIN IMMEDIATE,
-- renewed by a heartbeat, and taken over when its process is gone or its heartbeat has gone stale.
CREATE TABLE run_lease (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    token           TEXT NOT NULL,            -- random per acquisition; only its holder renews or releases it
    pid             INTEGER NOT NULL,
    host            TEXT NOT NULL,
    process_started TEXT,                     -- the holder's process start time (UTC), to tell a reused pid apart
    command         TEXT NOT NULL,            -- ingest | import | classify | schedule | db vacuum
    run_id          INTEGER REFERENCES ingestion_runs(id),
    started_at      TEXT NOT NULL,
    heartbeat_at    TEXT NOT NULL
);

-- Runs of every writing command, not only ingest: what ran, with which model, and why it failed.
ALTER TABLE ingestion_runs ADD COLUMN command TEXT NOT NULL DEFAULT 'ingest';
ALTER TABLE ingestion_runs ADD COLUMN model_version TEXT;
ALTER TABLE ingestion_runs ADD COLUMN passages_scored INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ingestion_runs ADD COLUMN error TEXT;
ALTER TABLE ingestion_runs ADD COLUMN pid INTEGER;
ALTER TABLE ingestion_runs ADD COLUMN host TEXT;
