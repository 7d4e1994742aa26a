-- Schema 7: weekly aggregates kept up to date as predictions are saved, and each event's country.

-- Per model version, ISO week, source, passage language and date trust: the counts and sums a weekly series
-- needs (a mean with its interval needs n, the sum and the sum of squares), so a report adds up at most a few
-- hundred thousand rows instead of scanning every prediction. Weeks are ISO weeks in the time zone named by
-- settings 'weekly_aggregates_zone' (Asia/Almaty); the key is written only when the table holds every
-- prediction, so a database that had predictions before this schema is filled by its first report.
-- A document is placed by its publication time when trusted (date_flag 'ok'), else by its fetch time
-- (dated_by_fetch = 1). Duplicates have no passages, so they never reach this table.
-- Sentiment scores are kept in millionths (predictions.sentiment_score is stored to six decimals), so sums
-- are exact integers and the table always equals a recomputation from the predictions.
CREATE TABLE weekly_aggregates (
    model_version   TEXT NOT NULL REFERENCES models(version),
    week_start      TEXT NOT NULL,            -- Monday of the ISO week, yyyy-MM-dd
    source_id       TEXT NOT NULL REFERENCES sources(id),
    language        TEXT NOT NULL,            -- the passages' language
    dated_by_fetch  INTEGER NOT NULL,         -- 0: trusted publication time; 1: placed by fetch time
    documents       INTEGER NOT NULL DEFAULT 0,   -- documents with a scored passage in this language
    documents_once  INTEGER NOT NULL DEFAULT 0,   -- each document once across languages (sum over languages = documents)
    passages        INTEGER NOT NULL DEFAULT 0,
    score_micro     INTEGER NOT NULL DEFAULT 0,   -- sum of sentiment_score * 1e6
    score_sq_micro2 INTEGER NOT NULL DEFAULT 0,   -- sum of (sentiment_score * 1e6)^2
    sentiment_negative         INTEGER NOT NULL DEFAULT 0,
    sentiment_neutral          INTEGER NOT NULL DEFAULT 0,
    sentiment_positive         INTEGER NOT NULL DEFAULT 0,
    intent_none                INTEGER NOT NULL DEFAULT 0,
    intent_discussion          INTEGER NOT NULL DEFAULT 0,
    intent_considering         INTEGER NOT NULL DEFAULT 0,
    intent_planning            INTEGER NOT NULL DEFAULT 0,
    intent_departed            INTEGER NOT NULL DEFAULT 0,
    intent_staying             INTEGER NOT NULL DEFAULT 0,
    topic_corruption           INTEGER NOT NULL DEFAULT 0,
    topic_governance           INTEGER NOT NULL DEFAULT 0,
    topic_jobs                 INTEGER NOT NULL DEFAULT 0,
    topic_wages_prices         INTEGER NOT NULL DEFAULT 0,
    topic_inequality           INTEGER NOT NULL DEFAULT 0,
    topic_education            INTEGER NOT NULL DEFAULT 0,
    topic_human_rights         INTEGER NOT NULL DEFAULT 0,
    topic_security             INTEGER NOT NULL DEFAULT 0,
    topic_ethnic_tension       INTEGER NOT NULL DEFAULT 0,
    topic_language_policy      INTEGER NOT NULL DEFAULT 0,
    topic_uncertainty          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model_version, week_start, source_id, language, dated_by_fetch)
) WITHOUT ROWID;

-- A database without predictions has nothing to aggregate: the (empty) table is complete.
INSERT INTO settings (key, value) SELECT 'weekly_aggregates_zone', 'Asia/Almaty' WHERE NOT EXISTS (SELECT 1 FROM predictions);

-- Where an event happened: ISO 3166-1 alpha-2 (KZ, RU); NULL when not recorded.
ALTER TABLE events ADD COLUMN country TEXT;
