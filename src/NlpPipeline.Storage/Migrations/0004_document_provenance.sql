-- Schema 4: where each document's publication time came from and whether it is trusted, what kind of
-- duplicate a duplicate is, and the near-duplicate index (MinHash LSH band keys of original documents).

ALTER TABLE documents ADD COLUMN date_source TEXT;           -- feed | json_ld | meta | time_element | url_path | none; NULL: stored before schema 4 with a date, origin not recorded
ALTER TABLE documents ADD COLUMN date_detail TEXT;           -- which one: meta key, JSON-LD type, URL pattern, time element
ALTER TABLE documents ADD COLUMN date_flag TEXT;             -- ok | undated | future (over a day after fetch) | too_old (before 1990)
ALTER TABLE documents ADD COLUMN duplicate_kind TEXT;        -- exact (same content hash) | near (shingle similarity); NULL for originals
ALTER TABLE documents ADD COLUMN duplicate_similarity REAL;  -- Jaccard similarity of word 4-shingles to duplicate_of (1 for exact)
ALTER TABLE documents ADD COLUMN fingerprint_words INTEGER;  -- words when fingerprinted for near-duplicates; NULL: not yet (older rows are indexed by the next ingest)

UPDATE documents SET date_flag = CASE
    WHEN published_utc IS NULL THEN 'undated'
    WHEN published_utc < '1990-01-01T00:00:00.000Z' THEN 'too_old'
    WHEN julianday(published_utc) > julianday(fetched_at) + 1 THEN 'future'
    ELSE 'ok' END;
UPDATE documents SET date_source = 'none' WHERE published_utc IS NULL;
UPDATE documents SET duplicate_kind = 'exact', duplicate_similarity = 1.0 WHERE duplicate_of IS NOT NULL;

-- One row per band of each original document long enough to compare; a new document's candidates are the
-- documents sharing any of its band keys (an indexed lookup, not a scan of every stored text).
CREATE TABLE document_bands (
    band_key    INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;
CREATE INDEX document_bands_document ON document_bands(document_id);
CREATE INDEX documents_unfingerprinted ON documents(id) WHERE fingerprint_words IS NULL AND duplicate_of IS NULL;
