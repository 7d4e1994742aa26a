using System.Runtime.CompilerServices;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Storage;

/// <summary>
/// Read-side queries for analysis and export. Duplicates are left out of analysis (their story is
/// counted once, under the first URL). A document is placed in time by its publication instant when that
/// is trusted (<c>date_flag = 'ok'</c>), or else by its fetch time (flagged, so aggregates can leave it
/// out or say how many).
/// </summary>
public sealed class AnalysisQueries(NlpDatabase db)
{
    /// <summary>The trust flag, derived for rows written without one (by code that predates it).</summary>
    internal const string DateFlag = "coalesce(d.date_flag, CASE WHEN d.published_utc IS NULL THEN 'undated' ELSE 'ok' END)";

    /// <summary>Every passage <paramref name="modelVersion"/> scored (duplicates left out), with its group under <paramref name="by"/>.</summary>
    public async IAsyncEnumerable<ScoredPassage> ScoredPassagesAsync(
        string modelVersion, Language? language, SeriesGrouping by = SeriesGrouping.None, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var group = by switch
        {
            SeriesGrouping.Language => "p.language",
            SeriesGrouping.Outlet => "s.outlet",
            SeriesGrouping.SourceKind => "s.source_kind",
            _ => "NULL",
        };
        using var cmd = db.Command($"""
            SELECT d.id, CASE WHEN {DateFlag} = 'ok' THEN d.published_utc ELSE d.fetched_at END, {DateFlag} <> 'ok', p.language, length(p.text),
                   x.intent, x.intent_prob, x.topics, x.sentiment, x.sentiment_score, {group}
            FROM predictions x
            JOIN passages p ON p.id = x.passage_id
            JOIN documents d ON d.id = p.document_id
            JOIN sources s ON s.id = d.source_id
            WHERE x.model_version = $v AND d.duplicate_of IS NULL AND ($lang IS NULL OR p.language = $lang)
            ORDER BY d.id, p.ordinal
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        cmd.Parameters.AddWithValue("$lang", language is { } l ? l.ToWire() : DBNull.Value);
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return new ScoredPassage(
                r.GetInt64(0), SqlTime.Parse(r.GetString(1)), r.GetBoolean(2), LabelNames.Languages.Parse(r.GetString(3)),
                r.GetInt32(4), LabelNames.Intents.Parse(r.GetString(5)), r.GetDouble(6),
                ProbabilityJson.ReadList(r.GetString(7), LabelNames.Topics), LabelNames.Sentiments.Parse(r.GetString(8)), r.GetDouble(9),
                r.IsDBNull(10) ? null : r.GetString(10));
        }
    }

    /// <summary>
    /// Stories (duplicates left out) with passages scored by <paramref name="modelVersion"/> (in
    /// <paramref name="language"/>, when given) that have no trusted publication time: what a weekly report
    /// leaves out unless asked to place them by fetch time.
    /// </summary>
    public int CountWithoutTrustedDate(string modelVersion, Language? language)
    {
        using var cmd = db.Command($"""
            SELECT count(DISTINCT d.id)
            FROM documents d JOIN passages p ON p.document_id = d.id JOIN predictions x ON x.passage_id = p.id
            WHERE x.model_version = $v AND d.duplicate_of IS NULL AND {DateFlag} <> 'ok' AND ($lang IS NULL OR p.language = $lang)
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        cmd.Parameters.AddWithValue("$lang", language is { } l ? l.ToWire() : DBNull.Value);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every stored document, duplicates included, with labels aggregated from <paramref name="model"/>'s predictions
    /// (a duplicate carries its original's). With a <paramref name="filter"/>, only documents of its source and dates
    /// with at least one passage (their original's, for a duplicate) matching its text, language and label filters.
    /// Two ordered cursors are merged, so the labels cost one query, not one per document.
    /// </summary>
    public async IAsyncEnumerable<ExportedDocument> DocumentsAsync(ModelRecord? model, PassageFilter? filter = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        filter ??= new PassageFilter();
        var match = PassageConditions.Match(db, filter);
        var passageFilter = match is not null || filter.Language is not null || filter.FiltersLabels;
        using var cmd = db.Command($"""
            SELECT d.id, d.canonical_url, d.source_id, s.outlet, d.published_utc, d.published_offset_minutes, d.fetched_at,
                   d.title, d.text, d.language, d.duplicate_of, d.date_source, d.date_detail, {DateFlag}
            FROM documents d JOIN sources s ON s.id = d.source_id
            WHERE {PassageConditions.Document}
            {(passageFilter ? $"""
                AND EXISTS (SELECT 1 FROM passages p LEFT JOIN predictions x ON x.passage_id = p.id AND x.model_version = $model
                            WHERE p.document_id = coalesce(d.duplicate_of, d.id) AND {PassageConditions.Passage}
                            {(match is null ? "" : "AND p.id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH $match)")})
                """ : "")}
            ORDER BY d.id
            """);
        PassageConditions.Bind(cmd, filter, model?.Version, match);
        using var scored = model is null ? null : ScoredPassagesByDocument(model.Version);
        using var p = scored is null ? null : await scored.ExecuteReaderAsync(ct);
        var hasPassage = p is not null && await p.ReadAsync(ct);
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            var passages = new List<ScoredPassage>();
            while (hasPassage && p!.GetInt64(0) < id) hasPassage = await p.ReadAsync(ct);
            while (hasPassage && p!.GetInt64(0) == id)
            {
                passages.Add(new ScoredPassage(id, default, false, LabelNames.Languages.Parse(p.GetString(1)), p.GetInt32(2),
                    LabelNames.Intents.Parse(p.GetString(3)), p.GetDouble(4), ProbabilityJson.ReadList(p.GetString(5), LabelNames.Topics),
                    LabelNames.Sentiments.Parse(p.GetString(6)), p.GetDouble(7)));
                hasPassage = await p.ReadAsync(ct);
            }
            var labels = passages.Count > 0 ? DocumentLabels.From(passages, model!.IntentThreshold) : null;
            yield return new ExportedDocument(id, r.GetString(1), r.GetString(2), r.GetString(3),
                SqlTime.Published(r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5)),
                SqlTime.Parse(r.GetString(6)), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8),
                LabelNames.Languages.Parse(r.GetString(9)), r.IsDBNull(10) ? null : r.GetInt64(10), labels, labels is null ? null : model!.Version,
                r.IsDBNull(11) ? null : new DateOrigin(DateSourceNames.Table.Parse(r.GetString(11)), r.IsDBNull(12) ? null : r.GetString(12)),
                DateTrustNames.Table.Parse(r.GetString(13)));
        }
    }

    /// <summary>Each document's scored passages (its original's, for a duplicate), by document id then ordinal.</summary>
    private Microsoft.Data.Sqlite.SqliteCommand ScoredPassagesByDocument(string modelVersion)
    {
        var cmd = db.Command("""
            SELECT d.id, p.language, length(p.text), x.intent, x.intent_prob, x.topics, x.sentiment, x.sentiment_score
            FROM documents d
            JOIN passages p ON p.document_id = coalesce(d.duplicate_of, d.id)
            JOIN predictions x ON x.passage_id = p.id AND x.model_version = $v
            ORDER BY d.id, p.ordinal
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        return cmd;
    }
}
