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

    [Fact]
    public void Difference_IsPairedOnTheSamePassages()
    {
        var self = Bootstrap.Difference(Gold, Predicted, Predicted, resamples: 300, seed: 3);
        Assert.Equal(new Estimate(0, 0, 0), self.IntentMacroF1);   // identical systems differ by exactly 0 on every resample
        Assert.Equal(new Estimate(0, 0, 0), self.TopicMicroF1);

        var diff = Bootstrap.Difference(Gold, Predicted, Gold, resamples: 300, seed: 3);
        var a = Bootstrap.Estimate(Gold, Predicted, 0, 3);
        Assert.Equal(1 - a.IntentAccuracy.Value, diff.IntentAccuracy.Value, 4);   // gold scores 1 on every figure
        Assert.True(diff.IntentAccuracy.Low >= 0, "the gold labels are never worse than the predictions on any resample");
        Assert.InRange(diff.IntentAccuracy.Value, diff.IntentAccuracy.Low, diff.IntentAccuracy.High);
    }

    private static Figures F(double intent, double sentiment, double topics, double low = double.NaN, double high = double.NaN) =>
        new(100, E(0.5), E(intent, low, high), E(0.5), E(sentiment, low, high), E(topics, low, high), E(0.5));

    private static Estimate E(double v, double low = double.NaN, double high = double.NaN) => new(v, double.IsNaN(low) ? v - 0.05 : low, double.IsNaN(high) ? v + 0.05 : high);

    private static ModelComparison Comparison(Figures difference) =>
        new("a", "b", 100, 1000, 1, [new ComparisonGroup("all", F(0.8, 0.8, 0.8), F(0.8, 0.8, 0.8), difference)]);

    [Fact]
    public void ModelComparison_Verdict_ReadsTheIntervalsOfTheHeadlineFigures()
    {
        Assert.Equal(ComparisonVerdict.NoClearDifference, Comparison(F(0.01, -0.01, 0)).Verdict);
        var better = Comparison(new Figures(100, E(0.5), E(0.06), E(0.5), E(0.0), E(-0.02), E(0.5)));
        Assert.Equal(ComparisonVerdict.Better, better.Verdict);
        Assert.Equal(["intent macro-F1"], better.ClearlyBetter.Select(c => c.Figure));
        Assert.Equal(["topics micro-F1"], better.WorseBeyond(0.01).Select(c => c.Figure));
        Assert.Empty(better.WorseBeyond(0.02));
        var worse = Comparison(new Figures(100, E(0.5), E(0.2), E(0.5), E(-0.08), E(0), E(0.5)));
        Assert.Equal(ComparisonVerdict.Worse, worse.Verdict);   // clearly worse on one figure outweighs clearly better on another
        Assert.Contains("WORSE", ComparisonTable.Describe(worse));
    }
}
