-- Schema 5: social sources and source health.
-- A telegram channel's reading position; a position belongs to one preview URL, so a source that is
-- pointed at another channel starts afresh.
CREATE TABLE telegram_state (
    source_id       TEXT PRIMARY KEY REFERENCES sources(id),
    channel_url     TEXT NOT NULL,
    last_message_id INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);

-- What every source did in every run: the basis of `nlp sources health`.
CREATE TABLE source_runs (
    run_id        INTEGER NOT NULL REFERENCES ingestion_runs(id),
    source_id     TEXT NOT NULL REFERENCES sources(id),
    finished_at   TEXT NOT NULL,
    status        TEXT NOT NULL,              -- ok | failed
    new_items     INTEGER NOT NULL,           -- documents stored for the first time (duplicates included)
    error_class   TEXT,                       -- e.g. http_404, timeout, feed_unreadable, telegram_markup
    error_message TEXT,
    PRIMARY KEY (source_id, run_id)
);

-- A disabled source is skipped by ingest until `nlp sources enable ID`.
ALTER TABLE sources ADD COLUMN disabled_at TEXT;
ALTER TABLE sources ADD COLUMN disabled_reason TEXT;
-- Re-enabling starts the failure streak afresh: failed runs up to this run id no longer count.
ALTER TABLE sources ADD COLUMN streak_reset_run INTEGER;

-- What a social-media post carries beside its text.
CREATE TABLE post_metadata (
    document_id        INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    channel            TEXT NOT NULL,
    message_id         INTEGER NOT NULL,
    views              INTEGER,
    forwarded_from     TEXT,
    forwarded_from_url TEXT,
    links              TEXT NOT NULL          -- JSON array of absolute URLs
);
