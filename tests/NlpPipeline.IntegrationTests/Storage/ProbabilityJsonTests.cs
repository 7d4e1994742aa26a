using NlpPipeline.Core.Labels;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>
/// <see cref="ProbabilityJson.Writer"/> writes numbers itself instead of through the serializer; stored JSON must stay
/// byte for byte what the serializer writes (<see cref="ProbabilityJson.Write{T}"/>) for every value it can meet.
/// </summary>
public sealed class ProbabilityJsonTests
{
    /// <summary>Every six-decimal value from 0 to 1 (a float that rounds to it), beside the serializer's small and out-of-range forms.</summary>
    [Fact]
    public void Writer_EverySixDecimalProbability_WritesWhatTheSerializerWrites()
    {
        var writer = new ProbabilityJson.Writer();
        float[] odd = [3.4e-8f, 1e-6f, 9.9e-6f, 1e-5f, 5.5e-5f, 9.99e-5f, 0.0001f, 0.99999994f, 1f, 1.5f, -0.25f, -0f, float.Epsilon, 0f];
        for (var k = 0; k <= 1_000_000; k++)
        {
            var probs = new Dictionary<Sentiment, float>
            {
                [Sentiment.Negative] = (float)(k / 1e6),
                [Sentiment.Neutral] = (float)((1_000_000 - k) / 1e6),
                [Sentiment.Positive] = odd[k % odd.Length],
            };
            var expected = ProbabilityJson.Write(probs, LabelNames.Sentiments);
            var actual = writer.Write(probs, LabelNames.Sentiments);
            if (actual != expected) Assert.Fail($"k = {k}: {actual} against {expected}");
        }
    }

    [Fact]
    public void Writer_TopicsAndLists_WriteWhatTheSerializerWrites()
    {
        var writer = new ProbabilityJson.Writer();
        var random = new Random(3);
        for (var n = 0; n < 2000; n++)
        {
            var probs = RandomTopics(random);
            Assert.Equal(ProbabilityJson.Write(probs, LabelNames.Topics), writer.Write(probs, LabelNames.Topics));
            var list = RandomTopicList(random);
            Assert.Equal(ProbabilityJson.WriteList(list, LabelNames.Topics), writer.WriteList(list, LabelNames.Topics));
        }
        // A missing label reads as 0, as in the serializer's dictionary.
        Assert.Equal(ProbabilityJson.Write(new Dictionary<Intent, float>(), LabelNames.Intents), writer.Write(new Dictionary<Intent, float>(), LabelNames.Intents));
    }

    /// <summary>The UTF-8 forms <see cref="PredictionStore.Save"/> binds are the serializer's text, encoded, whatever was written before into the same buffer.</summary>
    [Fact]
    public void Writer_Utf8Forms_AreTheSerializersTextInUtf8()
    {
        var writer = new ProbabilityJson.Writer();
        var random = new Random(5);
        for (var n = 0; n < 2000; n++)
        {
            var probs = RandomTopics(random);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(ProbabilityJson.Write(probs, LabelNames.Topics)), writer.WriteUtf8(probs, LabelNames.Topics).ToArray());
            var list = RandomTopicList(random);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(ProbabilityJson.WriteList(list, LabelNames.Topics)), writer.WriteListUtf8(list, LabelNames.Topics).ToArray());
            var sentiments = LabelNames.Sentiments.All.ToDictionary(t => t, _ => (float)random.NextDouble());
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(ProbabilityJson.Write(sentiments, LabelNames.Sentiments)), writer.WriteUtf8(sentiments, LabelNames.Sentiments).ToArray());
        }
        Assert.Equal("[]"u8.ToArray(), writer.WriteListUtf8(new List<Topic>(), LabelNames.Topics).ToArray());
    }

    /// <summary>Topic probabilities, a quarter of them tiny (the serializer's exponent forms).</summary>
    private static Dictionary<Topic, float> RandomTopics(Random random) =>
        LabelNames.Topics.All.ToDictionary(t => t, _ => (float)random.NextDouble() * (random.Next(4) == 0 ? 1e-4f : 1f));

    private static List<Topic> RandomTopicList(Random random) => LabelNames.Topics.All.Where(_ => random.Next(3) == 0).ToList();
}
