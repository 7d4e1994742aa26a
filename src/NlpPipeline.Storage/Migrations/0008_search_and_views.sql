-- Schema 8: full-text search over passages, and SQL views for researchers (docs/schema.md).

-- The text the search index holds for each passage: the passage text with the Kazakh-specific letters folded to
-- the letters people type when a keyboard lacks them (ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и) and Russian ё to е,
-- upper and lower case. The tokenizer then folds case and Latin diacritics (remove_diacritics 2: ä→a, ğ→g,
-- ñ→n, ö→o, ū→u, ü→u, ş→s, é→e), so 'қазақ' and 'казак', 'ёлка' and 'елка', 'Qazaqstan' and 'qazaqstan' match
-- each other. Russian й stays apart from и. Each letter becomes one letter, so token positions in the folded text
-- are those of the stored text and snippets highlight the stored text. The query side folds the same way
-- (NlpPipeline.Storage.SearchFolding; a test keeps the two equal).
CREATE VIEW passage_search_text AS
SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(text, 'ә', 'а'), 'Ә', 'А'), 'ғ', 'г'), 'Ғ', 'Г'), 'қ', 'к'), 'Қ', 'К'), 'ң', 'н'), 'Ң', 'Н'), 'ө', 'о'), 'Ө', 'О'), 'ұ', 'у'), 'Ұ', 'У'), 'ү', 'у'), 'Ү', 'У'), 'һ', 'х'), 'Һ', 'Х'), 'і', 'и'), 'І', 'И'), 'ё', 'е'), 'Ё', 'Е') AS text
FROM passages;

-- External-content FTS5 index: the words of passage_search_text, the text itself read from passages (no copy).
-- Rebuild it with: INSERT INTO passages_fts(passages_fts) VALUES ('delete-all');
--                  INSERT INTO passages_fts(rowid, text) SELECT id, text FROM passage_search_text;
-- (not with 'rebuild', which would index the unfolded text).
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text,
    content = 'passages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passage_search_text;

-- Kept in step with passages (also when a document's deletion cascades to its passages).
CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passage_search_text WHERE id = new.id;
END;
CREATE TRIGGER passages_fts_delete BEFORE DELETE ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) SELECT 'delete', id, text FROM passage_search_text WHERE id = old.id;
END;
CREATE TRIGGER passages_fts_update_old BEFORE UPDATE OF id, text ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) SELECT 'delete', id, text FROM passage_search_text WHERE id = old.id;
END;
CREATE TRIGGER passages_fts_update_new AFTER UPDATE OF id, text ON passages BEGIN
    INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passage_search_text WHERE id = new.id;
END;

-- The UTC offset of Asia/Almaty (the research time zone) from each instant on, as in the tz database (2026):
-- +6 with summer time (+7) until 2004, +6 from 2005, +5 from 2024-03-01. SQLite has no time zones of its own;
-- the views below use this table to give local dates. A test checks it against the system's tz rules.
CREATE TABLE almaty_offsets (
    utc_from       TEXT PRIMARY KEY,         -- ISO 8601 UTC instant the offset applies from
    offset_minutes INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO almaty_offsets VALUES
    ('0001-01-01T00:00:00.000Z', 360),
    ('1989-03-25T20:00:00.000Z', 420), ('1989-09-23T20:00:00.000Z', 360),
    ('1990-03-24T20:00:00.000Z', 420), ('1990-09-29T20:00:00.000Z', 360),
    ('1991-03-30T20:00:00.000Z', 360), ('1991-09-28T21:00:00.000Z', 300),
    ('1992-01-18T21:00:00.000Z', 360), ('1992-03-28T20:00:00.000Z', 420), ('1992-09-26T20:00:00.000Z', 360),
    ('1993-03-27T20:00:00.000Z', 420), ('1993-09-25T20:00:00.000Z', 360),
    ('1994-03-26T20:00:00.000Z', 420), ('1994-09-24T20:00:00.000Z', 360),
    ('1995-03-25T20:00:00.000Z', 420), ('1995-09-23T20:00:00.000Z', 360),
    ('1996-03-30T20:00:00.000Z', 420), ('1996-10-26T20:00:00.000Z', 360),
    ('1997-03-29T20:00:00.000Z', 420), ('1997-10-25T20:00:00.000Z', 360),
    ('1998-03-28T20:00:00.000Z', 420), ('1998-10-24T20:00:00.000Z', 360),
    ('1999-03-27T20:00:00.000Z', 420), ('1999-10-30T20:00:00.000Z', 360),
    ('2000-03-25T20:00:00.000Z', 420), ('2000-10-28T20:00:00.000Z', 360),
    ('2001-03-24T20:00:00.000Z', 420), ('2001-10-27T20:00:00.000Z', 360),
    ('2002-03-30T20:00:00.000Z', 420), ('2002-10-26T20:00:00.000Z', 360),
    ('2003-03-29T20:00:00.000Z', 420), ('2003-10-25T20:00:00.000Z', 360),
    ('2004-03-27T20:00:00.000Z', 420), ('2004-10-30T20:00:00.000Z', 360),
    ('2024-02-29T18:00:00.000Z', 300);

-- One row per original story (duplicates left out) with a trusted publication time (date_flag 'ok'), placed
-- in Almaty local time: what a weekly count of documents is made of.
CREATE VIEW documents_dated AS
SELECT d.id AS document_id, d.canonical_url, d.source_id, s.outlet, s.source_kind, d.language, d.title,
       d.published_utc, d.published_offset_minutes,
       datetime(d.published_utc, z.offset_minutes || ' minutes') AS published_local,
       date(d.published_utc, z.offset_minutes || ' minutes') AS local_date
FROM documents d
JOIN sources s ON s.id = d.source_id
JOIN almaty_offsets z ON z.utc_from = (SELECT max(o.utc_from) FROM almaty_offsets o WHERE o.utc_from <= d.published_utc)
WHERE d.duplicate_of IS NULL
  AND coalesce(d.date_flag, CASE WHEN d.published_utc IS NULL THEN 'undated' ELSE 'ok' END) = 'ok';

-- One row per passage and model version that scored it, with its document's metadata and local date (NULL
-- unless the document's publication time is trusted). Duplicates have no passages, so each story counts once.
-- Filter on model_version: two versions must never be mixed in one figure.
CREATE VIEW labelled_passages AS
SELECT p.id AS passage_id, p.document_id, p.ordinal, p.language, p.text,
       x.model_version, x.intent, x.intent_prob, x.topics, x.sentiment, x.sentiment_score,
       x.intent_probs, x.topic_probs, x.sentiment_probs,
       d.canonical_url, d.source_id, s.outlet, s.source_kind, d.language AS document_language,
       d.published_utc, d.published_offset_minutes,
       coalesce(d.date_flag, CASE WHEN d.published_utc IS NULL THEN 'undated' ELSE 'ok' END) AS date_flag,
       dd.published_local, dd.local_date, d.fetched_at
FROM predictions x
JOIN passages p ON p.id = x.passage_id
JOIN documents d ON d.id = p.document_id
JOIN sources s ON s.id = d.source_id
LEFT JOIN documents_dated dd ON dd.document_id = d.id
WHERE d.duplicate_of IS NULL;
