using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Export;

public class PredictionJsonWriterTests
{
    private static readonly PassageScores Scores = new(
        "intent-2024.1", Intent.Considering,
        LabelNames.Intents.All.ToDictionary(i => i, i => i == Intent.Considering ? 0.75f : 0.05f),
        [Topic.Jobs],
        LabelNames.Topics.All.ToDictionary(t => t, t => t == Topic.Jobs ? 0.8f : 0.1f),
        Sentiment.Negative,
        new Dictionary<Sentiment, float> { [Sentiment.Negative] = 0.7f, [Sentiment.Neutral] = 0.2f, [Sentiment.Positive] = 0.1f });

    [Fact]
    public void Line_Scores_KeysInContractOrder()
    {
        using var doc = JsonDocument.Parse(PredictionJsonWriter.Line(JsonElementOf("\"kk-0001\""), Language.Kazakh, Scores));
        Assert.Equal(
            ["id", "language", "intent", "intent_probs", "topics", "topic_probs", "sentiment", "sentiment_probs", "sentiment_score"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Line_Scores_ValuesAndEveryLabelProbability()
    {
        using var doc = JsonDocument.Parse(PredictionJsonWriter.Line(JsonElementOf("17"), Language.Mixed, Scores));
        var r = doc.RootElement;

        Assert.Equal(17, r.GetProperty("id").GetInt32());
        Assert.Equal("mixed", r.GetProperty("language").GetString());
        Assert.Equal("considering", r.GetProperty("intent").GetString());
        Assert.Equal(LabelNames.Intents.Names, r.GetProperty("intent_probs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.75, r.GetProperty("intent_probs").GetProperty("considering").GetDouble());
        Assert.Equal(["jobs"], r.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(LabelNames.Topics.Names, r.GetProperty("topic_probs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.8, r.GetProperty("topic_probs").GetProperty("jobs").GetDouble());
        Assert.Equal("negative", r.GetProperty("sentiment").GetString());
        Assert.Equal(0.7, r.GetProperty("sentiment_probs").GetProperty("negative").GetDouble());
        Assert.Equal(-0.6, r.GetProperty("sentiment_score").GetDouble());
    }

    private static JsonElement JsonElementOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
