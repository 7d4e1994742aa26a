using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// The topic-count candidates in the cross-validation (docs/classifier.md, eighth round (a)), on a small part of the corpus: they
/// change the topic decision only, MetaLabeler keeps exactly the k most probable topics, and the gate's product is at most p(any).
/// </summary>
public sealed class TopicCountCrossValidationTests
{
    private static readonly Lazy<(List<string> Ids, List<TrainingRow> Rows)> Data = new(() => TrainingSample.EveryNth(6));

    private static readonly Lazy<CrossValidator.Outcome> Chosen = new(() => Run("chosen"));

    private static CrossValidator.Outcome Run(string config)
    {
        var (ids, rows) = Data.Value;
        return CrossValidator.Run(ids, rows, ClassifierConfig.Find(config)!, folds: 3, seed: 1, parallelism: 1);
    }

    [Fact]
    public void TopK_KeepsTheMostProbableCountOfTheMostProbableTopics_AndLeavesIntentAndSentiment()
    {
        var chosen = Chosen.Value;
        var topk = Run("count-topk");
        var counts = topk.CountProbabilities!;
        var sizes = new int[TopicCount.Classes];
        for (var i = 0; i < chosen.OutOfFold.Count; i++)
        {
            Assert.Equal(chosen.OutOfFold[i].IntentScores, topk.OutOfFold[i].IntentScores);
            Assert.Equal(chosen.OutOfFold[i].SentimentScores, topk.OutOfFold[i].SentimentScores);
            // The same topic probabilities; only the decision differs.
            Assert.Equal(chosen.OutOfFold[i].TopicProbs, topk.OutOfFold[i].TopicProbs);
            Assert.Equal(1.0, counts[i].Sum(), 4);
            var k = TopicCount.ArgMax(counts[i]);
            Assert.Equal(k, topk.Decided[i].Count);
            sizes[k]++;
            var p = topk.OutOfFold[i].TopicProbs;
            var lowestKept = topk.Decided[i].Select(t => p[All.IndexOf(t)]).DefaultIfEmpty(1f).Min();
            var highestLeft = All.Where(t => !topk.Decided[i].Contains(t)).Select(t => p[All.IndexOf(t)]).Max();
            Assert.True(lowestKept >= highestLeft, $"passage {i}: kept {lowestKept}, left {highestLeft}");
        }
        // The count model predicts no topic, one and two topics on this corpus (about 40 % of the passages have none).
        Assert.True(sizes[0] > 0 && sizes[1] > 0 && sizes[2] > 0, string.Join(", ", sizes));
        Assert.NotEqual(chosen.Result.Mean.TopicMicroF1, topk.Result.Mean.TopicMicroF1);
        Assert.Equal(chosen.Result.Mean.IntentMacroF1, topk.Result.Mean.IntentMacroF1);
    }

    [Fact]
    public void EachCountModel_ReadsItsOwnFeatures()
    {
        // The text, intent-vector and score count models give different count probabilities (each its own path), and all sum to 1.
        var outcomes = new[] { "count-topk", "count-topk-intentvec", "count-topk-scores" }.Select(c => Run(c).CountProbabilities!).ToList();
        for (var a = 0; a < outcomes.Count; a++)
            for (var b = a + 1; b < outcomes.Count; b++)
            {
                var differ = Enumerable.Range(0, outcomes[a].Count).Count(i => outcomes[a][i].Zip(outcomes[b][i]).Any(x => Math.Abs(x.First - x.Second) > 1e-3));
                Assert.True(differ > outcomes[a].Count / 2, $"models {a} and {b}: {differ} of {outcomes[a].Count} passages differ");
            }
        Assert.All(outcomes.SelectMany(o => o), p => Assert.Equal(1.0, p.Sum(), 4));
    }

    [Fact]
    public void Gate_ChangesTheTopicProbabilitiesOnly()
    {
        var chosen = Chosen.Value;
        var gate = Run("count-gate");
        var moved = 0;
        for (var i = 0; i < chosen.OutOfFold.Count; i++)
        {
            Assert.Equal(chosen.OutOfFold[i].IntentScores, gate.OutOfFold[i].IntentScores);
            Assert.Equal(chosen.OutOfFold[i].SentimentScores, gate.OutOfFold[i].SentimentScores);
            Assert.All(gate.OutOfFold[i].TopicProbs, p => Assert.InRange(p, 0f, 1f));
            if (chosen.OutOfFold[i].TopicProbs.Zip(gate.OutOfFold[i].TopicProbs).Any(x => Math.Abs(x.First - x.Second) > 0.01)) moved++;
        }
        Assert.True(moved > chosen.OutOfFold.Count / 2, $"{moved} of {chosen.OutOfFold.Count}");
        Assert.Null(gate.CountProbabilities);
        Assert.Equal(chosen.Result.Mean.SentimentMacroF1, gate.Result.Mean.SentimentMacroF1);
    }

    private static readonly List<Topic> All = [.. LabelNames.Topics.All];

}
