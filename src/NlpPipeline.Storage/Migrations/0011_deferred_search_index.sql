-- Schema 11: passages are indexed for full-text search after they are stored, not inside the write transaction.
-- Migration 0008's insert trigger folded and tokenised every passage while its document was being written (about
-- 90 % of the cost of storing a passage). Now a new passage is only noted in passage_search_pending, and
-- PassageSearchIndex (NlpPipeline.Storage.Search) indexes the pending passages in bulk, with the text folded in C#
-- by SearchFolding.Fold, the same function that folds queries. Ingest and import run it when they finish, and
-- every search (nlp query, export with --text) runs it first, so a search never misses a stored passage.
-- Passages already stored were indexed by migration 0008's trigger, so none is pending after this migration.

DROP TRIGGER passages_fts_insert;
DROP TRIGGER passages_fts_delete;
DROP TRIGGER passages_fts_update_old;
DROP TRIGGER passages_fts_update_new;

-- Passages stored but not yet in passages_fts. A plain rowid table: ids arrive in increasing order, so each
-- insert appends to the last page.
CREATE TABLE passage_search_pending (
    passage_id INTEGER PRIMARY KEY
);

CREATE TRIGGER passages_search_pending_insert AFTER INSERT ON passages BEGIN
    INSERT INTO passage_search_pending (passage_id) VALUES (new.id);
END;

-- An indexed passage leaves the index with the words it was indexed with (external content: FTS5 needs them to
-- delete; passage_search_text folds exactly as SearchFolding.Fold, a test keeps the two equal). A pending one only
-- leaves the pending list.
CREATE TRIGGER passages_fts_delete BEFORE DELETE ON passages
WHEN NOT EXISTS (SELECT 1 FROM passage_search_pending WHERE passage_id = old.id) BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) SELECT 'delete', id, text FROM passage_search_text WHERE id = old.id;
END;
CREATE TRIGGER passages_search_pending_delete AFTER DELETE ON passages BEGIN
    DELETE FROM passage_search_pending WHERE passage_id = old.id;
END;

-- A changed text leaves the index as above and is indexed again, by the next indexing step.
CREATE TRIGGER passages_fts_update_old BEFORE UPDATE OF id, text ON passages
WHEN NOT EXISTS (SELECT 1 FROM passage_search_pending WHERE passage_id = old.id) BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) SELECT 'delete', id, text FROM passage_search_text WHERE id = old.id;
END;
CREATE TRIGGER passages_fts_update_new AFTER UPDATE OF id, text ON passages BEGIN
    DELETE FROM passage_search_pending WHERE passage_id = old.id;
    INSERT OR IGNORE INTO passage_search_pending (passage_id) VALUES (new.id);
END;
