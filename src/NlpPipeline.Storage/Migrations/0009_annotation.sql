-- Schema 9: annotation batches, annotators' labels, adjudications, and reclassification runs.
-- Labels are LABELS.md wire names; topic lists are JSON arrays of wire names in LABELS.md order.

-- One row per `nlp annotate sample`: how the passages were chosen and with which model's predictions.
-- A batch is open until `nlp annotate close` (its passages that nobody labelled are then free to be sampled again).
CREATE TABLE annotation_batches (
    id            INTEGER PRIMARY KEY,
    created_at    TEXT NOT NULL,
    strategy      TEXT NOT NULL,              -- uncertainty | random | stratified
    params_json   TEXT NOT NULL,              -- n, seed, language, from, to, caps
    model_version TEXT,                       -- the model whose predictions ranked the passages and are shown as pred_*
    closed_at     TEXT
);

CREATE TABLE annotation_batch_items (
    batch_id    INTEGER NOT NULL REFERENCES annotation_batches(id),
    passage_id  INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,             -- row order in the batch file, from 1
    uncertainty REAL,                         -- the combined uncertainty the sampler saw (0 certain .. 1 undecided)
    PRIMARY KEY (batch_id, passage_id)
);
CREATE INDEX annotation_batch_items_passage ON annotation_batch_items(passage_id);

-- One row per imported file and annotator; the same file imported again by the same annotator is recognised by its hash.
CREATE TABLE annotation_imports (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES annotation_batches(id),
    annotator   TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    added       INTEGER NOT NULL,
    replaced    INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    UNIQUE (annotator, file_sha256)
);

-- An annotator's labels for a passage. One row per (passage, annotator): a later file from the same annotator
-- with other labels for the passage replaces the row (annotated_at and import_id then name the newer file).
CREATE TABLE annotations (
    id                 INTEGER PRIMARY KEY,
    passage_id         INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    annotator          TEXT NOT NULL,
    batch_id           INTEGER NOT NULL REFERENCES annotation_batches(id),
    import_id          INTEGER NOT NULL REFERENCES annotation_imports(id),
    annotated_at       TEXT NOT NULL,
    language           TEXT NOT NULL,
    intent             TEXT NOT NULL,
    topics             TEXT NOT NULL,
    sentiment          TEXT NOT NULL,
    note               TEXT,
    source_file_sha256 TEXT NOT NULL,
    UNIQUE (passage_id, annotator)
);
CREATE INDEX annotations_batch ON annotations(batch_id);

-- The adjudicated labels of a passage (`nlp annotate resolve`); they win over every annotator's.
CREATE TABLE adjudications (
    passage_id  INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
    adjudicator TEXT NOT NULL,
    resolved_at TEXT NOT NULL,
    language    TEXT NOT NULL,
    intent      TEXT NOT NULL,
    topics      TEXT NOT NULL,
    sentiment   TEXT NOT NULL,
    note        TEXT
);

-- `nlp classify --reclassify`: relabelling every stored passage with the promoted model. Progress is the
-- predictions table itself (one row per passage and model version), so a killed run resumes where it stopped;
-- this row says which version is being rolled out and when the roll-out finished. Reports use the version of
-- the latest completed run (see PredictionStore.LatestScoringModel).
CREATE TABLE reclassify_runs (
    id              INTEGER PRIMARY KEY,
    model_version   TEXT NOT NULL REFERENCES models(version),
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    status          TEXT NOT NULL,            -- running | completed
    passages_total  INTEGER NOT NULL,         -- passages without a prediction from the version when the run (first) started
    passages_scored INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reclassify_runs_version ON reclassify_runs(model_version);
