using System.Runtime.CompilerServices;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

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

    /// <summary>Every stored document, duplicates included, with labels aggregated from <paramref name="model"/>'s predictions.</summary>
    public async IAsyncEnumerable<ExportedDocument> DocumentsAsync(ModelRecord? model, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var cmd = db.Command($"""
            SELECT d.id, d.canonical_url, d.source_id, s.outlet, d.published_utc, d.published_offset_minutes, d.fetched_at,
                   d.title, d.text, d.language, d.duplicate_of, d.date_source, d.date_detail, {DateFlag}
            FROM documents d JOIN sources s ON s.id = d.source_id
            ORDER BY d.id
            """);
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            var duplicateOf = r.IsDBNull(10) ? (long?)null : r.GetInt64(10);
            DocumentLabels? labels = null;
            if (model is not null)
            {
                var passages = await ScoredPassagesOfAsync(duplicateOf ?? id, model.Version, ct);
                if (passages.Count > 0) labels = DocumentLabels.From(passages, model.IntentThreshold);
            }
            yield return new ExportedDocument(id, r.GetString(1), r.GetString(2), r.GetString(3),
                SqlTime.Published(r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5)),
                SqlTime.Parse(r.GetString(6)), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8),
                LabelNames.Languages.Parse(r.GetString(9)), duplicateOf, labels, labels is null ? null : model!.Version,
                r.IsDBNull(11) ? null : new DateOrigin(DateSourceNames.Table.Parse(r.GetString(11)), r.IsDBNull(12) ? null : r.GetString(12)),
                DateTrustNames.Table.Parse(r.GetString(13)));
        }
    }

    private async Task<IReadOnlyList<ScoredPassage>> ScoredPassagesOfAsync(long documentId, string modelVersion, CancellationToken ct)
    {
        using var cmd = db.Command("""
            SELECT p.language, length(p.text), x.intent, x.intent_prob, x.topics, x.sentiment, x.sentiment_score
            FROM passages p JOIN predictions x ON x.passage_id = p.id AND x.model_version = $v
            WHERE p.document_id = $d ORDER BY p.ordinal
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        cmd.Parameters.AddWithValue("$d", documentId);
        using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ScoredPassage>();
        while (await r.ReadAsync(ct))
            list.Add(new ScoredPassage(documentId, default, false, LabelNames.Languages.Parse(r.GetString(0)), r.GetInt32(1),
                LabelNames.Intents.Parse(r.GetString(2)), r.GetDouble(3), ProbabilityJson.ReadList(r.GetString(4), LabelNames.Topics),
                LabelNames.Sentiments.Parse(r.GetString(5)), r.GetDouble(6)));
        return list;
    }
}
