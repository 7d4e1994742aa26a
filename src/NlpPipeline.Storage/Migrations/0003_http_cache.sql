-- Schema 3: HTTP cache validators per URL (a feed's ETag and Last-Modified), sent back as
-- If-None-Match / If-Modified-Since so an unchanged feed answers 304 and costs no parsing.
-- Values are the header values exactly as the server sent them. fetch_log.outcome now holds one of the
-- fetch outcome wire names (ok, not_modified, redirect, http_error, ...); rows written before this
-- schema say ok or error.
CREATE TABLE http_cache (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    updated_at    TEXT NOT NULL,
    CHECK (etag IS NOT NULL OR last_modified IS NOT NULL)
);
