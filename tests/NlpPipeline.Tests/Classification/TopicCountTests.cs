using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// Eighth round (a): the topic-count model's decisions (MetaLabeler's top k, thresholds adjusted by the count, the tuning of the
/// adjustment), its learner, and the cross-fitted recalibration, on small hand-made data.
/// </summary>
public sealed class TopicCountTests
{
    private static List<Topic> All => TopicVectors.All;

    private static float[] Probs(params (Topic Topic, float P)[] set) => TopicVectors.Probs(set);

    private static int MaskOf(params Topic[] topics) => TopicCount.Mask(topics);

    [Fact]
    public void ClassOf_CountsTopics_ThreeOrMoreTogether()
    {
        Assert.Equal(0, TopicCount.ClassOf(new HashSet<Topic>()));
        Assert.Equal(1, TopicCount.ClassOf(new HashSet<Topic> { Topic.Jobs }));
        Assert.Equal(2, TopicCount.ClassOf(new HashSet<Topic> { Topic.Jobs, Topic.Corruption }));
        Assert.Equal(3, TopicCount.ClassOf(new HashSet<Topic> { Topic.Jobs, Topic.Corruption, Topic.Security }));
        Assert.Equal(3, TopicCount.ClassOf(new HashSet<Topic> { Topic.Jobs, Topic.Corruption, Topic.Security, Topic.Education }));
    }

    [Fact]
    public void Mask_RoundTripsTopics()
    {
        var topics = new HashSet<Topic> { Topic.Jobs, Topic.Uncertainty, Topic.Corruption };
        var mask = TopicCount.Mask(topics);
        Assert.Equal(3, System.Numerics.BitOperations.PopCount((uint)mask));
        Assert.True(topics.SetEquals(TopicCount.Topics(mask)));
        Assert.Equal(1 << All.IndexOf(Topic.Corruption), MaskOf(Topic.Corruption));
    }

    [Fact]
    public void TopK_TakesTheMostProbableTopics_AsManyAsTheMostProbableCount()
    {
        var p = Probs((Topic.Jobs, 0.7f), (Topic.WagesPrices, 0.2f), (Topic.Corruption, 0.05f), (Topic.Security, 0.3f));
        Assert.Equal(0, TopicCount.TopK(p, [0.6f, 0.2f, 0.1f, 0.1f]));
        Assert.Equal(MaskOf(Topic.Jobs), TopicCount.TopK(p, [0.2f, 0.5f, 0.2f, 0.1f]));
        Assert.Equal(MaskOf(Topic.Jobs, Topic.Security), TopicCount.TopK(p, [0.1f, 0.3f, 0.4f, 0.2f]));
        Assert.Equal(MaskOf(Topic.Jobs, Topic.Security, Topic.WagesPrices), TopicCount.TopK(p, [0.1f, 0.2f, 0.3f, 0.4f]));
    }

    [Fact]
    public void Hybrid_AddsUpToTheCount_AboveTheFloor_AndDropsWhenTheCountSaysNone()
    {
        var p = Probs((Topic.Jobs, 0.7f), (Topic.Security, 0.25f), (Topic.WagesPrices, 0.15f), (Topic.Corruption, 0.05f));
        var byThresholds = MaskOf(Topic.Jobs);
        var s = new TopicCount.HybridSettings(Tau: 0.5, Floor: 0.1, Tau0: 0.8);
        // P(≥ 2) = 0.6 ≥ τ: the next most probable topic is added, one only (k = 2).
        Assert.Equal(MaskOf(Topic.Jobs, Topic.Security), TopicCount.Hybrid(p, byThresholds, [0.1f, 0.3f, 0.5f, 0.1f], s));
        // P(≥ 3) = 0.55 ≥ τ: up to three topics.
        Assert.Equal(MaskOf(Topic.Jobs, Topic.Security, Topic.WagesPrices), TopicCount.Hybrid(p, byThresholds, [0.05f, 0.05f, 0.35f, 0.55f], s));
        // The floor stops the additions: wages_prices (0.15) is below a floor of 0.2.
        Assert.Equal(MaskOf(Topic.Jobs, Topic.Security), TopicCount.Hybrid(p, byThresholds, [0.05f, 0.05f, 0.35f, 0.55f], s with { Floor = 0.2 }));
        Assert.Equal(byThresholds, TopicCount.Hybrid(p, byThresholds, [0.05f, 0.05f, 0.35f, 0.55f], s with { Floor = 0.3 }));
        // P(≥ 2) = 0.4 < τ: the thresholds' decision stands.
        Assert.Equal(byThresholds, TopicCount.Hybrid(p, byThresholds, [0.1f, 0.5f, 0.3f, 0.1f], s));
        // Enough topics already: nothing added, nothing taken away.
        var three = MaskOf(Topic.Jobs, Topic.Corruption, Topic.Education);
        Assert.Equal(three, TopicCount.Hybrid(p, three, [0.1f, 0.3f, 0.5f, 0.1f], s));
        // P(0) ≥ τ0: every topic dropped; just below it, kept.
        Assert.Equal(0, TopicCount.Hybrid(p, byThresholds, [0.85f, 0.1f, 0.05f, 0f], s));
        Assert.Equal(byThresholds, TopicCount.Hybrid(p, byThresholds, [0.75f, 0.2f, 0.05f, 0f], s));
        // "Off" settings never fire.
        var off = new TopicCount.HybridSettings(double.PositiveInfinity, 0.05, double.PositiveInfinity);
        Assert.Equal(byThresholds, TopicCount.Hybrid(p, byThresholds, [0.99f, 0f, 0f, 0.01f], off));
        Assert.Equal(byThresholds, TopicCount.Hybrid(p, byThresholds, [0f, 0f, 0f, 1f], off));
    }

    [Fact]
    public void TuneHybrid_FindsSecondTopicsAndEmptyPassages_TheThresholdsMissed()
    {
        // 60 passages with jobs (0.8) and a second topic, security, at 0.3, below its threshold; the count model says 2 (0.7).
        // 120 passages with jobs only, security at 0.3 too; the count model says 1 (P(≥ 2) = 0.2).
        // 60 passages with no topic but a false jobs decision at 0.6; the count model says 0 (0.9).
        // 60 passages with jobs (0.6) only; the count model hesitates (P(0) = 0.6).
        var probabilities = new List<float[]>();
        var counts = new List<float[]>();
        var gold = new List<int>();
        var byThresholds = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            probabilities.Add(Probs((Topic.Jobs, 0.8f), (Topic.Security, 0.3f))); counts.Add([0.05f, 0.25f, 0.6f, 0.1f]);
            gold.Add(MaskOf(Topic.Jobs, Topic.Security)); byThresholds.Add(MaskOf(Topic.Jobs));
            for (var copy = 0; copy < 2; copy++)
            {
                probabilities.Add(Probs((Topic.Jobs, 0.8f), (Topic.Security, 0.3f))); counts.Add([0.05f, 0.75f, 0.15f, 0.05f]);
                gold.Add(MaskOf(Topic.Jobs)); byThresholds.Add(MaskOf(Topic.Jobs));
            }
            probabilities.Add(Probs((Topic.Jobs, 0.6f))); counts.Add([0.9f, 0.1f, 0f, 0f]);
            gold.Add(0); byThresholds.Add(MaskOf(Topic.Jobs));
            probabilities.Add(Probs((Topic.Jobs, 0.6f))); counts.Add([0.6f, 0.4f, 0f, 0f]);
            gold.Add(MaskOf(Topic.Jobs)); byThresholds.Add(MaskOf(Topic.Jobs));
        }
        var idx = Enumerable.Range(0, gold.Count).ToList();
        var s = TopicCount.TuneHybrid(probabilities, byThresholds, counts, gold, idx);
        Assert.InRange(s.Tau, 0.21, 0.70);
        Assert.InRange(s.Floor, 0.01, 0.30);
        Assert.InRange(s.Tau0, 0.61, 0.90);
        for (var i = 0; i < gold.Count; i++) Assert.Equal(gold[i], TopicCount.Hybrid(probabilities[i], byThresholds[i], counts[i], s));
        // Where the count model knows nothing, the tuned rule changes nothing (adding security everywhere would cost more false
        // topics, 120, than it finds, 60).
        var flat = counts.Select(_ => new[] { 0.25f, 0.25f, 0.25f, 0.25f }).ToList();
        var none = TopicCount.TuneHybrid(probabilities, byThresholds, flat, gold, idx);
        for (var i = 0; i < gold.Count; i++) Assert.Equal(byThresholds[i], TopicCount.Hybrid(probabilities[i], byThresholds[i], flat[i], none));
    }

    [Fact]
    public void Confusion_CountsGoldClassesAgainstTheMostProbable()
    {
        var gold = new List<IReadOnlySet<Topic>> { new HashSet<Topic>(), new HashSet<Topic> { Topic.Jobs }, new HashSet<Topic> { Topic.Jobs, Topic.Security }, new HashSet<Topic>() };
        var counts = new List<float[]> { new[] { 0.7f, 0.3f, 0f, 0f }, new[] { 0.1f, 0.6f, 0.3f, 0f }, new[] { 0.1f, 0.6f, 0.3f, 0f }, new[] { 0.2f, 0.5f, 0.3f, 0f } };
        Assert.Equal("count model out of fold: accuracy 0.500; predicted 0 1 2 ≥3 by gold: gold 0: 1 1 0 0; gold 1: 0 1 0 0; gold 2: 0 1 0 0; gold ≥3: 0 0 0 0",
            TopicCount.Confusion(counts, gold));
    }

    [Fact]
    public void WithoutBlock_LeavesOutThoseSlotsOnly()
    {
        var x = new VBuffer<float>(10, 4, [0.5f, 0.2f, 0.3f, 0.7f], [1, 4, 6, 9]);
        var y = TopicCount.WithoutBlock(x, 4, 7);
        Assert.Equal(10, y.Length);
        Assert.Equal([1, 9], y.GetIndices().ToArray());
        Assert.Equal([0.5f, 0.7f], y.GetValues().ToArray());
    }

    [Fact]
    public void Normalise_SumsToOne_AndKeepsTheOrder()
    {
        var p = TopicCount.Normalise([0.2f, 0.6f, 0.1f, 0.1f]);
        Assert.Equal(1.0, p.Sum(), 5);
        Assert.Equal(0.6 / 1.0, p[1], 5);
        var q = TopicCount.Normalise([0.1f, 0.1f, 0.05f, 0.05f]);
        Assert.Equal(1.0 / 3, q[0], 5);
        Assert.Equal(1, TopicCount.ArgMax(p));
    }

    [Fact]
    public void FitLearner_SeparatesAPlainSignal_AndItsSigmoidAgrees()
    {
        // Slot 0 marks a positive, slot 1 a negative; slot 2 is noise on every vector.
        var x = new List<VBuffer<float>>();
        var y = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            var positive = i % 3 == 0;
            x.Add(new VBuffer<float>(4, 2, [1f, (i % 7) / 7f], [positive ? 0 : 1, 2]));
            y.Add(positive);
        }
        var learner = TopicCount.FitLearner(new MLContext(1), x, y);
        for (var i = 0; i < x.Count; i++)
        {
            Assert.Equal(y[i], learner.Score(x[i]) > 0);
            Assert.Equal(y[i], learner.LogOdds(x[i]) > 0);
        }
        Assert.True(learner.Weights[0] > 0 && learner.Weights[1] < 0);
    }

    [Fact]
    public void Recalibrate_IsCrossFitted_AFoldsOwnLabelsDoNotMoveItsProbabilities()
    {
        // Two folds; the log-odds are a noisy signal of the label.
        var random = new Random(5);
        var n = 400;
        var fold = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4).ToArray();
        var z = labels.Select(l => new[] { (l ? 1.0 : -1.0) + random.NextDouble() * 2 - 1 }).ToArray();
        var (p, _) = TopicCount.Recalibrate(z, null, (i, _) => labels[i], fold, 2);
        // Flip every label of fold 0: fold 0's probabilities come from fold 1's sigmoid and stay; fold 1's change.
        var (flipped, _) = TopicCount.Recalibrate(z, null, (i, _) => fold[i] == 0 ? !labels[i] : labels[i], fold, 2);
        for (var i = 0; i < n; i++)
            if (fold[i] == 0) Assert.Equal(p[i][0], flipped[i][0]);
        Assert.Contains(Enumerable.Range(0, n), i => fold[i] == 1 && Math.Abs(p[i][0] - flipped[i][0]) > 0.05);
        // The sigmoid is increasing in the log-odds, and the positives score higher on average.
        var order = Enumerable.Range(0, n).Where(i => fold[i] == 0).OrderBy(i => z[i][0]).ToList();
        for (var j = 1; j < order.Count; j++) Assert.True(p[order[j]][0] >= p[order[j - 1]][0]);
        Assert.True(Enumerable.Range(0, n).Where(i => labels[i]).Average(i => p[i][0]) > Enumerable.Range(0, n).Where(i => !labels[i]).Average(i => p[i][0]) + 0.2);
        // Rows left out by `include` do not count: fitted on the positives only, every probability is near 1.
        var (onlyPositives, _) = TopicCount.Recalibrate(z, null, (i, _) => labels[i], fold, 2, include: i => labels[i]);
        Assert.All(onlyPositives, v => Assert.True(v[0] > 0.9));
    }

    [Fact]
    public void ScoreFeatures_AreTheLogOdds_ThenTheFourLargest_AfterThePrefix()
    {
        var p = Probs((Topic.Jobs, 0.5f), (Topic.Security, 0.8f), (Topic.Corruption, 0.2f), (Topic.Education, 0.1f));
        var x = TopicCount.ScoreFeatures(p, [7, 8]);
        Assert.Equal(2 + All.Count + 4, x.Length);
        Assert.Equal([7.0, 8.0], x[..2]);
        Assert.Equal(0, x[2 + All.IndexOf(Topic.Jobs)], 6);
        Assert.Equal(Math.Log(4), x[2 + All.IndexOf(Topic.Security)], 5);
        // A probability of 0 is clamped to 10⁻⁴.
        Assert.Equal(Math.Log(1e-4 / (1 - 1e-4)), x[2 + All.IndexOf(Topic.Uncertainty)], 6);
        double[] expected = [Math.Log(4), 0, Math.Log(0.25), Math.Log(1 / 9.0)];
        Assert.Equal(expected.Select(v => Math.Round(v, 5)), x[^4..].Select(v => Math.Round(v, 5)));
    }

    [Fact]
    public void CrossFitScores_LearnsTheCountFromTheScores_WithoutAFoldsOwnLabels()
    {
        // Passages whose second-largest log-odds is high have two topics; two folds.
        var random = new Random(7);
        var n = 600;
        var fold = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var classes = Enumerable.Range(0, n).Select(_ => random.Next(3)).ToList();
        var x = classes.Select(c => TopicCount.ScoreFeatures(Probs(
            (Topic.Jobs, c >= 1 ? 0.8f : 0.1f), (Topic.Security, c == 2 ? 0.6f : 0.15f), (Topic.Corruption, (float)random.NextDouble() * 0.3f)))).ToArray();
        var (p, _) = TopicCount.CrossFitScores(x, null, classes, fold, 2);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(1.0, p[i].Sum(), 4);
            Assert.Equal(classes[i], TopicCount.ArgMax(p[i]));
        }
        // Fold 0's own classes do not move its probabilities.
        var changed = classes.Select((c, i) => fold[i] == 0 ? (c + 1) % 3 : c).ToList();
        var (q, _) = TopicCount.CrossFitScores(x, null, changed, fold, 2);
        for (var i = 0; i < n; i++) if (fold[i] == 0) Assert.Equal(p[i], q[i]);
    }

    [Fact]
    public void Candidates_AreChosen_WithOnlyTheTopicDecisionChanged()
    {
        var names = ClassifierConfig.TopicCountCandidates.Select(c => c.Name).ToList();
        Assert.Equal(["count-topk", "count-hybrid", "count-gate", "count-topk-scores", "count-hybrid-scores", "count-topk-both", "count-hybrid-both", "count-topk-intentvec",
            "count-hybrid-intentvec"], names);
        foreach (var c in ClassifierConfig.TopicCountCandidates)
        {
            Assert.Same(c, ClassifierConfig.Find(c.Name));
            Assert.NotNull(c.TopicCount);
            Assert.Equal(ClassifierConfig.Chosen with { Name = c.Name, TopicCount = c.TopicCount }, c);
            Assert.Contains(c.TopicCount!.ToString(), c.Describe());
        }
        Assert.Null(ClassifierConfig.Chosen.TopicCount);
    }
}
