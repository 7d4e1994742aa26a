using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Domain;

public sealed class LabelProbabilitiesTests
{
    [Fact]
    public void Dictionary_OverAnArrayByLabel_ReadsEveryLabelInDeclarationOrder()
    {
        var p = new LabelProbabilities<Sentiment>([0.25f, 0.5f, 0.125f]);
        Assert.Equal(3, p.Count);
        Assert.Equal(0.125f, p[Sentiment.Positive]);
        Assert.Equal([Sentiment.Negative, Sentiment.Neutral, Sentiment.Positive], p.Keys);
        Assert.Equal([0.25f, 0.5f, 0.125f], p.Values);
        Assert.Equal(new Dictionary<Sentiment, float> { [Sentiment.Negative] = 0.25f, [Sentiment.Neutral] = 0.5f, [Sentiment.Positive] = 0.125f }, p.ToDictionary());
        Assert.True(p.TryGetValue(Sentiment.Neutral, out var neutral) && neutral == 0.5f);
        Assert.False(p.ContainsKey((Sentiment)3));
        Assert.False(p.TryGetValue((Sentiment)(-1), out _));
        Assert.Throws<KeyNotFoundException>(() => p[(Sentiment)7]);
    }

    [Fact]
    public void Constructor_WrongNumberOfProbabilities_Throws() =>
        Assert.Throws<ArgumentException>(() => new LabelProbabilities<Topic>(new float[LabelNames.Topics.All.Count - 1]));
}
