-- Schema 13: a stored passage is queued for search indexing by the code that stores it, not by a trigger (issue 8).
-- DocumentStore, the only writer of passages, now adds the passages of each write transaction to
-- passage_search_pending with one INSERT … SELECT just before the commit, in the same transaction. The row trigger of
-- migration 0011 made every passage insert run a second insert as a trigger program: measured in the bulk writer at
-- 200,000 passages, dropping it took 11–19 µs of CPU off each passage (a fifth of the writer's time).
-- A passage inserted by other means (plain SQL from another program) is not queued: `nlp db check` counts it among the
-- passages "neither in the search index nor waiting for it", and `nlp db index` queues and indexes it.
-- The delete and update triggers stay: they are rare and keep the index right whatever changes a passage.
DROP TRIGGER passages_search_pending_insert;
