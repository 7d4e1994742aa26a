using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The bootstrap scores resamples with its own compact encoding; its point figures must be the ones
/// <see cref="Scorer"/> gives (same macro rule: labels present in the gold data), or the intervals would
/// describe a different number than the one printed beside them.
/// </summary>
public sealed class BootstrapTests
{
    private static PassageLabels L(Intent i, Sentiment s, params Topic[] t) => new(i, s, t.ToHashSet());

    private static readonly PassageLabels[] Gold =
    [
        L(Intent.None, Sentiment.Neutral),
        L(Intent.Planning, Sentiment.Negative, Topic.Jobs, Topic.WagesPrices),
        L(Intent.Considering, Sentiment.Negative, Topic.Corruption),
        L(Intent.Departed, Sentiment.Positive),
        L(Intent.Staying, Sentiment.Positive, Topic.Uncertainty),
        L(Intent.Discussion, Sentiment.Neutral, Topic.Governance),
        L(Intent.Planning, Sentiment.Negative, Topic.WagesPrices),
        L(Intent.None, Sentiment.Negative, Topic.Security),
    ];

    private static readonly PassageLabels[] Predicted =
    [
        L(Intent.None, Sentiment.Neutral),
        L(Intent.Considering, Sentiment.Negative, Topic.Jobs),
        L(Intent.Considering, Sentiment.Neutral, Topic.Corruption, Topic.Governance),
        L(Intent.Departed, Sentiment.Positive),
        L(Intent.None, Sentiment.Neutral),
        L(Intent.Discussion, Sentiment.Neutral, Topic.Governance),
        L(Intent.Planning, Sentiment.Negative, Topic.WagesPrices),
        L(Intent.Discussion, Sentiment.Negative, Topic.Security, Topic.HumanRights),
    ];

    [Fact]
    public void Estimate_PointFigures_AreTheScorers()
    {
        var figures = Bootstrap.Estimate(Gold, Predicted, resamples: 0, seed: 1);

        var intent = Scorer.Multiclass(Gold.Select(g => g.Intent.ToWire()).ToList(), Predicted.Select(p => p.Intent.ToWire()).ToList(), LabelNames.Intents.Names);
        var sentiment = Scorer.Multiclass(Gold.Select(g => g.Sentiment.ToWire()).ToList(), Predicted.Select(p => p.Sentiment.ToWire()).ToList(), LabelNames.Sentiments.Names);
        var topics = Scorer.MultiLabel(
            Gold.Select(g => (IReadOnlySet<string>)g.Topics.Select(t => t.ToWire()).ToHashSet()).ToList(),
            Predicted.Select(p => (IReadOnlySet<string>)p.Topics.Select(t => t.ToWire()).ToHashSet()).ToList(), LabelNames.Topics.Names);

        // The scorer rounds precision and recall to 4 places before F1; allow for that.
        Assert.Equal(intent.Accuracy, figures.IntentAccuracy.Value, 3);
        Assert.Equal(intent.MacroF1, figures.IntentMacroF1.Value, 3);
        Assert.Equal(sentiment.Accuracy, figures.SentimentAccuracy.Value, 3);
        Assert.Equal(sentiment.MacroF1, figures.SentimentMacroF1.Value, 3);
        Assert.Equal(topics.MicroF1, figures.TopicMicroF1.Value, 3);
        Assert.Equal(topics.MacroF1, figures.TopicMacroF1.Value, 3);
        Assert.Equal(0.625, figures.IntentAccuracy.Value, 4);   // 5 of 8 by hand
    }

    [Fact]
    public void Estimate_Interval_HoldsThePointAndIsSeeded()
    {
        var a = Bootstrap.Estimate(Gold, Predicted, resamples: 500, seed: 7);
        var b = Bootstrap.Estimate(Gold, Predicted, resamples: 500, seed: 7);

        Assert.Equal(a, b);
        Assert.InRange(a.IntentAccuracy.Value, a.IntentAccuracy.Low, a.IntentAccuracy.High);
        Assert.True(a.IntentAccuracy.High - a.IntentAccuracy.Low > 0.2, "eight passages must give a wide interval");
    }
}
