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
    /// Collects what one batch of predictions changes, before the predictions are written;
    /// <see cref="Batch.Flush"/> adds it to the table. Both run inside the caller's transaction.
    /// </summary>
    internal Batch Begin(SqliteTransaction tx) => new(db, tx);

    /// <summary>
    /// The changes of one batch, found with set-based look-ups (where each passage sits, which passages already
    /// have a prediction from the version, how many passages of each document are scored per language) instead of
    /// three queries per passage; the passages are then counted in batch order, exactly as one at a time would count them.
    /// </summary>
    internal sealed class Batch(NlpDatabase db, SqliteTransaction tx)
    {
        private readonly Dictionary<Bucket, long[]> _deltas = [];

        private readonly record struct Place(long Document, string Language, string Week, string Source, bool ByFetch, bool Duplicate);

        private readonly record struct Labels(Intent Intent, IReadOnlyList<Topic> Topics, Sentiment Sentiment, double Score);

        /// <summary>Records a batch of predictions; call before they are written.</summary>
        public void Record(IReadOnlyList<(long PassageId, PassageScores Scores)> batch)
        {
            if (batch.Count == 0) return;
            var places = Places(batch.Select(b => b.PassageId).Distinct());
            foreach (var version in batch.Select(b => b.Scores.ModelVersion).Distinct(StringComparer.Ordinal))
            {
                var rows = batch.Where(b => b.Scores.ModelVersion == version).ToList();
                var old = OldLabels(version, rows.Select(r => r.PassageId).Distinct());
                var scored = ScoredPerDocument(version, rows.Select(r => places.TryGetValue(r.PassageId, out var p) ? p.Document : -1).Where(d => d >= 0).Distinct());
                foreach (var (passageId, scores) in rows)
                {
                    if (!places.TryGetValue(passageId, out var place)) throw new InvalidOperationException($"Passage {passageId} does not exist.");
                    var labels = new Labels(scores.Intent, scores.Topics, scores.Sentiment, Math.Round(scores.SentimentScore, 6));
                    if (place.Duplicate) { old[passageId] = labels; continue; }
                    var delta = Get(_deltas, new Bucket(version, place.Week, place.Source, place.Language, place.ByFetch));
                    if (old.TryGetValue(passageId, out var previous))
                    {
                        // A prediction replaced: its labels leave, the new ones arrive; the passage and its document stay counted.
                        AddLabels(delta, previous.Sentiment, previous.Intent, previous.Topics, previous.Score, -1);
                    }
                    else
                    {
                        if (!scored.TryGetValue(place.Document, out var languages)) scored[place.Document] = languages = new Dictionary<string, long>(StringComparer.Ordinal);
                        if (languages.Count == 0) delta[1]++;
                        if (!languages.TryGetValue(place.Language, out var n) || n == 0) delta[0]++;
                        languages[place.Language] = n + 1;
                    }
                    old[passageId] = labels;
                    AddLabels(delta, labels.Sentiment, labels.Intent, labels.Topics, labels.Score, +1);
                }
            }
        }

        /// <summary>The look-ups of a batch ($ids: a JSON array of passage or document ids; $v: the model version). Each
        /// must reach only the batch's rows through an index, whatever the store's size (<c>WeeklyAggregatePlanTests</c>).
        /// Where a passage sits is read in two: its document and language, then each document once (a batch holds about a
        /// tenth as many documents as passages), where one join repeated every document's columns for each of its passages.</summary>
        internal const string PassagePlacesSql = """
            SELECT p.id, p.document_id, p.language FROM passages p WHERE p.id IN (SELECT value FROM json_each($ids))
            """;

        internal const string DocumentPlacesSql = $"""
            SELECT d.id, d.source_id, CASE WHEN {AnalysisQueries.DateFlag} = 'ok' THEN d.published_utc ELSE d.fetched_at END,
                   {AnalysisQueries.DateFlag} <> 'ok', d.duplicate_of IS NOT NULL
            FROM documents d WHERE d.id IN (SELECT value FROM json_each($ids))
            """;

        internal const string OldLabelsSql = """
            SELECT passage_id, intent, topics, sentiment, sentiment_score FROM predictions
            WHERE model_version = $v AND passage_id IN (SELECT value FROM json_each($ids))
            """;

        internal const string ScoredPerDocumentSql = """
            SELECT p.document_id, p.language, count(*) FROM json_each($ids) j
            CROSS JOIN passages p ON p.document_id = j.value
            CROSS JOIN predictions x ON x.passage_id = p.id AND x.model_version = $v
            GROUP BY p.document_id, p.language
            """;

        private Dictionary<long, Place> Places(IEnumerable<long> passageIds)
        {
            var passages = new List<(long Id, long Document, string Language)>();
            using (var cmd = db.Command(PassagePlacesSql, tx))
            {
                cmd.Parameters.AddWithValue("$ids", IdList(passageIds));
                using var r = cmd.ExecuteReader();
                while (r.Read()) passages.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2)));
            }
            var documents = new Dictionary<long, (string Source, string Week, bool ByFetch, bool Duplicate)>();
            var weeks = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var cmd = db.Command(DocumentPlacesSql, tx))
            {
                cmd.Parameters.AddWithValue("$ids", IdList(passages.Select(p => p.Document).Distinct()));
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var when = r.GetString(2);
                    if (!weeks.TryGetValue(when, out var week)) weeks[when] = week = WeekStart(SqlTime.Parse(when));
                    documents[r.GetInt64(0)] = (r.GetString(1), week, r.GetBoolean(3), r.GetBoolean(4));
                }
            }
            // A passage whose document is missing has no place, as the inner join of passages and documents gave none.
            var places = new Dictionary<long, Place>(passages.Count);
            foreach (var (id, document, language) in passages)
                if (documents.TryGetValue(document, out var d)) places[id] = new Place(document, language, d.Week, d.Source, d.ByFetch, d.Duplicate);
            return places;
        }

        private Dictionary<long, Labels> OldLabels(string version, IEnumerable<long> passageIds)
        {
            var old = new Dictionary<long, Labels>();
            using var cmd = db.Command(OldLabelsSql, tx);
            cmd.Parameters.AddWithValue("$v", version);
            cmd.Parameters.AddWithValue("$ids", IdList(passageIds));
            using var r = cmd.ExecuteReader();
            while (r.Read())
                old[r.GetInt64(0)] = new Labels(LabelNames.Intents.Parse(r.GetString(1)), ProbabilityJson.ReadList(r.GetString(2), LabelNames.Topics),
                    LabelNames.Sentiments.Parse(r.GetString(3)), r.GetDouble(4));
            return old;
        }

        /// <summary>Per document, how many of its passages have a prediction from <paramref name="version"/>, by language. The
        /// CROSS JOINs fix the order (the batch's documents, their passages, each passage's prediction): left to itself, SQLite
        /// walked every prediction of the version through <c>predictions_model</c>, a scan per batch that grew with the store
        /// (2 s per batch at 1.5M passages). Each id must come once (the caller passes them distinct): unlike <c>IN</c>, a
        /// join on the list would count a repeated document twice.</summary>
        private Dictionary<long, Dictionary<string, long>> ScoredPerDocument(string version, IEnumerable<long> documentIds)
        {
            var scored = new Dictionary<long, Dictionary<string, long>>();
            using var cmd = db.Command(ScoredPerDocumentSql, tx);
            cmd.Parameters.AddWithValue("$v", version);
            cmd.Parameters.AddWithValue("$ids", IdList(documentIds));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!scored.TryGetValue(r.GetInt64(0), out var languages)) scored[r.GetInt64(0)] = languages = new Dictionary<string, long>(StringComparer.Ordinal);
                languages[r.GetString(1)] = r.GetInt64(2);
            }
            return scored;
        }

        private static string IdList(IEnumerable<long> ids) => "[" + string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";

        public void Flush() => Upsert(_deltas, tx);
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
