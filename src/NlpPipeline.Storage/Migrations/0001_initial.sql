-- Schema 1: the spine. Instants are ISO 8601 UTC text ("2022-01-05T08:30:00.000Z"), so they sort;
-- the publisher's own offset is kept beside the published instant, in minutes.

CREATE TABLE sources (
    id            TEXT PRIMARY KEY,
    outlet        TEXT NOT NULL,
    kind          TEXT NOT NULL,              -- feed | page | telegram
    source_kind   TEXT NOT NULL,              -- news | social
    url           TEXT NOT NULL,
    language_hint TEXT,
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL
);

CREATE TABLE ingestion_runs (
    id                 INTEGER PRIMARY KEY,
    started_at         TEXT NOT NULL,
    finished_at        TEXT,
    status             TEXT NOT NULL,         -- running | completed | failed
    sources_ok         INTEGER NOT NULL DEFAULT 0,
    sources_failed     INTEGER NOT NULL DEFAULT 0,
    documents_new      INTEGER NOT NULL DEFAULT 0,
    documents_existing INTEGER NOT NULL DEFAULT 0,
    documents_duplicate INTEGER NOT NULL DEFAULT 0,
    passages           INTEGER NOT NULL DEFAULT 0,
    errors             INTEGER NOT NULL DEFAULT 0,
    summary_json       TEXT
);

CREATE TABLE fetch_log (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER REFERENCES ingestion_runs(id),
    source_id  TEXT REFERENCES sources(id),
    url        TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status     INTEGER,
    outcome    TEXT NOT NULL,                 -- ok | error
    detail     TEXT,
    bytes      INTEGER NOT NULL,
    elapsed_ms INTEGER NOT NULL
);
CREATE INDEX fetch_log_run ON fetch_log(run_id);

CREATE TABLE documents (
    id                       INTEGER PRIMARY KEY,
    canonical_url            TEXT NOT NULL UNIQUE,
    fetched_url              TEXT NOT NULL,
    source_id                TEXT NOT NULL REFERENCES sources(id),
    run_id                   INTEGER REFERENCES ingestion_runs(id),
    fetched_at               TEXT NOT NULL,
    published_utc            TEXT,
    published_offset_minutes INTEGER,
    title                    TEXT,
    text                     TEXT NOT NULL,
    language                 TEXT NOT NULL,
    content_hash             TEXT NOT NULL,
    duplicate_of             INTEGER REFERENCES documents(id)
);
CREATE INDEX documents_fetched_url ON documents(fetched_url);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_published ON documents(published_utc);

CREATE TABLE passages (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    language    TEXT NOT NULL,
    UNIQUE (document_id, ordinal)
);

CREATE TABLE models (
    version             TEXT PRIMARY KEY,
    created_at          TEXT NOT NULL,
    training_data_sha256 TEXT NOT NULL,
    intent_threshold    REAL NOT NULL,
    metrics_json        TEXT NOT NULL,
    registered_at       TEXT NOT NULL
);

CREATE TABLE predictions (
    passage_id      INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    model_version   TEXT NOT NULL REFERENCES models(version),
    intent          TEXT NOT NULL,
    intent_prob     REAL NOT NULL,
    intent_probs    TEXT NOT NULL,            -- JSON {label: p}, every intent label
    topics          TEXT NOT NULL,            -- JSON [label], topics above their thresholds
    topic_probs     TEXT NOT NULL,            -- JSON {label: p}, every topic label
    sentiment       TEXT NOT NULL,
    sentiment_probs TEXT NOT NULL,            -- JSON {label: p}
    sentiment_score REAL NOT NULL,            -- P(positive) - P(negative)
    created_at      TEXT NOT NULL,
    PRIMARY KEY (passage_id, model_version)
);
CREATE INDEX predictions_model ON predictions(model_version);

CREATE TABLE events (
    name        TEXT PRIMARY KEY,
    start_date  TEXT NOT NULL,                -- inclusive local date (research time zone)
    end_date    TEXT,                         -- inclusive local date; NULL for an open-ended wave
    description TEXT
);
