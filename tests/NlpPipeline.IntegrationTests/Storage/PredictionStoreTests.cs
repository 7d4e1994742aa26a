using System.Text.Json;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Analysis;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>What <see cref="PredictionStore.Save"/> writes per prediction: the JSON columns and labels, row by row.</summary>
public sealed class PredictionStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_Batch_WritesProbabilityJsonAsTheSerializerWouldInLabelsOrder()
    {
        using var db = NlpDatabase.Open(_dir.File("nlp.db"));
        var store = HandMadeStore.Create(db);
        var batch = store.V1Scores();
        new PredictionStore(db).Save(batch);
        var rows = SqliteRows.Query(db.Path, "SELECT passage_id, intent, intent_probs, topics, topic_probs, sentiment_probs FROM predictions ORDER BY passage_id");
        Assert.Equal(batch.Count, rows.Count);
        foreach (var (passageId, s) in batch)
        {
            var row = Assert.Single(rows, r => (long)r["passage_id"]! == passageId);
            Assert.Equal(s.Intent.ToWire(), row["intent"]);
            // The one reused writer must give byte for byte what serializing a {label: rounded p} dictionary gives.
            Assert.Equal(JsonSerializer.Serialize(LabelNames.Intents.All.ToDictionary(l => l.ToWire(), l => Math.Round((double)s.IntentProbs[l], 6))), row["intent_probs"]);
            Assert.Equal(JsonSerializer.Serialize(LabelNames.Topics.All.ToDictionary(l => l.ToWire(), l => Math.Round((double)s.TopicProbs[l], 6))), row["topic_probs"]);
            Assert.Equal(JsonSerializer.Serialize(LabelNames.Sentiments.All.ToDictionary(l => l.ToWire(), l => Math.Round((double)s.SentimentProbs[l], 6))), row["sentiment_probs"]);
            Assert.Equal(JsonSerializer.Serialize(s.Topics.Select(t => t.ToWire()).ToArray()), row["topics"]);
        }
    }
}
