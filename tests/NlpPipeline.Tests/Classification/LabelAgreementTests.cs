using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// Kappa, observed agreement and F1 of <see cref="LabelAgreement"/> on ten hand-made passages whose figures are
/// worked out below, one task at a time:
/// <code>
///  #  lang  intent (ref/other)   sentiment (ref/other)  jobs (ref/other)  corruption (ref/other)
///  0  kk    none/none            negative/negative      yes/yes           yes/yes
///  1  kk    none/none            negative/negative      yes/yes           yes/no
///  2  kk    none/none            negative/negative      yes/yes           no/no
///  3  kk    none/none            negative/neutral       yes/yes           no/no
///  4  kk    none/none            neutral/neutral        yes/no            no/no
///  5  kk    none/none            neutral/neutral        no/yes            no/no
///  6  ru    none/planning        neutral/positive       no/yes            no/no
///  7  ru    planning/none        positive/positive      no/no             no/no
///  8  ru    planning/planning    positive/positive      no/no             no/no
///  9  ru    planning/planning    positive/negative      no/no             no/no
/// </code>
/// </summary>
public sealed class LabelAgreementTests
{
    private static readonly LabelAgreement.Item[] Items = Build();

    private static LabelAgreement.Item[] Build()
    {
        Intent[] intentRef = [Intent.None, Intent.None, Intent.None, Intent.None, Intent.None, Intent.None, Intent.None, Intent.Planning, Intent.Planning, Intent.Planning];
        Intent[] intentOther = [Intent.None, Intent.None, Intent.None, Intent.None, Intent.None, Intent.None, Intent.Planning, Intent.None, Intent.Planning, Intent.Planning];
        var (neg, neu, pos) = (Sentiment.Negative, Sentiment.Neutral, Sentiment.Positive);
        Sentiment[] sentimentRef = [neg, neg, neg, neg, neu, neu, neu, pos, pos, pos];
        Sentiment[] sentimentOther = [neg, neg, neg, neu, neu, neu, pos, pos, pos, neg];
        bool[] jobsRef = [true, true, true, true, true, false, false, false, false, false];
        bool[] jobsOther = [true, true, true, true, false, true, true, false, false, false];
        bool[] corruptionRef = [true, true, false, false, false, false, false, false, false, false];
        bool[] corruptionOther = [true, false, false, false, false, false, false, false, false, false];
        HashSet<Topic> Topics(bool jobs, bool corruption) =>
            new[] { (jobs, Topic.Jobs), (corruption, Topic.Corruption) }.Where(x => x.Item1).Select(x => x.Item2).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new LabelAgreement.Item(i < 6 ? Language.Kazakh : Language.Russian,
            new PassageLabels(intentRef[i], sentimentRef[i], Topics(jobsRef[i], corruptionRef[i])),
            new PassageLabels(intentOther[i], sentimentOther[i], Topics(jobsOther[i], corruptionOther[i])))).ToArray();
    }

    [Fact]
    public void Measure_TwoByTwoIntent_KappaAndMacroF1AsWorkedOut()
    {
        var all = LabelAgreement.Measure("corpus", "a31", Items, resamples: 0, seed: 1).Overall;

        // Table none/planning: 6 1 / 1 2. p_o = 8/10. Both give none 7 times and planning 3 times:
        // p_e = 0.7·0.7 + 0.3·0.3 = 0.58, κ = (0.8 − 0.58) / (1 − 0.58) = 0.22 / 0.42 = 11/21.
        Assert.Equal(0.8, all.Intent!.Observed.Value, 4);
        Assert.Equal(11.0 / 21, all.Intent!.Kappa!.Value, 4);
        // F1(none) = 2·6 / (2·6 + 1 + 1) = 12/14, F1(planning) = 2·2 / (2·2 + 1 + 1) = 4/6; macro = 16/21.
        Assert.Equal(16.0 / 21, all.Intent!.MacroF1.Value, 4);
    }

    [Fact]
    public void Measure_ThreeByThreeSentiment_KappaAndMacroF1AsWorkedOut()
    {
        var all = LabelAgreement.Measure("corpus", "a31", Items, resamples: 0, seed: 1).Overall;

        // Diagonal 3 + 2 + 2 = 7 of 10. Reference shares neg .4, neu .3, pos .3; other neg .4 (3 + the pos→neg),
        // neu .3, pos .3: p_e = .16 + .09 + .09 = .34, κ = (.7 − .34) / .66 = 6/11.
        Assert.Equal(0.7, all.Sentiment!.Observed.Value, 4);
        Assert.Equal(6.0 / 11, all.Sentiment!.Kappa!.Value, 4);
        // F1(negative) = 6/8 (tp 3, fp 1, fn 1); F1(neutral) = F1(positive) = 4/6 (tp 2, fp 1, fn 1).
        Assert.Equal((0.75 + 4.0 / 6 + 4.0 / 6) / 3, all.Sentiment!.MacroF1.Value, 4);
    }

    [Fact]
    public void Measure_Topics_PerTopicKappaCountsAndF1AsWorkedOut()
    {
        var all = LabelAgreement.Measure("corpus", "a31", Items, resamples: 0, seed: 1).Overall;

        // jobs: both 4, reference only 1, other only 2, neither 3. p_o = .7; p_e = .5·.6 + .5·.4 = .5; κ = .2/.5 = .4.
        var jobs = all.Topics!.PerTopic.Single(t => t.Topic == "jobs");
        Assert.Equal((4, 1, 2, 3), (jobs.Both, jobs.ReferenceOnly, jobs.OtherOnly, jobs.Neither));
        Assert.Equal(0.4, jobs.Kappa!.Value, 4);
        // corruption: both 1, reference only 1, neither 8. p_o = .9; p_e = .2·.1 + .8·.9 = .74; κ = .16/.26 = 8/13.
        var corruption = all.Topics!.PerTopic.Single(t => t.Topic == "corruption");
        Assert.Equal((1, 1, 0, 8), (corruption.Both, corruption.ReferenceOnly, corruption.OtherOnly, corruption.Neither));
        Assert.Equal(8.0 / 13, corruption.Kappa!.Value, 4);
        // A topic nobody tagged: both say "absent" throughout, chance agreement is total, kappa undefined.
        var education = all.Topics!.PerTopic.Single(t => t.Topic == "education");
        Assert.Equal(10, education.Neither);
        Assert.Null(education.Kappa);
        Assert.Equal(LabelNames.Topics.Names, all.Topics!.PerTopic.Select(t => t.Topic));

        // micro: tp 4 + 1, fp 2 + 0, fn 1 + 1: 2·5 / (2·5 + 2 + 2) = 10/14. macro over the topics the reference
        // has: jobs 8/11, corruption 2/3.
        Assert.Equal(10.0 / 14, all.Topics!.MicroF1.Value, 4);
        Assert.Equal((8.0 / 11 + 2.0 / 3) / 2, all.Topics.MacroF1.Value, 4);
    }

    [Fact]
    public void Measure_ByLanguage_GroupsInLabelOrderWithTheirOwnFigures()
    {
        var a = LabelAgreement.Measure("corpus", "a31", Items, resamples: 0, seed: 1);

        Assert.Equal(["all", "kk", "ru"], a.Groups.Select(g => g.Language));
        Assert.Equal([10, 6, 4], a.Groups.Select(g => g.Passages));
        var kk = a.Groups[1];
        // Every kk passage is none for both: complete agreement, but kappa is undefined (one label throughout).
        Assert.Equal(1.0, kk.Intent!.Observed.Value);
        Assert.Null(kk.Intent!.Kappa);
        Assert.Equal(1.0, kk.Intent!.MacroF1.Value);
        // ru: none/planning, planning/none, planning/planning ×2. p_o = .5; both give none once and planning
        // three times: p_e = (1 + 9)/16 = .625; κ = (.5 − .625)/.375 = −1/3, worse than chance.
        var ru = a.Groups[2];
        Assert.Equal(0.5, ru.Intent!.Observed.Value);
        Assert.Equal(-1.0 / 3, ru.Intent!.Kappa!.Value, 4);
    }

    [Fact]
    public void Measure_Confusion_ReferenceRowsOtherColumns()
    {
        var a = LabelAgreement.Measure("corpus", "a31", Items, resamples: 0, seed: 1);

        var none = LabelNames.Intents.All.ToList().IndexOf(Intent.None);
        var planning = LabelNames.Intents.All.ToList().IndexOf(Intent.Planning);
        Assert.Equal(6, a.IntentConfusion!.Counts[none][none]);
        Assert.Equal(1, a.IntentConfusion!.Counts[none][planning]);
        Assert.Equal(1, a.IntentConfusion!.Counts[planning][none]);
        Assert.Equal(2, a.IntentConfusion!.Counts[planning][planning]);
        var (neg, pos) = (LabelNames.Sentiments.All.ToList().IndexOf(Sentiment.Negative), LabelNames.Sentiments.All.ToList().IndexOf(Sentiment.Positive));
        Assert.Equal(1, a.SentimentConfusion!.Counts[pos][neg]);
        Assert.Equal(0, a.SentimentConfusion!.Counts[neg][pos]);
        Assert.Equal(10, a.SentimentConfusion!.Counts.Sum(r => r.Sum()));
    }

    [Fact]
    public void Measure_IdenticalLabels_KappaOneAndEveryF1One()
    {
        var same = Items.Select(i => i with { Other = i.Reference }).ToList();
        var all = LabelAgreement.Measure("a31", "a32", same, resamples: 50, seed: 1).Overall;

        Assert.Equal(1.0, all.Intent!.Kappa);
        Assert.Equal(1.0, all.Sentiment!.Kappa);
        Assert.Equal(new Estimate(1, 1, 1), all.Intent!.MacroF1);
        Assert.Equal(new Estimate(1, 1, 1), all.Topics!.MicroF1);
        Assert.All(all.Topics!.PerTopic.Where(t => t.Both > 0), t => Assert.Equal(1.0, t.Kappa));
    }

    [Fact]
    public void Measure_WithResamples_IntervalsHoldThePointAndRepeatWithTheSeed()
    {
        var a = LabelAgreement.Measure("corpus", "a31", Items, resamples: 300, seed: 7).Overall;
        var b = LabelAgreement.Measure("corpus", "a31", Items, resamples: 300, seed: 7).Overall;

        foreach (var e in new[] { a.Intent!.MacroF1, a.Sentiment!.MacroF1, a.Topics!.MicroF1, a.Topics!.MacroF1, a.Sentiment!.Observed })
        {
            Assert.InRange(e.Value, e.Low, e.High);
            Assert.True(e.High > e.Low, "ten disagreeing passages must give an interval of some width");
        }
        Assert.Equal(a.Sentiment!.MacroF1, b.Sentiment!.MacroF1);
        Assert.Equal(a.Topics!.MicroF1, b.Topics!.MicroF1);
    }
}
