-- Schema 2: the language identifier's confidence (0–1) beside each passage's and document's language.
-- Rows stored before this migration have NULL: their confidence was not recorded.
ALTER TABLE passages ADD COLUMN language_confidence REAL;
ALTER TABLE documents ADD COLUMN language_confidence REAL;
