-- Schema 12: cheaper near-duplicate band index for bulk loads (issue 8).
-- document_bands(document_id) served only the ON DELETE CASCADE from documents, and nothing deletes documents; it
-- cost an index entry per band row (24 per original document). Without it, deleting a document still removes its
-- band rows (the cascade then scans document_bands).
DROP INDEX IF EXISTS document_bands_document;

-- Band keys of documents stored by a bulk load (DocumentStore.SaveAll) that are not yet in document_bands: written in
-- the document's own transaction (24 keys as 192 bytes, little-endian, in band order), appended in id order, so a bulk
-- load does not insert 24 random rows into document_bands per document. The loader keeps the same keys in memory for
-- its lookups and moves them into document_bands sorted by key, once per few million rows, then deletes them here.
-- Rows left by a killed load are moved by the next save of any kind before it looks up anything, so a near-duplicate
-- decision is always made against every stored original.
CREATE TABLE document_bands_staged (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    band_keys   BLOB NOT NULL
);
