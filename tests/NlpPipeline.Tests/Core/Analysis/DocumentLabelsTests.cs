using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;
using Xunit;
using static NlpPipeline.Tests.Core.Analysis.ScoredPassages;

namespace NlpPipeline.Tests.Core.Analysis;

public class DocumentLabelsTests
{
    private const string When = "2022-01-05T12:00:00+06:00";

    [Fact]
    public void From_DepartedBelowThreshold_Ignored()
    {
        var labels = DocumentLabels.From([
            Make(1, When, Intent.Considering, intentProbability: 0.8),
            Make(1, When, Intent.Departed, intentProbability: 0.49),
            Make(1, When, Intent.Staying, intentProbability: 0.95)], intentThreshold: 0.5);
        Assert.Equal(Intent.Considering, labels.Intent);
    }

    [Fact]
    public void From_ProbabilityEqualToThreshold_Counts()
    {
        var labels = DocumentLabels.From([
            Make(1, When, Intent.Discussion, intentProbability: 0.9),
            Make(1, When, Intent.Planning, intentProbability: 0.5)], intentThreshold: 0.5);
        Assert.Equal(Intent.Planning, labels.Intent);
    }

    [Fact]
    public void From_StayingAndDiscussion_StayingIsStronger()
    {
        var labels = DocumentLabels.From([
            Make(1, When, Intent.Staying), Make(1, When, Intent.Discussion), Make(1, When, Intent.None)], 0.5);
        Assert.Equal(Intent.Staying, labels.Intent);
    }

    [Fact]
    public void From_AllBelowThreshold_IntentNone()
    {
        var labels = DocumentLabels.From([
            Make(1, When, Intent.Departed, intentProbability: 0.3),
            Make(1, When, Intent.Planning, intentProbability: 0.2)], 0.5);
        Assert.Equal(Intent.None, labels.Intent);
    }

    [Fact]
    public void From_Topics_UnionWithoutDuplicates()
    {
        var labels = DocumentLabels.From([
            Make(1, When, topics: [Topic.Jobs, Topic.Security]),
            Make(1, When, topics: []),
            Make(1, When, topics: [Topic.Corruption, Topic.Jobs])], 0.5);
        Assert.Equal([Topic.Corruption, Topic.Jobs, Topic.Security], labels.Topics);   // LABELS.md order
    }

    [Fact]
    public void From_Sentiment_LengthWeightedMean()
    {
        // (100·−0.5 + 300·0.5 + 200·0.1) / 600 = 120 / 600 = 0.2
        var labels = DocumentLabels.From([
            Make(1, When, score: -0.5, length: 100),
            Make(1, When, score: 0.5, length: 300),
            Make(1, When, score: 0.1, length: 200)], 0.5);
        Assert.Equal(0.2, labels.SentimentScore!.Value, 12);
    }

    [Fact]
    public void From_Sentiment_NotThePlainMean()
    {
        // Plain mean would be 0; weighted by length it is (1400·−0.8 + 100·0.8) / 1500 = −0.69333…
        var labels = DocumentLabels.From([
            Make(1, When, score: -0.8, length: 1400),
            Make(1, When, score: 0.8, length: 100)], 0.5);
        Assert.Equal(-1040.0 / 1500.0, labels.SentimentScore!.Value, 12);
    }

    [Fact]
    public void From_NoPassages_NoneEmptyAndNullScore()
    {
        var labels = DocumentLabels.From([], 0.5);
        Assert.Equal(Intent.None, labels.Intent);
        Assert.Empty(labels.Topics);
        Assert.Null(labels.SentimentScore);
    }
}
