using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Before/after comparison of every measure of the weekly series around an event, per group: the passages of
/// all "before" weeks pooled against those of all "after" weeks. Differences are after − before with a 95 %
/// interval: Welch's for the mean sentiment score, Newcombe's hybrid score interval for every share (see
/// <see cref="Intervals"/>), each with the counts and denominators behind it, so a thin window is visibly thin.
/// </summary>
public static class EventComparison
{
    public static IReadOnlyList<MeasureComparison> Compare(IReadOnlyList<WeeklyRow> rows, EventWindows windows)
    {
        var result = new List<MeasureComparison>();
        foreach (var group in rows.Select(r => r.Group).Distinct())
        {
            var before = new PassageTally();
            var after = new PassageTally();
            foreach (var r in rows.Where(r => r.Group == group))
            {
                if (windows.IsBefore(r.Week)) before.Add(r.Tally);
                else if (windows.IsAfter(r.Week)) after.Add(r.Tally);
            }
            result.AddRange(Measures(group, before, after));
        }
        return result;
    }

    private static IEnumerable<MeasureComparison> Measures(string? group, PassageTally b, PassageTally a)
    {
        yield return new MeasureComparison(group, "mean_sentiment", "passages", b.MeanSentiment?.Value, a.MeanSentiment?.Value, null, b.Passages, null, a.Passages,
            Intervals.MeanDifference(b.Passages, b.ScoreSum, b.ScoreSquares, a.Passages, a.ScoreSum, a.ScoreSquares));
        yield return Proportion(group, "share_negative", "passages", b.Share(Sentiment.Negative), a.Share(Sentiment.Negative));
        yield return Proportion(group, "share_emigration_related", "passages", b.ShareEmigrationRelated, a.ShareEmigrationRelated);
        foreach (var i in PassageTally.RelatedIntents)
            yield return Proportion(group, $"share_{i.ToWire()}_of_related", "emigration-related passages", b.ShareAmongRelated(i), a.ShareAmongRelated(i));
        foreach (var t in LabelNames.Topics.All)
            yield return Proportion(group, $"share_topic_{t.ToWire()}", "passages", b.Share(t), a.Share(t));
    }

    private static MeasureComparison Proportion(string? group, string measure, string denominator, Share b, Share a) =>
        new(group, measure, denominator, b.Ratio, a.Ratio, b.Count, b.Of, a.Count, a.Of, Intervals.ProportionDifference(b.Count, b.Of, a.Count, a.Of));
}

/// <summary>
/// One measure before and after an event. For a share, <c>BeforeCount</c> of <c>BeforeOf</c> (the denominator);
/// for the mean sentiment the counts are null and <c>BeforeOf</c> is the number of passages averaged.
/// <see cref="Difference"/> is after − before with its 95 % interval, null when either side has nothing.
/// </summary>
public sealed record MeasureComparison(
    string? Group, string Measure, string Denominator,
    double? Before, double? After,
    long? BeforeCount, long BeforeOf, long? AfterCount, long AfterOf,
    Estimate? Difference);
