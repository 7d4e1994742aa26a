using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// Topic thresholds that depend on the passage's other topics (the <c>nlp bench cv</c> diagnostic): the context is read from the
/// other topics only, a topic whose positives score lower beside another topic gets a lower threshold there, and with one
/// context tuned for the topic's F1 the thresholds are the per-topic ones.
/// </summary>
public sealed class ContextThresholdsTests
{
    private static List<Topic> All => TopicVectors.All;

    private static float[] Probs(params (Topic Topic, float P)[] set) => TopicVectors.Probs(set);

    [Fact]
    public void Context_ReadsOnlyTheOtherTopics()
    {
        var first = Enumerable.Repeat(0.3, All.Count).ToArray();
        var jobs = All.IndexOf(Topic.Jobs);
        // The topic itself above its threshold does not make a context.
        Assert.Equal(0, ContextThresholds.Context(Probs((Topic.Jobs, 0.9f)), first, jobs, ContextThresholds.ContextKind.OtherAbove));
        Assert.Equal(1, ContextThresholds.Context(Probs((Topic.Jobs, 0.1f), (Topic.Corruption, 0.35f)), first, jobs, ContextThresholds.ContextKind.OtherAbove));
        // Another topic below its own threshold: no context, whatever its probability bucket.
        Assert.Equal(0, ContextThresholds.Context(Probs((Topic.Corruption, 0.25f)), first, jobs, ContextThresholds.ContextKind.StrongestOtherBucket));
        // Buckets of the strongest other topic: < 0.4, 0.4–0.7, ≥ 0.7.
        Assert.Equal(1, ContextThresholds.Context(Probs((Topic.Corruption, 0.35f)), first, jobs, ContextThresholds.ContextKind.StrongestOtherBucket));
        Assert.Equal(2, ContextThresholds.Context(Probs((Topic.Corruption, 0.5f)), first, jobs, ContextThresholds.ContextKind.StrongestOtherBucket));
        Assert.Equal(3, ContextThresholds.Context(Probs((Topic.Corruption, 0.35f), (Topic.Security, 0.75f)), first, jobs, ContextThresholds.ContextKind.StrongestOtherBucket));
        Assert.Equal(0, ContextThresholds.Context(Probs((Topic.Corruption, 0.9f)), first, jobs, ContextThresholds.ContextKind.None));
    }

    [Fact]
    public void Tune_SecondTopicScoredLowerBesideAnother_GetsALowerThresholdThere()
    {
        var probabilities = new List<float[]>();
        var gold = new List<IReadOnlySet<Topic>>();
        // Jobs alone: positives at 0.6, negatives at 0.4.
        for (var i = 0; i < 40; i++)
        {
            var positive = i % 2 == 0;
            probabilities.Add(Probs((Topic.Jobs, positive ? 0.6f : 0.4f)));
            gold.Add(positive ? new HashSet<Topic> { Topic.Jobs } : new HashSet<Topic>());
        }
        // Beside a sure corruption: jobs positives at 0.25, negatives at 0.15.
        for (var i = 0; i < 40; i++)
        {
            var positive = i % 4 == 0;
            probabilities.Add(Probs((Topic.Corruption, 0.9f), (Topic.Jobs, positive ? 0.25f : 0.15f)));
            gold.Add(positive ? new HashSet<Topic> { Topic.Corruption, Topic.Jobs } : new HashSet<Topic> { Topic.Corruption });
        }
        var idx = Enumerable.Range(0, probabilities.Count).ToList();
        var first = TopicThresholds.Tune(probabilities, gold, idx);
        var jobs = All.IndexOf(Topic.Jobs);
        // One threshold cannot separate both: above 0.4 it misses the 10 positives beside corruption (F1 0.8 against 0.75 at 0.16–0.25).
        Assert.InRange(first[jobs], 0.41, 0.60);
        foreach (var objective in new[] { ContextThresholds.Objective.TopicF1, ContextThresholds.Objective.MicroF1 })
        {
            var th = ContextThresholds.Tune(probabilities, gold, idx, first, ContextThresholds.ContextKind.OtherAbove, objective);
            Assert.InRange(th[jobs][0], 0.41, 0.60);
            Assert.InRange(th[jobs][1], 0.16, 0.25);
            for (var i = 0; i < probabilities.Count; i++)
                Assert.True(gold[i].SetEquals(ContextThresholds.Decide(probabilities[i], first, th, ContextThresholds.ContextKind.OtherAbove)));
        }
    }

    [Fact]
    public void Tune_OneContextForTheTopicF1_KeepsThePerTopicThresholds()
    {
        var random = new Random(3);
        var probabilities = new List<float[]>();
        var gold = new List<IReadOnlySet<Topic>>();
        for (var i = 0; i < 400; i++)
        {
            var set = new HashSet<Topic>();
            var p = new float[All.Count];
            for (var t = 0; t < All.Count; t++)
            {
                var positive = random.NextDouble() < 0.15;
                if (positive) set.Add(All[t]);
                p[t] = (float)Math.Clamp(random.NextDouble() * 0.6 + (positive ? 0.3 : 0), 0, 1);
            }
            probabilities.Add(p);
            gold.Add(set);
        }
        var idx = Enumerable.Range(0, probabilities.Count).ToList();
        var first = TopicThresholds.Tune(probabilities, gold, idx);
        var th = ContextThresholds.Tune(probabilities, gold, idx, first, ContextThresholds.ContextKind.None, ContextThresholds.Objective.TopicF1);
        Assert.Equal(first, th.Select(x => Assert.Single(x)).ToArray());
        // Two contexts, tuned from the per-topic thresholds on the same passages, do as well or better there for every topic.
        var two = ContextThresholds.Tune(probabilities, gold, idx, first, ContextThresholds.ContextKind.OtherAbove, ContextThresholds.Objective.TopicF1);
        for (var t = 0; t < All.Count; t++)
        {
            double F1(Func<int, bool> decided)
            {
                int tp = 0, fp = 0, fn = 0;
                foreach (var i in idx)
                {
                    var g = gold[i].Contains(All[t]);
                    if (decided(i) && g) tp++; else if (decided(i)) fp++; else if (g) fn++;
                }
                return 2.0 * tp / Math.Max(1, 2 * tp + fp + fn);
            }
            var before = F1(i => probabilities[i][t] >= first[t]);
            var after = F1(i => ContextThresholds.Decide(probabilities[i], first, two, ContextThresholds.ContextKind.OtherAbove).Contains(All[t]));
            Assert.True(after >= before - 1e-9, $"{All[t]}: {after} < {before}");
        }
    }
}
