using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>
/// Writes an annotation batch for annotators. CSV: UTF-8 with a byte-order mark (so Excel and LibreOffice
/// read Cyrillic correctly), RFC 4180 quoting, CRLF line ends, a header row; the label columns <c>intent</c>,
/// <c>topics</c>, <c>sentiment</c> and <c>note</c> are empty for the annotator, the model's guesses follow in
/// <c>pred_…</c> columns, then context. JSON Lines: LABELS.md's annotated format with empty labels, plus
/// <c>batch</c> and the <c>pred_…</c> fields. Both carry the batch number on every row, so a file sorted
/// or filtered in a spreadsheet still imports into the right batch.
/// </summary>
public static class BatchFileWriter
{
    public static readonly string[] CsvColumns =
    [
        "id", "text", "intent", "topics", "sentiment", "note",
        "pred_intent", "pred_intent_confidence", "pred_topics", "pred_sentiment", "pred_sentiment_confidence", "uncertainty",
        "language", "source", "published", "batch",
    ];

    public static Task WriteCsvAsync(string path, IReadOnlyList<BatchRow> rows, char delimiter = ',', CancellationToken ct = default) =>
        AtomicFile.WriteAsync(path, async w =>
        {
            await w.WriteAsync('\uFEFF');
            await w.WriteAsync(Line(CsvColumns, delimiter));
            foreach (var r in rows)
            {
                var s = r.Scores;
                await w.WriteAsync(Line(
                [
                    r.PassageId.ToString(CultureInfo.InvariantCulture), Inert(r.Text), "", "", "", "",
                    s.Intent.ToWire(), P(s.IntentProbs[s.Intent]), string.Join("; ", s.Topics.Select(t => t.ToWire())),
                    s.Sentiment.ToWire(), P(s.SentimentProbs[s.Sentiment]), P(r.Uncertainty),
                    r.Language.ToWire(), r.Source, Date(r.Published), r.Batch.ToString(CultureInfo.InvariantCulture),
                ], delimiter));
            }
        }, ct);

    public static Task WriteJsonLinesAsync(string path, IReadOnlyList<BatchRow> rows, CancellationToken ct = default) =>
        AtomicFile.WriteAsync(path, async w =>
        {
            foreach (var r in rows)
            {
                var s = r.Scores;
                var line = new Dictionary<string, object?>
                {
                    ["id"] = r.PassageId.ToString(CultureInfo.InvariantCulture),
                    ["text"] = r.Text,
                    ["language"] = r.Language.ToWire(),
                    ["intent"] = "",
                    ["topics"] = Array.Empty<string>(),
                    ["sentiment"] = "",
                    ["source_kind"] = r.SourceKind.ToWire(),
                    ["annotator"] = "",
                    ["note"] = "",
                    ["batch"] = r.Batch,
                    ["pred_intent"] = s.Intent.ToWire(),
                    ["pred_intent_confidence"] = Math.Round(s.IntentProbs[s.Intent], 3),
                    ["pred_topics"] = s.Topics.Select(t => t.ToWire()).ToArray(),
                    ["pred_sentiment"] = s.Sentiment.ToWire(),
                    ["pred_sentiment_confidence"] = Math.Round(s.SentimentProbs[s.Sentiment], 3),
                    ["uncertainty"] = Math.Round(r.Uncertainty, 3),
                    ["source"] = r.Source,
                    ["published"] = r.Published is null ? null : Date(r.Published),
                };
                await w.WriteAsync(JsonSerializer.Serialize(line, Json) + "\n");
            }
        }, ct);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string P(double p) => p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// A context cell a spreadsheet must show as text: one starting with '=', '+', '-' or '@' (a phone number
    /// "+7 701 …", a post starting with "-") would be read as a formula and shown as an error, so it gets a
    /// leading apostrophe. Only cells the import ignores are written this way.
    /// </summary>
    public static string Inert(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' ? "'" + cell : cell;

    /// <summary>One CSV record ending in CRLF, quoting a field that holds the delimiter, a quote or a line break.</summary>
    public static string Line(IEnumerable<string> fields, char delimiter = ',') =>
        string.Join(delimiter, fields.Select(f => f.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? $"\"{f.Replace("\"", "\"\"")}\"" : f)) + "\r\n";
}
