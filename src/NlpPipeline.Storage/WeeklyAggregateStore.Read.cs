using System.Globalization;
using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>What a weekly series reads: one model version, a breakdown, an optional passage language, a week range.</summary>
public sealed record WeeklyQuery(string ModelVersion, SeriesGrouping By, Language? Language, bool IncludeUndated, Week? From, Week? To);

public sealed partial class WeeklyAggregateStore
{
    /// <summary>
    /// Tallies per week and group from the aggregates (the table must be built: <see cref="EnsureBuilt"/>), and the
    /// documents left out for want of a trusted date, per fetch week and group. Groups roll up from sources and
    /// languages: outlet and source kind through the sources table.
    /// </summary>
    public (Dictionary<WeekCell, PassageTally> Tallies, Dictionary<WeekCell, long> Excluded) Read(WeeklyQuery q)
    {
        var group = q.By switch
        {
            SeriesGrouping.Language => "a.language",
            SeriesGrouping.Outlet => "s.outlet",
            SeriesGrouping.SourceKind => "s.source_kind",
            _ => "NULL",
        };
        var join = q.By is SeriesGrouping.Outlet or SeriesGrouping.SourceKind ? "JOIN sources s ON s.id = a.source_id" : "";
        var documents = PerLanguage(q) ? "documents" : "documents_once";
        var labels = Columns.Skip(LabelStart).Select(c => $"sum(a.{c})");
        using var cmd = db.Command($"""
            SELECT a.week_start, {group}, a.dated_by_fetch, sum(a.{documents}), sum(a.passages), total(a.score_micro), total(a.score_sq_micro2),
                   {string.Join(", ", labels)}
            FROM weekly_aggregates a {join}
            WHERE {Where(q, "a")}
            GROUP BY 1, 2, 3
            """);
        Bind(cmd, q);
        var tallies = new Dictionary<WeekCell, PassageTally>();
        var excluded = new Dictionary<WeekCell, long>();
        int sentiments = LabelNames.Sentiments.All.Count, intents = LabelNames.Intents.All.Count, topics = LabelNames.Topics.All.Count;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var cell = new WeekCell(Week.Of(SqlTime.ParseDate(r.GetString(0))), r.IsDBNull(1) ? null : r.GetString(1));
            var byFetch = r.GetBoolean(2);
            var docs = r.GetInt64(3);
            if (byFetch && !q.IncludeUndated)
            {
                excluded[cell] = excluded.GetValueOrDefault(cell) + docs;
                continue;
            }
            var counts = new long[sentiments + intents + topics];
            for (var i = 0; i < counts.Length; i++) counts[i] = r.GetInt64(7 + i);
            if (!tallies.TryGetValue(cell, out var tally)) tallies[cell] = tally = new PassageTally();
            tally.AddSums(r.GetInt64(4), r.GetDouble(5) / 1e6, r.GetDouble(6) / 1e12,
                counts[..sentiments], counts[sentiments..(sentiments + intents)], counts[(sentiments + intents)..]);
            tally.AddDocuments(docs, byFetch ? docs : 0);
        }
        return (tallies, excluded);
    }

    /// <summary>Documents without a trusted publication time that the series' model scored (in its language), in any week.</summary>
    public long CountUndated(string modelVersion, Language? language)
    {
        using var cmd = db.Command($"""
            SELECT coalesce(sum({(language is null ? "documents_once" : "documents")}), 0) FROM weekly_aggregates
            WHERE model_version = $v AND dated_by_fetch = 1 {(language is null ? "" : "AND language = $lang")}
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        if (language is { } l) cmd.Parameters.AddWithValue("$lang", l.ToWire());
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Other model versions with passages in the query's range that its version has not scored: per bucket, how many
    /// more passages the other version has (a lower bound of the passages it alone scored, exact when one version's
    /// passages contain the other's).
    /// </summary>
    public IReadOnlyList<OtherVersion> OtherVersions(WeeklyQuery q)
    {
        using var cmd = db.Command($"""
            SELECT o.model_version, sum(max(0, o.passages - coalesce(a.passages, 0)))
            FROM weekly_aggregates o
            LEFT JOIN weekly_aggregates a ON a.model_version = $v AND a.week_start = o.week_start AND a.source_id = o.source_id
                                          AND a.language = o.language AND a.dated_by_fetch = o.dated_by_fetch
            WHERE o.model_version <> $v AND {Where(q, "o", version: false)} {(q.IncludeUndated ? "" : "AND o.dated_by_fetch = 0")}
            GROUP BY o.model_version HAVING sum(max(0, o.passages - coalesce(a.passages, 0))) > 0
            ORDER BY o.model_version
            """);
        Bind(cmd, q);
        using var r = cmd.ExecuteReader();
        var list = new List<OtherVersion>();
        while (r.Read()) list.Add(new OtherVersion(r.GetString(0), r.GetInt64(1)));
        return list;
    }

    private static bool PerLanguage(WeeklyQuery q) => q.By == SeriesGrouping.Language || q.Language is not null;

    /// <summary>Only the conditions the query has, so SQLite can use the primary key's (model_version, week_start) prefix.</summary>
    private static string Where(WeeklyQuery q, string a, bool version = true)
    {
        var conditions = new List<string>();
        if (version) conditions.Add($"{a}.model_version = $v");
        if (q.Language is not null) conditions.Add($"{a}.language = $lang");
        if (q.From is not null) conditions.Add($"{a}.week_start >= $from");
        if (q.To is not null) conditions.Add($"{a}.week_start <= $to");
        return conditions.Count == 0 ? "1" : string.Join(" AND ", conditions);
    }

    private static void Bind(SqliteCommand cmd, WeeklyQuery q)
    {
        cmd.Parameters.AddWithValue("$v", q.ModelVersion);
        if (q.Language is { } l) cmd.Parameters.AddWithValue("$lang", l.ToWire());
        if (q.From is { } f) cmd.Parameters.AddWithValue("$from", f.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (q.To is { } t) cmd.Parameters.AddWithValue("$to", t.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
