-- Schema 6: posts imported with `nlp import` (Telegram Desktop exports, JSONL and CSV dumps).
-- Authors are never stored: only a keyed hash (HMAC-SHA256) of the platform and the author's id or name.

-- Database-wide settings. 'author_key' holds this database's random key for author hashes (hex) when
-- NLP_AUTHOR_SALT is not set; 'author_key_check' a fingerprint of the key in use, so hashes made with
-- two different keys never mix in one database.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per import of a file.
CREATE TABLE imports (
    id             INTEGER PRIMARY KEY,
    source_id      TEXT NOT NULL REFERENCES sources(id),
    format         TEXT NOT NULL,             -- telegram-json | jsonl | csv
    file_name      TEXT NOT NULL,
    file_sha256    TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    posts          INTEGER NOT NULL DEFAULT 0,
    documents_new  INTEGER NOT NULL DEFAULT 0,
    already_stored INTEGER NOT NULL DEFAULT 0,
    duplicates     INTEGER NOT NULL DEFAULT 0,
    skipped        INTEGER NOT NULL DEFAULT 0
);

-- Where an imported document came from, written in the document's own transaction.
CREATE TABLE imported_posts (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    platform    TEXT NOT NULL,
    post_id     TEXT NOT NULL,
    author_hash TEXT                         -- hex HMAC-SHA256; NULL when the post names no author
);
CREATE INDEX imported_posts_author ON imported_posts(author_hash);
