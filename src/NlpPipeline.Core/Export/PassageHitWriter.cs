using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// Writes <c>nlp query</c> results: a table for people (one line of metadata, then the snippet with matched
/// words marked, or the start of the text), or CSV / JSON Lines with the full text for tools. Publication times
/// are shown in the research time zone; <c>relevance</c> is FTS5's BM25 score negated (higher is better).
/// </summary>
public static class PassageHitWriter
{
    /// <summary>What the results are of: the model whose labels are shown (and whether it was chosen by default), the time zone.</summary>
    public sealed record Context(string? ModelVersion, bool DefaultModel, ResearchCalendar Calendar);

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Header =
        ["passage_id", "document_id", "published_local", "source", "outlet", "language", "intent", "topics", "sentiment",
         "sentiment_score", "relevance", "model_version", "canonical_url", "text"];

    public static async Task<int> WriteTableAsync(TextWriter w, IAsyncEnumerable<PassageHit> hits, Context c, CancellationToken ct = default)
    {
        var model = c.ModelVersion is null ? "no model has scored passages: labels are empty"
            : c.DefaultModel ? $"labels from model {c.ModelVersion} (the latest that has scored passages)" : $"labels from model {c.ModelVersion}";
        await w.WriteLineAsync($"Times in {c.Calendar.Zone.Id}; {model}.");
        var count = 0;
        await foreach (var h in hits.WithCancellation(ct))
        {
            var p = h.Passage;
            var l = p.Labels;
            var fields = new List<string>
            {
                $"#{p.PassageId}", $"doc {p.DocumentId}", Local(p, c.Calendar) ?? "undated", $"{p.SourceId} ({p.Outlet})", p.Language.ToWire(),
                l is null ? "unscored" : $"intent {l.Intent.ToWire()}",
            };
            if (l is not null)
            {
                fields.Add($"sentiment {l.Sentiment.ToWire()} {l.SentimentScore.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)}");
                fields.Add(l.Topics.Count == 0 ? "no topics" : "topics " + string.Join(",", l.Topics.Select(t => t.ToWire())));
            }
            if (h.Relevance is { } r) fields.Add("relevance " + r.ToString("0.00", CultureInfo.InvariantCulture));
            await w.WriteLineAsync();
            await w.WriteLineAsync(string.Join("  ", fields));
            await w.WriteLineAsync("    " + OneLine(h.Snippet ?? Start(p.Text)));
            count++;
        }
        await w.WriteLineAsync();
        await w.WriteLineAsync(count == 0 ? "No passage matches." : $"{count} passage(s).");
        return count;
    }

    public static async Task<int> WriteCsvAsync(TextWriter w, IAsyncEnumerable<PassageHit> hits, Context c, CancellationToken ct = default)
    {
        await w.WriteLineAsync(Csv.Line(Header));
        var count = 0;
        await foreach (var h in hits.WithCancellation(ct))
        {
            var p = h.Passage;
            var l = p.Labels;
            await w.WriteLineAsync(Csv.Line([
                p.PassageId.ToString(CultureInfo.InvariantCulture), p.DocumentId.ToString(CultureInfo.InvariantCulture), Local(p, c.Calendar) ?? "",
                p.SourceId, p.Outlet, p.Language.ToWire(), l?.Intent.ToWire() ?? "", l is null ? "" : string.Join(";", l.Topics.Select(t => t.ToWire())),
                l?.Sentiment.ToWire() ?? "", Csv.Number(l?.SentimentScore, "0.######"), Csv.Number(h.Relevance), p.ModelVersion ?? "",
                p.CanonicalUrl, p.Text]));
            count++;
        }
        return count;
    }

    public static async Task<int> WriteJsonlAsync(TextWriter w, IAsyncEnumerable<PassageHit> hits, Context c, CancellationToken ct = default)
    {
        var count = 0;
        var buffer = new MemoryStream();
        await foreach (var h in hits.WithCancellation(ct))
        {
            var p = h.Passage;
            buffer.SetLength(0);
            using (var j = new Utf8JsonWriter(buffer, JsonOptions))
            {
                j.WriteStartObject();
                j.WriteNumber("passage_id", p.PassageId);
                j.WriteNumber("document_id", p.DocumentId);
                if (Local(p, c.Calendar) is { } local) j.WriteString("published_local", local); else j.WriteNull("published_local");
                j.WriteString("source", p.SourceId);
                j.WriteString("outlet", p.Outlet);
                j.WriteString("language", p.Language.ToWire());
                if (p.Labels is { } l)
                {
                    j.WriteString("intent", l.Intent.ToWire());
                    j.WriteStartArray("topics");
                    foreach (var t in l.Topics) j.WriteStringValue(t.ToWire());
                    j.WriteEndArray();
                    j.WriteString("sentiment", l.Sentiment.ToWire());
                    j.WriteNumber("sentiment_score", Math.Round(l.SentimentScore, 6));
                }
                else
                {
                    foreach (var name in new[] { "intent", "topics", "sentiment", "sentiment_score" }) j.WriteNull(name);
                }
                if (h.Relevance is { } r) j.WriteNumber("relevance", r); else j.WriteNull("relevance");
                if (p.ModelVersion is null) j.WriteNull("model_version"); else j.WriteString("model_version", p.ModelVersion);
                j.WriteString("canonical_url", p.CanonicalUrl);
                j.WriteString("text", p.Text);
                j.WriteEndObject();
            }
            await w.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            count++;
        }
        return count;
    }

    /// <summary>The trusted publication time in the research time zone, "yyyy-MM-dd HH:mm"; null when untrusted.</summary>
    private static string? Local(ExportedPassage p, ResearchCalendar calendar) =>
        p.Published is { } t ? TimeZoneInfo.ConvertTime(t, calendar.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;

    private static string Start(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
