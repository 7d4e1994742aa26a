using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Annotation;

public sealed class AgreementReportTests
{
    private static AnnotatorLabels A(long id, string who, Intent i, Sentiment s, params Topic[] t) => new(id, who, new AnnotationLabels(Language.Russian, i, t, s));

    [Fact]
    public void From_TwoAnnotators_ScoresEachTaskOnSharedPassagesAndListsDisagreements()
    {
        var report = AgreementReport.From(
        [
            A(1, "a1", Intent.Planning, Sentiment.Negative, Topic.Jobs), A(1, "a2", Intent.Planning, Sentiment.Negative, Topic.Jobs),
            A(2, "a1", Intent.None, Sentiment.Neutral), A(2, "a2", Intent.Discussion, Sentiment.Neutral),
            A(3, "a1", Intent.Departed, Sentiment.Positive), A(3, "a2", Intent.Departed, Sentiment.Positive, Topic.WagesPrices),
            A(4, "a1", Intent.Staying, Sentiment.Positive), A(4, "a2", Intent.Staying, Sentiment.Negative),
            A(5, "a1", Intent.Considering, Sentiment.Negative),   // one annotator only: not an agreement item
        ]);
        Assert.Equal(4, report.Passages);
        Assert.Equal(["a1", "a2"], report.Annotators);
        var intent = report.Task(AgreementReport.IntentTask);
        Assert.Equal(4, intent.Items);
        var expected = Agreement.CohenKappa([("planning", "planning"), ("none", "discussion"), ("departed", "departed"), ("staying", "staying")]);
        Assert.Equal(expected, intent.Pairs.Single().Kappa);
        // p_o = 3/4; p_e = (1·1 + 1·0 + 0·1 + 1·1 + 1·1) / 16 = 3/16; κ = (0.75 − 0.1875) / 0.8125.
        Assert.Equal((0.75 - 3.0 / 16) / (1 - 3.0 / 16), intent.Pairs.Single().Kappa!.Value, 10);
        Assert.Equal([2L, 3L, 4L], report.Disagreements.Select(d => d.PassageId));
        Assert.Equal(["intent"], report.Disagreements[0].Tasks);
        Assert.Equal(["topics"], report.Disagreements[1].Tasks);
        Assert.Equal(["sentiment"], report.Disagreements[2].Tasks);
        // Topics: jobs agreed once (yes/yes), wages_prices split once; pooled over 11 topics × 4 passages = 44 yes/no units: one yes/yes, one no/yes, 42 no/no.
        Assert.Equal(4, report.Task("topics: jobs").Items);
        Assert.Equal(1.0, report.Task("topics: jobs").Alpha!.Value, 10);
        Assert.Null(report.Task("topics: corruption").Alpha);
        var pooled = report.Task(AgreementReport.PooledTopics);
        Assert.Equal(Agreement.KrippendorffAlpha(Enumerable.Repeat((IReadOnlyList<bool>)[false, false], 42).Append([true, true]).Append([false, true])), pooled.Alpha);
    }
}
