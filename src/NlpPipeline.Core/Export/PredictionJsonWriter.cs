using System.Text.Encodings.Web;
using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// The batch-prediction line other tools depend on, exactly:
/// <c>{"id", "language", "intent", "intent_probs", "topics", "topic_probs", "sentiment", "sentiment_probs", "sentiment_score"}</c>.
/// <c>id</c> is echoed as the caller wrote it (string or number). Probabilities cover every label.
/// </summary>
public static class PredictionJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(JsonElement id, Language language, PassageScores s)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, Options))
        {
            j.WriteStartObject();
            j.WritePropertyName("id");
            id.WriteTo(j);
            j.WriteString("language", language.ToWire());
            j.WriteString("intent", s.Intent.ToWire());
            Probabilities(j, "intent_probs", LabelNames.Intents, l => s.IntentProbs[l]);
            j.WriteStartArray("topics");
            foreach (var t in s.Topics) j.WriteStringValue(t.ToWire());
            j.WriteEndArray();
            Probabilities(j, "topic_probs", LabelNames.Topics, t => s.TopicProbs[t]);
            j.WriteString("sentiment", s.Sentiment.ToWire());
            Probabilities(j, "sentiment_probs", LabelNames.Sentiments, x => s.SentimentProbs[x]);
            j.WriteNumber("sentiment_score", Math.Round(s.SentimentScore, 6));
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An object label → probability over every label of <paramref name="names"/>, rounded to 6 decimals (also the passage export's).</summary>
    internal static void Probabilities<T>(Utf8JsonWriter j, string name, WireNames<T> names, Func<T, double> probability) where T : struct, Enum
    {
        j.WriteStartObject(name);
        foreach (var label in names.All) j.WriteNumber(names.ToWire(label), Math.Round(probability(label), 6));
        j.WriteEndObject();
    }
}
