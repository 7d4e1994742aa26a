using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// One JSON object per passage (UTF-8, Cyrillic unescaped): the columns of <see cref="PassageTable"/>, with
/// <c>topics</c> an array and the probabilities as objects (<c>intent_probs</c>, <c>topic_probs</c>,
/// <c>sentiment_probs</c>: label → p); <c>published</c> is ISO 8601 with the publisher's offset.
/// </summary>
public static class PassageJsonlWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<long> WriteAsync(TextWriter w, IAsyncEnumerable<ExportedPassage> passages, ResearchCalendar calendar, CancellationToken ct = default)
    {
        long count = 0;
        var buffer = new MemoryStream();
        await foreach (var p in passages.WithCancellation(ct))
        {
            buffer.SetLength(0);
            using (var j = new Utf8JsonWriter(buffer, Options))
                Write(j, p, calendar);
            await w.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            count++;
        }
        return count;
    }

    private static void Write(Utf8JsonWriter j, ExportedPassage p, ResearchCalendar calendar)
    {
        j.WriteStartObject();
        j.WriteNumber("passage_id", p.PassageId);
        j.WriteNumber("document_id", p.DocumentId);
        j.WriteNumber("ordinal", p.Ordinal);
        j.WriteString("canonical_url", p.CanonicalUrl);
        j.WriteString("source", p.SourceId);
        j.WriteString("outlet", p.Outlet);
        j.WriteString("source_kind", p.SourceKind.ToWire());
        if (p.Published is { } t)
        {
            j.WriteString("published", DocumentJsonlWriter.Iso(t));
            j.WriteString("local_date", calendar.LocalDate(t).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            j.WriteNull("published");
            j.WriteNull("local_date");
        }
        j.WriteString("date_flag", p.DateTrust.ToWire());
        j.WriteString("language", p.Language.ToWire());
        if (p.Labels is { } l)
        {
            j.WriteString("model_version", p.ModelVersion);
            j.WriteString("intent", l.Intent.ToWire());
            PredictionJsonWriter.Probabilities(j, "intent_probs", LabelNames.Intents, i => l.IntentProbs[i]);
            j.WriteStartArray("topics");
            foreach (var topic in l.Topics) j.WriteStringValue(topic.ToWire());
            j.WriteEndArray();
            PredictionJsonWriter.Probabilities(j, "topic_probs", LabelNames.Topics, t => l.TopicProbs[t]);
            j.WriteString("sentiment", l.Sentiment.ToWire());
            PredictionJsonWriter.Probabilities(j, "sentiment_probs", LabelNames.Sentiments, x => l.SentimentProbs[x]);
            j.WriteNumber("sentiment_score", Math.Round(l.SentimentScore, 6));
        }
        else
        {
            foreach (var name in new[] { "model_version", "intent", "intent_probs", "topics", "topic_probs", "sentiment", "sentiment_probs", "sentiment_score" })
                j.WriteNull(name);
        }
        j.WriteString("text", p.Text);
        j.WriteEndObject();
    }
}
