using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>
/// Annotation batches, annotators' labels and adjudications (schema 9). A passage can be sampled when its
/// document is not a duplicate, nobody has labelled or adjudicated it, and it is in no open batch. An import
/// is one transaction; one row per (passage, annotator), a newer label from the same annotator replacing the older.
/// </summary>
public sealed class AnnotationStore(NlpDatabase db)
{
    private const string CandidateColumns = """
        SELECT p.id, p.language, d.source_id, s.source_kind, d.published_utc, d.published_offset_minutes, d.fetched_at,
               x.intent_probs, x.topics, x.topic_probs, x.sentiment_probs, x.intent, x.sentiment
        FROM passages p
        JOIN documents d ON d.id = p.document_id
        JOIN sources s ON s.id = d.source_id
        JOIN predictions x ON x.passage_id = p.id AND x.model_version = $v
        """;

    /// <summary>
    /// Passages that may be sampled, with their prediction from <paramref name="modelVersion"/> (passages without one are
    /// left out), in passage id order. Streamed and without their text, so a store of millions of passages can be
    /// sampled: keep what each row is needed for, and read the text of those considered with <see cref="PassageText"/>.
    /// </summary>
    public IEnumerable<StoredCandidate> Candidates(string modelVersion, Language? language, DateTimeOffset? from, DateTimeOffset? to)
    {
        using var cmd = db.Command(CandidateColumns + """

            WHERE d.duplicate_of IS NULL
              AND ($lang IS NULL OR p.language = $lang)
              AND ($from IS NULL OR (d.published_utc IS NOT NULL AND d.published_utc >= $from))
              AND ($to IS NULL OR (d.published_utc IS NOT NULL AND d.published_utc < $to))
              AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.passage_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM adjudications j WHERE j.passage_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM annotation_batch_items i JOIN annotation_batches b ON b.id = i.batch_id
                              WHERE i.passage_id = p.id AND b.closed_at IS NULL)
            ORDER BY p.id
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        cmd.Parameters.AddWithValue("$lang", language is { } l ? l.ToWire() : DBNull.Value);
        cmd.Parameters.AddWithValue("$from", from is { } f ? SqlTime.Format(f) : DBNull.Value);
        cmd.Parameters.AddWithValue("$to", to is { } t ? SqlTime.Format(t) : DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return ReadCandidate(r, modelVersion);
    }

    /// <summary>The given passages as <see cref="Candidates"/> reads them (those without a prediction from the model are left out), in the order given.</summary>
    public IReadOnlyList<StoredCandidate> CandidatesById(string modelVersion, IEnumerable<long> passageIds)
    {
        using var cmd = db.Command(CandidateColumns + "\nWHERE p.id = $id");
        cmd.Parameters.AddWithValue("$v", modelVersion);
        var id = cmd.Parameters.Add("$id", SqliteType.Integer);
        var list = new List<StoredCandidate>();
        foreach (var passageId in passageIds)
        {
            id.Value = passageId;
            using var r = cmd.ExecuteReader();
            if (r.Read()) list.Add(ReadCandidate(r, modelVersion));
        }
        return list;
    }

    private static StoredCandidate ReadCandidate(SqliteDataReader r, string modelVersion)
    {
        var scores = new PassageScores(modelVersion,
            LabelNames.Intents.Parse(r.GetString(11)), ProbabilityJson.Read(r.GetString(7), LabelNames.Intents),
            ProbabilityJson.ReadList(r.GetString(8), LabelNames.Topics), ProbabilityJson.Read(r.GetString(9), LabelNames.Topics),
            LabelNames.Sentiments.Parse(r.GetString(12)), ProbabilityJson.Read(r.GetString(10), LabelNames.Sentiments));
        return new StoredCandidate(r.GetInt64(0), LabelNames.Languages.Parse(r.GetString(1)), r.GetString(2),
            LabelNames.SourceKinds.Parse(r.GetString(3)),
            SqlTime.Published(r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5)),
            SqlTime.Parse(r.GetString(6)), scores);
    }

    /// <summary>Records a batch and its passages (in row order) in one transaction; returns its id.</summary>
    public long CreateBatch(string strategy, string paramsJson, string? modelVersion, IReadOnlyList<(long PassageId, double Uncertainty)> items)
    {
        using var tx = db.Connection.BeginTransaction();
        long id;
        using (var cmd = db.Command("INSERT INTO annotation_batches (created_at, strategy, params_json, model_version) VALUES ($t, $s, $p, $m) RETURNING id", tx))
        {
            cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
            cmd.Parameters.AddWithValue("$s", strategy);
            cmd.Parameters.AddWithValue("$p", paramsJson);
            cmd.Parameters.AddWithValue("$m", (object?)modelVersion ?? DBNull.Value);
            id = (long)cmd.ExecuteScalar()!;
        }
        using (var cmd = db.Command("INSERT INTO annotation_batch_items (batch_id, passage_id, position, uncertainty) VALUES ($b, $p, $i, $u)", tx))
        {
            var b = cmd.Parameters.AddWithValue("$b", id);
            var p = cmd.Parameters.Add("$p", SqliteType.Integer);
            var i = cmd.Parameters.Add("$i", SqliteType.Integer);
            var u = cmd.Parameters.Add("$u", SqliteType.Real);
            for (var k = 0; k < items.Count; k++)
            {
                p.Value = items[k].PassageId;
                i.Value = k + 1;
                u.Value = Math.Round(items[k].Uncertainty, 6);
                cmd.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return id;
    }

    public BatchInfo? FindBatch(long id) => Batches(id).FirstOrDefault();

    /// <summary>Every batch (or the one given), newest first, with item, labelled-item and annotator counts.</summary>
    public IReadOnlyList<BatchInfo> Batches(long? only = null)
    {
        using var cmd = db.Command("""
            SELECT b.id, b.created_at, b.strategy, b.params_json, b.model_version, b.closed_at,
                   (SELECT count(*) FROM annotation_batch_items i WHERE i.batch_id = b.id),
                   (SELECT count(DISTINCT a.passage_id) FROM annotations a WHERE a.batch_id = b.id),
                   (SELECT group_concat(DISTINCT a.annotator) FROM annotations a WHERE a.batch_id = b.id)
            FROM annotation_batches b WHERE ($id IS NULL OR b.id = $id) ORDER BY b.id DESC
            """);
        cmd.Parameters.AddWithValue("$id", (object?)only ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var list = new List<BatchInfo>();
        while (r.Read())
            list.Add(new BatchInfo(r.GetInt64(0), SqlTime.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : SqlTime.Parse(r.GetString(5)), r.GetInt32(6), r.GetInt32(7),
                r.IsDBNull(8) ? [] : r.GetString(8).Split(',').Order(StringComparer.Ordinal).ToList()));
        return list;
    }

    /// <summary>The passages of a batch with their identified language.</summary>
    public IReadOnlyDictionary<long, Language> BatchPassages(long batchId)
    {
        using var cmd = db.Command("SELECT p.id, p.language FROM annotation_batch_items i JOIN passages p ON p.id = i.passage_id WHERE i.batch_id = $b");
        cmd.Parameters.AddWithValue("$b", batchId);
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<long, Language>();
        while (r.Read()) map[r.GetInt64(0)] = LabelNames.Languages.Parse(r.GetString(1));
        return map;
    }

    /// <summary>Closes a batch: its passages nobody labelled may be sampled again. False when there is no such open batch.</summary>
    public bool CloseBatch(long id)
    {
        using var cmd = db.Command("UPDATE annotation_batches SET closed_at = $t WHERE id = $id AND closed_at IS NULL");
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Imports one annotator's labels for a batch in one transaction. The same file from the same annotator a
    /// second time changes nothing; a passage this annotator labelled before gets the new labels when they differ.
    /// </summary>
    public AnnotationImportOutcome Import(long batchId, string annotator, string fileName, string fileSha256, IReadOnlyList<AnnotationInput> rows)
    {
        using var tx = db.Connection.BeginTransaction();
        using (var seen = db.Command("SELECT imported_at FROM annotation_imports WHERE annotator = $a AND file_sha256 = $h", tx))
        {
            seen.Parameters.AddWithValue("$a", annotator);
            seen.Parameters.AddWithValue("$h", fileSha256);
            if (seen.ExecuteScalar() is string at) return new AnnotationImportOutcome(null, 0, 0, rows.Count, SqlTime.Parse(at));
        }
        var now = SqlTime.Format(db.Time.GetUtcNow());
        long importId;
        using (var cmd = db.Command("""
            INSERT INTO annotation_imports (batch_id, annotator, file_name, file_sha256, imported_at, added, replaced, unchanged)
            VALUES ($b, $a, $f, $h, $t, 0, 0, 0) RETURNING id
            """, tx))
        {
            cmd.Parameters.AddWithValue("$b", batchId);
            cmd.Parameters.AddWithValue("$a", annotator);
            cmd.Parameters.AddWithValue("$f", fileName);
            cmd.Parameters.AddWithValue("$h", fileSha256);
            cmd.Parameters.AddWithValue("$t", now);
            importId = (long)cmd.ExecuteScalar()!;
        }
        int added = 0, replaced = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var existing = Existing(row.PassageId, annotator, tx);
            if (existing is { } e && e.Labels.Equals(row.Labels) && e.Note == row.Note) { unchanged++; continue; }
            using var cmd = db.Command("""
                INSERT INTO annotations (passage_id, annotator, batch_id, import_id, annotated_at, language, intent, topics, sentiment, note, source_file_sha256)
                VALUES ($p, $a, $b, $i, $t, $l, $in, $to, $s, $n, $h)
                ON CONFLICT(passage_id, annotator) DO UPDATE SET batch_id = $b, import_id = $i, annotated_at = $t, language = $l,
                    intent = $in, topics = $to, sentiment = $s, note = $n, source_file_sha256 = $h
                """, tx);
            cmd.Parameters.AddWithValue("$p", row.PassageId);
            cmd.Parameters.AddWithValue("$a", annotator);
            cmd.Parameters.AddWithValue("$b", batchId);
            cmd.Parameters.AddWithValue("$i", importId);
            cmd.Parameters.AddWithValue("$t", now);
            AddLabels(cmd, row.Labels, row.Note);
            cmd.Parameters.AddWithValue("$h", fileSha256);
            cmd.ExecuteNonQuery();
            if (existing is null) added++; else replaced++;
        }
        using (var cmd = db.Command("UPDATE annotation_imports SET added = $ad, replaced = $re, unchanged = $un WHERE id = $id", tx))
        {
            cmd.Parameters.AddWithValue("$ad", added);
            cmd.Parameters.AddWithValue("$re", replaced);
            cmd.Parameters.AddWithValue("$un", unchanged);
            cmd.Parameters.AddWithValue("$id", importId);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return new AnnotationImportOutcome(importId, added, replaced, unchanged, null);
    }

    private (AnnotationLabels Labels, string? Note)? Existing(long passageId, string annotator, SqliteTransaction tx)
    {
        using var cmd = db.Command("SELECT language, intent, topics, sentiment, note FROM annotations WHERE passage_id = $p AND annotator = $a", tx);
        cmd.Parameters.AddWithValue("$p", passageId);
        cmd.Parameters.AddWithValue("$a", annotator);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (ReadLabels(r, 0), r.IsDBNull(4) ? null : r.GetString(4)) : null;
    }

    /// <summary>Every annotator's labels, of one batch's passages or of all.</summary>
    public IReadOnlyList<AnnotatorLabels> Annotations(long? batchId = null)
    {
        using var cmd = db.Command("""
            SELECT a.passage_id, a.annotator, a.language, a.intent, a.topics, a.sentiment FROM annotations a
            WHERE $b IS NULL OR a.passage_id IN (SELECT passage_id FROM annotation_batch_items WHERE batch_id = $b)
            ORDER BY a.passage_id, a.annotator
            """);
        cmd.Parameters.AddWithValue("$b", (object?)batchId ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var list = new List<AnnotatorLabels>();
        while (r.Read()) list.Add(new AnnotatorLabels(r.GetInt64(0), r.GetString(1), ReadLabels(r, 2)));
        return list;
    }

    /// <summary>The passage's text, or null when no such passage is stored.</summary>
    public string? PassageText(long passageId)
    {
        using var cmd = db.Command("SELECT text FROM passages WHERE id = $p");
        cmd.Parameters.AddWithValue("$p", passageId);
        return cmd.ExecuteScalar() as string;
    }

    public Language? PassageLanguage(long passageId)
    {
        using var cmd = db.Command("SELECT language FROM passages WHERE id = $p");
        cmd.Parameters.AddWithValue("$p", passageId);
        return cmd.ExecuteScalar() is string s ? LabelNames.Languages.Parse(s) : null;
    }

    /// <summary>Records (or replaces) adjudicated labels, all in one transaction.</summary>
    public void Resolve(IReadOnlyList<AnnotationInput> rows, string adjudicator)
    {
        using var tx = db.Connection.BeginTransaction();
        foreach (var row in rows)
        {
            using var cmd = db.Command("""
                INSERT INTO adjudications (passage_id, adjudicator, resolved_at, language, intent, topics, sentiment, note)
                VALUES ($p, $a, $t, $l, $in, $to, $s, $n)
                ON CONFLICT(passage_id) DO UPDATE SET adjudicator = $a, resolved_at = $t, language = $l, intent = $in, topics = $to, sentiment = $s, note = $n
                """, tx);
            cmd.Parameters.AddWithValue("$p", row.PassageId);
            cmd.Parameters.AddWithValue("$a", adjudicator);
            cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
            AddLabels(cmd, row.Labels, row.Note);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public IReadOnlySet<long> Adjudicated()
    {
        using var cmd = db.Command("SELECT passage_id FROM adjudications");
        using var r = cmd.ExecuteReader();
        var set = new HashSet<long>();
        while (r.Read()) set.Add(r.GetInt64(0));
        return set;
    }

    public long CountAnnotations()
    {
        using var cmd = db.Command("SELECT (SELECT count(*) FROM annotations) + (SELECT count(*) FROM adjudications)");
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Every passage that has an annotation or an adjudication, in passage id order.</summary>
    public IReadOnlyList<AnnotatedStoredPassage> AnnotatedPassages()
    {
        var annotations = Annotations().GroupBy(a => a.PassageId).ToDictionary(g => g.Key, g => g.Select(a => (a.Annotator, a.Labels)).ToList());
        var adjudications = new Dictionary<long, (AnnotationLabels, string, string?)>();
        using (var cmd = db.Command("SELECT passage_id, language, intent, topics, sentiment, adjudicator, note FROM adjudications"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) adjudications[r.GetInt64(0)] = (ReadLabels(r, 1), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));
        var ids = annotations.Keys.Union(adjudications.Keys).Order().ToList();
        var list = new List<AnnotatedStoredPassage>();
        using var info = db.Command("""
            SELECT d.canonical_url, p.ordinal, p.text, s.source_kind FROM passages p JOIN documents d ON d.id = p.document_id
            JOIN sources s ON s.id = d.source_id WHERE p.id = $p
            """);
        var param = info.Parameters.Add("$p", SqliteType.Integer);
        foreach (var id in ids)
        {
            param.Value = id;
            using var r = info.ExecuteReader();
            if (!r.Read()) continue;
            (AnnotationLabels, string)? adjudication = adjudications.TryGetValue(id, out var a) ? (a.Item1, a.Item2) : null;
            list.Add(new AnnotatedStoredPassage(id, r.GetString(0), r.GetInt32(1), r.GetString(2), LabelNames.SourceKinds.Parse(r.GetString(3)),
                annotations.GetValueOrDefault(id) ?? [], adjudication, adjudications.TryGetValue(id, out var n) ? n.Item3 : null));
        }
        return list;
    }

    private static void AddLabels(SqliteCommand cmd, AnnotationLabels labels, string? note)
    {
        cmd.Parameters.AddWithValue("$l", labels.Language.ToWire());
        cmd.Parameters.AddWithValue("$in", labels.Intent.ToWire());
        cmd.Parameters.AddWithValue("$to", ProbabilityJson.WriteList(labels.Topics, LabelNames.Topics));
        cmd.Parameters.AddWithValue("$s", labels.Sentiment.ToWire());
        cmd.Parameters.AddWithValue("$n", (object?)note ?? DBNull.Value);
    }

    /// <summary>Language, intent, topics, sentiment from four consecutive columns starting at <paramref name="at"/>.</summary>
    private static AnnotationLabels ReadLabels(SqliteDataReader r, int at) =>
        new(LabelNames.Languages.Parse(r.GetString(at)), LabelNames.Intents.Parse(r.GetString(at + 1)),
            ProbabilityJson.ReadList(r.GetString(at + 2), LabelNames.Topics), LabelNames.Sentiments.Parse(r.GetString(at + 3)));
}
