using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>
/// Stores model outputs per (passage, model version) and finds passages a model has not scored yet.
/// Passages of duplicate documents are never scored (they have none).
/// </summary>
public sealed class PredictionStore(NlpDatabase db)
{
    public void RegisterModel(ModelRecord model)
    {
        using var cmd = db.Command("""
            INSERT INTO models (version, created_at, training_data_sha256, intent_threshold, metrics_json, registered_at)
            VALUES ($v, $c, $h, $t, $m, $r)
            ON CONFLICT(version) DO NOTHING
            """);
        cmd.Parameters.AddWithValue("$v", model.Version);
        cmd.Parameters.AddWithValue("$c", SqlTime.Format(model.CreatedAt));
        cmd.Parameters.AddWithValue("$h", model.TrainingDataSha256);
        cmd.Parameters.AddWithValue("$t", model.IntentThreshold);
        cmd.Parameters.AddWithValue("$m", model.MetricsJson);
        cmd.Parameters.AddWithValue("$r", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.ExecuteNonQuery();
    }

    public long CountUnscored(string modelVersion)
    {
        using var cmd = db.Command("""
            SELECT count(*) FROM passages p
            WHERE NOT EXISTS (SELECT 1 FROM predictions x WHERE x.passage_id = p.id AND x.model_version = $v)
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// The next batch of passages without a prediction from <paramref name="modelVersion"/>, oldest first, with ids above
    /// <paramref name="afterId"/> (a caller that has settled every passage up to an id passes it, so the scan starts there),
    /// each with the kind of its document's source (the classifier reads it), found in the same query.
    /// </summary>
    public IReadOnlyList<(long PassageId, string Text, SourceKind Kind)> NextUnscored(string modelVersion, int batchSize, long afterId = 0)
    {
        using var cmd = db.Command("""
            SELECT p.id, p.text, s.source_kind FROM passages p
            JOIN documents d ON d.id = p.document_id JOIN sources s ON s.id = d.source_id
            WHERE p.id > $after AND NOT EXISTS (SELECT 1 FROM predictions x WHERE x.passage_id = p.id AND x.model_version = $v)
            ORDER BY p.id LIMIT $n
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        cmd.Parameters.AddWithValue("$n", batchSize);
        cmd.Parameters.AddWithValue("$after", afterId);
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string, SourceKind)>();
        // A store has a handful of sources: each kind's wire name is parsed once.
        SourceKind? last = null;
        string? lastWire = null;
        while (r.Read())
        {
            var wire = r.GetString(2);
            if (wire != lastWire) (lastWire, last) = (wire, LabelNames.SourceKinds.Parse(wire));
            list.Add((r.GetInt64(0), r.GetString(1), last!.Value));
        }
        return list;
    }

    /// <summary>
    /// Saves a batch of predictions in one transaction, with the weekly aggregates they change
    /// (<see cref="WeeklyAggregateStore"/>): a prediction and its share of the weekly figures are never apart.
    /// </summary>
    public void Save(IReadOnlyList<(long PassageId, PassageScores Scores)> batch)
    {
        if (batch.Count == 0) return;
        using var tx = db.Connection.BeginTransaction();
        var aggregates = new WeeklyAggregateStore(db).Begin(tx);
        aggregates.Record(batch);
        using var insert = new PositionalStatement(db.Connection, """
            INSERT OR REPLACE INTO predictions (passage_id, model_version, intent, intent_prob, intent_probs, topics, topic_probs,
                                                sentiment, sentiment_probs, sentiment_score, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """);
        insert.Bind(11, SqlTime.Format(db.Time.GetUtcNow()));
        // Text goes in as UTF-8 from reused buffers (the JSON) or encoded once per batch (labels, version): no string
        // and no UTF-8 copy per row. A value stays bound until it is bound again, so the version is bound when it changes.
        var json = new ProbabilityJson.Writer();
        var wire = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[] Utf8(string text)
        {
            if (!wire.TryGetValue(text, out var bytes)) wire[text] = bytes = System.Text.Encoding.UTF8.GetBytes(text);
            return bytes;
        }
        string? version = null;
        foreach (var (passageId, s) in batch)
        {
            insert.Bind(1, passageId);
            if (s.ModelVersion != version) insert.Bind(2, Utf8(version = s.ModelVersion));
            insert.Bind(3, Utf8(s.Intent.ToWire()));
            insert.Bind(4, (double)s.IntentProbs[s.Intent]);
            insert.Bind(5, json.WriteUtf8(s.IntentProbs, LabelNames.Intents));
            insert.Bind(6, json.WriteListUtf8(s.Topics, LabelNames.Topics));
            insert.Bind(7, json.WriteUtf8(s.TopicProbs, LabelNames.Topics));
            insert.Bind(8, Utf8(s.Sentiment.ToWire()));
            insert.Bind(9, json.WriteUtf8(s.SentimentProbs, LabelNames.Sentiments));
            insert.Bind(10, Math.Round(s.SentimentScore, 6));
            insert.Execute();
        }
        aggregates.Flush();
        tx.Commit();
    }

    /// <summary>
    /// The model reports use: the version of the latest completed <c>classify --reclassify</c> run, else the most
    /// recently registered model that has predictions; a version whose roll-out is still under way (an interrupted
    /// reclassification) comes last, so half-relabelled data never reaches a report while another version has
    /// predictions. Null when nothing is scored.
    /// </summary>
    public ModelRecord? LatestScoringModel()
    {
        using var cmd = db.Command("""
            SELECT m.version, m.created_at, m.training_data_sha256, m.intent_threshold, m.metrics_json FROM models m
            WHERE EXISTS (SELECT 1 FROM predictions x WHERE x.model_version = m.version)
            ORDER BY EXISTS (SELECT 1 FROM reclassify_runs r WHERE r.model_version = m.version AND r.status = 'running'),
                     (SELECT max(r.finished_at) FROM reclassify_runs r WHERE r.model_version = m.version AND r.status = 'completed') DESC NULLS LAST,
                     m.registered_at DESC, m.version DESC LIMIT 1
            """);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new ModelRecord(r.GetString(0), SqlTime.Parse(r.GetString(1)), r.GetString(2), r.GetDouble(3), r.GetString(4)) : null;
    }

    public ModelRecord? FindModel(string version)
    {
        using var cmd = db.Command("SELECT version, created_at, training_data_sha256, intent_threshold, metrics_json FROM models WHERE version = $v");
        cmd.Parameters.AddWithValue("$v", version);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new ModelRecord(r.GetString(0), SqlTime.Parse(r.GetString(1)), r.GetString(2), r.GetDouble(3), r.GetString(4)) : null;
    }

    /// <summary>Every model version with stored predictions and how many passages each has scored, oldest registration first.</summary>
    public IReadOnlyList<(string Version, long Passages)> ScoredVersions()
    {
        using var cmd = db.Command("""
            SELECT m.version, (SELECT count(*) FROM predictions x WHERE x.model_version = m.version) AS n FROM models m
            WHERE n > 0 ORDER BY m.registered_at, m.version
            """);
        using var r = cmd.ExecuteReader();
        var list = new List<(string, long)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetInt64(1)));
        return list;
    }
}
