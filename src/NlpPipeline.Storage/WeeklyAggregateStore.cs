using System.Globalization;
using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>
/// The <c>weekly_aggregates</c> table (schema 7): per model version, ISO week (in <see cref="Zone"/>), source,
/// passage language and date trust, the counts and sums of a weekly series. <see cref="PredictionStore.Save"/>
/// keeps it up to date in the same transaction as the predictions (a replaced prediction is subtracted first), so a
/// report adds up a few hundred thousand rows at most, whatever the corpus size. Documents are counted twice over:
/// per language (<c>documents</c>: a document with passages in two languages counts in both) and once
/// (<c>documents_once</c>, in the language of its first scored passage), so totals over languages stay distinct.
/// </summary>
public sealed partial class WeeklyAggregateStore(NlpDatabase db)
{
    /// <summary>The time zone of the stored weeks; a series in another zone is computed by a full scan.</summary>
    public const string Zone = ResearchCalendar.DefaultZoneId;

    private const string ZoneKey = "weekly_aggregates_zone";

    private static readonly ResearchCalendar Calendar = ResearchCalendar.Almaty;

    /// <summary>Counting columns in the order of <see cref="Delta"/>: documents, documents_once, passages, the two score sums,
    /// then sentiments, intents and topics in LABELS.md order.</summary>
    internal static readonly IReadOnlyList<string> Columns =
    [
        "documents", "documents_once", "passages", "score_micro", "score_sq_micro2",
        .. LabelNames.Sentiments.Names.Select(n => "sentiment_" + n),
        .. LabelNames.Intents.Names.Select(n => "intent_" + n),
        .. LabelNames.Topics.Names.Select(n => "topic_" + n),
    ];

    private const int LabelStart = 5;

    /// <summary>Whether the table holds every prediction (it does unless the database had predictions before schema 7).</summary>
    public bool IsBuilt
    {
        get
        {
            using var cmd = db.Command("SELECT value FROM settings WHERE key = $k");
            cmd.Parameters.AddWithValue("$k", ZoneKey);
            return cmd.ExecuteScalar() as string == Zone;
        }
    }

    /// <summary>Fills the table from the predictions if it is not complete; returns whether it had to.</summary>
    public bool EnsureBuilt(CancellationToken ct = default)
    {
        if (IsBuilt) return false;
        Rebuild(ct);
        return true;
    }

    /// <summary>Recomputes the whole table from the predictions, in one transaction.</summary>
    public void Rebuild(CancellationToken ct = default)
    {
        using var tx = db.Connection.BeginTransaction();
        using (var clear = db.Command("DELETE FROM weekly_aggregates", tx)) clear.ExecuteNonQuery();
        var deltas = new Dictionary<Bucket, long[]>();
        using (var cmd = db.Command($"""
            SELECT x.model_version, d.id, d.source_id, CASE WHEN {AnalysisQueries.DateFlag} = 'ok' THEN d.published_utc ELSE d.fetched_at END,
                   {AnalysisQueries.DateFlag} <> 'ok', p.language, x.intent, x.topics, x.sentiment, x.sentiment_score
            FROM predictions x JOIN passages p ON p.id = x.passage_id JOIN documents d ON d.id = p.document_id
            WHERE d.duplicate_of IS NULL
            ORDER BY x.model_version, d.id
            """, tx))
        using (var r = cmd.ExecuteReader())
        {
            (string Version, long Document) current = ("", -1);
            var languages = new HashSet<string>(StringComparer.Ordinal);
            string? week = null;
            while (r.Read())
            {
                ct.ThrowIfCancellationRequested();
                var key = (r.GetString(0), r.GetInt64(1));
                if (key != current)
                {
                    current = key;
                    languages.Clear();
                    week = WeekStart(SqlTime.Parse(r.GetString(3)));
                }
                var language = r.GetString(5);
                var delta = Get(deltas, new Bucket(current.Version, week!, r.GetString(2), language, r.GetBoolean(4)));
                if (languages.Count == 0) delta[1]++;
                if (languages.Add(language)) delta[0]++;
                AddLabels(delta, LabelNames.Sentiments.Parse(r.GetString(8)), LabelNames.Intents.Parse(r.GetString(6)),
                    ProbabilityJson.ReadList(r.GetString(7), LabelNames.Topics), r.GetDouble(9), +1);
            }
        }
        Upsert(deltas, tx);
        using (var mark = db.Command("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v", tx))
        {
            mark.Parameters.AddWithValue("$k", ZoneKey);
            mark.Parameters.AddWithValue("$v", Zone);
            mark.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>
    /// Collects what one batch of predictions changes, passage by passage, before each prediction is written;
    /// <see cref="Batch.Flush"/> adds it to the table. Both run inside the caller's transaction.
    /// </summary>
    internal Batch Begin(SqliteTransaction tx) => new(db, tx);

    internal sealed class Batch : IDisposable
    {
        private readonly SqliteTransaction _tx;
        private readonly SqliteCommand _old, _place, _siblings;
        private readonly Dictionary<Bucket, long[]> _deltas = [];
        private readonly Dictionary<long, (string Week, string Source, bool ByFetch, bool Duplicate)> _documents = [];

        internal Batch(NlpDatabase db, SqliteTransaction tx)
        {
            _tx = tx;
            _old = db.Command("SELECT intent, topics, sentiment, sentiment_score FROM predictions WHERE passage_id = $p AND model_version = $v", tx);
            _place = db.Command($"""
                SELECT p.document_id, p.language, d.source_id, CASE WHEN {AnalysisQueries.DateFlag} = 'ok' THEN d.published_utc ELSE d.fetched_at END,
                       {AnalysisQueries.DateFlag} <> 'ok', d.duplicate_of IS NOT NULL
                FROM passages p JOIN documents d ON d.id = p.document_id WHERE p.id = $p
                """, tx);
            _siblings = db.Command("""
                SELECT count(*), coalesce(sum(p.language = $l), 0) FROM passages p
                JOIN predictions x ON x.passage_id = p.id AND x.model_version = $v
                WHERE p.document_id = $d AND p.id <> $p
                """, tx);
            foreach (var c in new[] { _old, _place, _siblings })
                foreach (var n in new[] { "$p", "$v", "$l", "$d" })
                    if (c.CommandText.Contains(n, StringComparison.Ordinal)) c.Parameters.Add(new SqliteParameter { ParameterName = n });
        }

        /// <summary>Records <paramref name="scores"/> for a passage; call before its prediction is written.</summary>
        public void Record(long passageId, PassageScores scores)
        {
            _place.Parameters["$p"].Value = passageId;
            long document;
            string language;
            (string Week, string Source, bool ByFetch, bool Duplicate) doc;
            using (var r = _place.ExecuteReader())
            {
                if (!r.Read()) throw new InvalidOperationException($"Passage {passageId} does not exist.");
                document = r.GetInt64(0);
                language = r.GetString(1);
                if (!_documents.TryGetValue(document, out doc))
                    _documents[document] = doc = (WeekStart(SqlTime.Parse(r.GetString(3))), r.GetString(2), r.GetBoolean(4), r.GetBoolean(5));
            }
            if (doc.Duplicate) return;
            var delta = Get(_deltas, new Bucket(scores.ModelVersion, doc.Week, doc.Source, language, doc.ByFetch));
            _old.Parameters["$p"].Value = passageId;
            _old.Parameters["$v"].Value = scores.ModelVersion;
            using (var r = _old.ExecuteReader())
            {
                if (r.Read())
                {
                    // A prediction replaced: its labels leave, the new ones arrive; the passage and its document stay counted.
                    AddLabels(delta, LabelNames.Sentiments.Parse(r.GetString(2)), LabelNames.Intents.Parse(r.GetString(0)),
                        ProbabilityJson.ReadList(r.GetString(1), LabelNames.Topics), r.GetDouble(3), -1);
                }
                else
                {
                    _siblings.Parameters["$p"].Value = passageId;
                    _siblings.Parameters["$v"].Value = scores.ModelVersion;
                    _siblings.Parameters["$l"].Value = language;
                    _siblings.Parameters["$d"].Value = document;
                    using var s = _siblings.ExecuteReader();
                    s.Read();
                    if (s.GetInt64(0) == 0) delta[1]++;
                    if (s.GetInt64(1) == 0) delta[0]++;
                }
            }
            AddLabels(delta, scores.Sentiment, scores.Intent, scores.Topics, Math.Round(scores.SentimentScore, 6), +1);
        }

        public void Flush() => Upsert(_deltas, _tx);

        public void Dispose()
        {
            _old.Dispose();
            _place.Dispose();
            _siblings.Dispose();
        }

        private static void Upsert(Dictionary<Bucket, long[]> deltas, SqliteTransaction tx) => WeeklyAggregateStore.Upsert(deltas, tx);
    }

    internal readonly record struct Bucket(string Version, string Week, string Source, string Language, bool ByFetch);

    private static string WeekStart(DateTimeOffset when) => Calendar.WeekOf(when).Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long[] Get(Dictionary<Bucket, long[]> deltas, Bucket bucket)
    {
        if (!deltas.TryGetValue(bucket, out var delta)) deltas[bucket] = delta = new long[Columns.Count];
        return delta;
    }

    private static readonly int[] SentimentColumn = ColumnsOf(LabelNames.Sentiments, LabelStart);
    private static readonly int[] IntentColumn = ColumnsOf(LabelNames.Intents, LabelStart + LabelNames.Sentiments.All.Count);
    private static readonly int[] TopicColumn = ColumnsOf(LabelNames.Topics, LabelStart + LabelNames.Sentiments.All.Count + LabelNames.Intents.All.Count);

    private static int[] ColumnsOf<T>(WireNames<T> table, int start) where T : struct, Enum
    {
        var at = new int[table.All.Count];
        for (var i = 0; i < table.All.Count; i++) at[Convert.ToInt32(table.All[i], CultureInfo.InvariantCulture)] = start + i;
        return at;
    }

    private static void AddLabels(long[] delta, Sentiment sentiment, Intent intent, IReadOnlyList<Topic> topics, double score, int sign)
    {
        var micro = (long)Math.Round(score * 1_000_000);
        delta[2] += sign;
        delta[3] += sign * micro;
        delta[4] += sign * micro * micro;
        delta[SentimentColumn[(int)sentiment]] += sign;
        delta[IntentColumn[(int)intent]] += sign;
        foreach (var t in topics) delta[TopicColumn[(int)t]] += sign;
    }

    private static void Upsert(Dictionary<Bucket, long[]> deltas, SqliteTransaction tx)
    {
        if (deltas.Count == 0) return;
        using var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            INSERT INTO weekly_aggregates (model_version, week_start, source_id, language, dated_by_fetch, {string.Join(", ", Columns)})
            VALUES ($v, $w, $s, $l, $f, {string.Join(", ", Columns.Select((_, i) => "$c" + i))})
            ON CONFLICT (model_version, week_start, source_id, language, dated_by_fetch) DO UPDATE SET
            {string.Join(", ", Columns.Select(c => $"{c} = {c} + excluded.{c}"))}
            """;
        var keys = new[] { "$v", "$w", "$s", "$l", "$f" }.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        var values = Columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter { ParameterName = "$c" + i })).ToArray();
        cmd.Prepare();
        foreach (var (b, delta) in deltas)
        {
            keys[0].Value = b.Version;
            keys[1].Value = b.Week;
            keys[2].Value = b.Source;
            keys[3].Value = b.Language;
            keys[4].Value = b.ByFetch ? 1 : 0;
            for (var i = 0; i < delta.Length; i++) values[i].Value = delta[i];
            cmd.ExecuteNonQuery();
        }
        deltas.Clear();
    }
}
