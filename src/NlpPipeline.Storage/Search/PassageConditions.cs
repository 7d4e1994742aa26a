using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage.Search;

/// <summary>
/// The SQL conditions of a <see cref="PassageFilter"/> over the aliases <c>p</c> (passages), <c>d</c> (documents)
/// and <c>x</c> (the chosen model's predictions, left-joined). Only fixed SQL text is produced; every value is a
/// bound parameter.
/// </summary>
internal static class PassageConditions
{
    /// <summary>Conditions on the passage and its labels (<c>p</c>, <c>x</c>), the FTS match excepted.</summary>
    public const string Passage = """
        ($lang IS NULL OR p.language = $lang)
        AND ($intent IS NULL OR x.intent = $intent)
        AND ($sentiment IS NULL OR x.sentiment = $sentiment)
        AND ($topic IS NULL OR EXISTS (SELECT 1 FROM json_each(x.topics) j WHERE j.value = $topic))
        """;

    /// <summary>Conditions on the document (<c>d</c>): source and trusted publication time.</summary>
    public const string Document = $"""
        ($source IS NULL OR d.source_id = $source)
        AND ($from IS NULL OR ({AnalysisQueries.DateFlag} = 'ok' AND d.published_utc >= $from))
        AND ($before IS NULL OR ({AnalysisQueries.DateFlag} = 'ok' AND d.published_utc < $before))
        """;

    /// <summary>
    /// The FTS5 query of the filter's text, or null without one; an error when the text has no word. With a text, the
    /// passages stored since the last indexing are indexed first, so the search sees every stored passage.
    /// </summary>
    public static string? Match(NlpDatabase db, PassageFilter f)
    {
        if (f.Text is null) return null;
        var match = SearchFolding.ToFtsQuery(f.Text)
                    ?? throw new ArgumentException($"The search text '{f.Text}' has no word to search for (letters or digits).", nameof(f));
        new PassageSearchIndex(db).CatchUp();
        return match;
    }

    public static void Bind(SqliteCommand cmd, PassageFilter f, string? modelVersion, string? match)
    {
        var p = cmd.Parameters;
        p.AddWithValue("$model", (object?)modelVersion ?? DBNull.Value);
        p.AddWithValue("$lang", f.Language is { } l ? l.ToWire() : DBNull.Value);
        p.AddWithValue("$intent", f.Intent is { } i ? i.ToWire() : DBNull.Value);
        p.AddWithValue("$sentiment", f.Sentiment is { } s ? s.ToWire() : DBNull.Value);
        p.AddWithValue("$topic", f.Topic is { } t ? t.ToWire() : DBNull.Value);
        p.AddWithValue("$source", (object?)f.SourceId ?? DBNull.Value);
        p.AddWithValue("$from", f.PublishedFrom is { } from ? SqlTime.Format(from) : DBNull.Value);
        p.AddWithValue("$before", f.PublishedBefore is { } before ? SqlTime.Format(before) : DBNull.Value);
        if (match is not null) p.AddWithValue("$match", match);
    }
}
