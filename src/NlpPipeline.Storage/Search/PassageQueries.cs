using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage.Search;

/// <summary>
/// Finds and streams passages by full-text search (SQLite FTS5, migration 0008) and label filters, with their
/// document's metadata and one model's labels. Passages of duplicate documents do not exist (a story's passages
/// are stored once), and duplicates are never returned. Passages the model has not scored are returned with null
/// labels unless a label filter asks for labels.
/// </summary>
public sealed class PassageQueries(NlpDatabase db)
{
    /// <summary>Marks around matched words in <see cref="PassageHit.Snippet"/>.</summary>
    public const string MatchOpen = "**", MatchClose = "**";

    private const string Columns = $"""
        p.id, p.document_id, p.ordinal, p.text, p.language, d.canonical_url, d.source_id, s.outlet, s.source_kind,
        d.published_utc, d.published_offset_minutes, {AnalysisQueries.DateFlag},
        x.intent, x.intent_probs, x.topics, x.topic_probs, x.sentiment, x.sentiment_probs, x.sentiment_score
        """;

    private const string Joins = """
        JOIN documents d ON d.id = p.document_id
        JOIN sources s ON s.id = d.source_id
        LEFT JOIN predictions x ON x.passage_id = p.id AND x.model_version = $model
        """;

    /// <summary>
    /// The best <paramref name="limit"/> matches (null: all): by relevance with a text, else newest first (documents
    /// without a trusted date last).
    /// </summary>
    public async IAsyncEnumerable<PassageHit> SearchAsync(PassageFilter filter, string? modelVersion, int? limit,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var match = PassageConditions.Match(db, filter);
        var sql = match is null
            ? $"""
              SELECT {Columns} FROM passages p {Joins}
              WHERE d.duplicate_of IS NULL AND {PassageConditions.Passage} AND {PassageConditions.Document}
              ORDER BY ({AnalysisQueries.DateFlag} = 'ok') DESC, d.published_utc DESC, p.id
              LIMIT $limit
              """
            : $"""
              SELECT {Columns}, snippet(passages_fts, 0, $open, $close, '…', 16), bm25(passages_fts)
              FROM passages_fts f JOIN passages p ON p.id = f.rowid {Joins}
              WHERE passages_fts MATCH $match AND d.duplicate_of IS NULL AND {PassageConditions.Passage} AND {PassageConditions.Document}
              ORDER BY bm25(passages_fts), p.id
              LIMIT $limit
              """;
        using var cmd = db.Command(sql);
        PassageConditions.Bind(cmd, filter, modelVersion, match);
        cmd.Parameters.AddWithValue("$limit", limit ?? -1);
        if (match is not null)
        {
            cmd.Parameters.AddWithValue("$open", MatchOpen);
            cmd.Parameters.AddWithValue("$close", MatchClose);
        }
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var passage = Read(r, modelVersion);
            yield return match is null
                ? new PassageHit(passage, null, null)
                : new PassageHit(passage, r.GetString(19), Math.Round(-r.GetDouble(20), 4));   // bm25: lower is better
        }
    }

    /// <summary>Every matching passage, in passage id order, streamed (never all in memory).</summary>
    public async IAsyncEnumerable<ExportedPassage> ExportAsync(PassageFilter filter, string? modelVersion,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var match = PassageConditions.Match(db, filter);
        using var cmd = db.Command($"""
            SELECT {Columns} FROM passages p {Joins}
            WHERE d.duplicate_of IS NULL AND {PassageConditions.Passage} AND {PassageConditions.Document}
              {(match is null ? "" : "AND p.id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH $match)")}
            ORDER BY p.id
            """);
        PassageConditions.Bind(cmd, filter, modelVersion, match);
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            yield return Read(r, modelVersion);
    }

    private static ExportedPassage Read(SqliteDataReader r, string? modelVersion)
    {
        var trust = DateTrustNames.Table.Parse(r.GetString(11));
        var published = trust == DateTrust.Trusted
            ? SqlTime.Published(r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetInt64(10))
            : null;
        PassageLabels? labels = r.IsDBNull(12) ? null : new PassageLabels(
            LabelNames.Intents.Parse(r.GetString(12)), ProbabilityJson.ReadProbabilities(r.GetString(13), LabelNames.Intents),
            ProbabilityJson.ReadList(r.GetString(14), LabelNames.Topics), ProbabilityJson.ReadProbabilities(r.GetString(15), LabelNames.Topics),
            LabelNames.Sentiments.Parse(r.GetString(16)), ProbabilityJson.ReadProbabilities(r.GetString(17), LabelNames.Sentiments),
            r.GetDouble(18));
        return new ExportedPassage(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), LabelNames.Languages.Parse(r.GetString(4)),
            r.GetString(5), r.GetString(6), r.GetString(7), LabelNames.SourceKinds.Parse(r.GetString(8)), published, trust,
            labels, labels is null ? null : modelVersion);
    }
}
