using Microsoft.ML;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// Issue 5: topic thresholds and the calibration of topic probabilities. A rare topic's positives can score below 0.10,
/// so the threshold grid reaches down to 0.01; the calibration figures of <c>nlp bench cv</c> are checked against
/// hand-computed values; a Platt sigmoid fitted on scores must rise with the score.
/// </summary>
public sealed class TopicCalibrationTests
{
    private static float[] Probs(params (Topic Topic, float P)[] set)
    {
        var p = new float[LabelNames.Topics.All.Count];
        foreach (var (topic, value) in set) p[LabelNames.Topics.All.ToList().IndexOf(topic)] = value;
        return p;
    }

    [Fact]
    public void Tune_PositivesScoredBelowTenPercent_PicksAThresholdBelowTenPercent()
    {
        var probabilities = new List<float[]>();
        var gold = new List<IReadOnlySet<Topic>>();
        for (var i = 0; i < 100; i++)
        {
            var positive = i % 10 == 0;
            probabilities.Add(Probs((Topic.Corruption, positive ? 0.065f : 0.02f)));
            gold.Add(positive ? new HashSet<Topic> { Topic.Corruption } : new HashSet<Topic>());
        }
        var thresholds = TopicThresholds.Tune(probabilities, gold, Enumerable.Range(0, 100));
        var corruption = LabelNames.Topics.All.ToList().IndexOf(Topic.Corruption);
        // Every threshold in (0.02, 0.065] separates perfectly; ties go to the one nearest 0.5.
        Assert.Equal(0.06, thresholds[corruption], 6);
        // A topic without positives keeps 0.5.
        Assert.Equal(0.5, thresholds[LabelNames.Topics.All.ToList().IndexOf(Topic.Jobs)], 6);
        Assert.Equal(0.01, TopicThresholds.Grid[0], 6);
        Assert.Equal(0.90, TopicThresholds.Grid[^1], 6);
    }

    [Fact]
    public void Tune_RandomProbabilities_SameThresholdsAsTheDefinition()
    {
        // The definition, written out plainly: per topic and grid threshold, F1 (as Scorer rounds it) over the chosen passages; best F1, ties nearest 0.5.
        var random = new Random(5);
        var topics = LabelNames.Topics.All;
        var probabilities = Enumerable.Range(0, 600).Select(_ => topics.Select(_ => (float)Math.Pow(random.NextDouble(), 3)).ToArray()).ToList();
        var gold = probabilities.Select(p => (IReadOnlySet<Topic>)topics.Where((_, t) => random.NextDouble() < p[t] * 0.8 + 0.02).ToHashSet()).ToList();
        var idx = Enumerable.Range(0, 600).Where(i => i % 5 != 2).ToList();
        var expected = topics.Select((topic, t) =>
        {
            if (idx.Count(i => gold[i].Contains(topic)) < TopicThresholds.MinPositives) return 0.5;
            var best = (Threshold: 0.5, F1: -1.0);
            foreach (var th in TopicThresholds.Grid)
            {
                var tp = idx.Count(i => probabilities[i][t] >= th && gold[i].Contains(topic));
                var fp = idx.Count(i => probabilities[i][t] >= th && !gold[i].Contains(topic));
                var fn = idx.Count(i => probabilities[i][t] < th && gold[i].Contains(topic));
                var f1 = NlpPipeline.Classification.Evaluation.Scorer.Metrics(tp, fp, fn).F1;
                if (f1 > best.F1 + 1e-9 || (Math.Abs(f1 - best.F1) <= 1e-9 && Math.Abs(th - 0.5) < Math.Abs(best.Threshold - 0.5))) best = (Math.Round(th, 2), f1);
            }
            return best.Threshold;
        }).ToArray();
        var tuned = TopicThresholds.Tune(probabilities, gold, idx);
        Assert.Equal(expected, tuned);
        Assert.True(tuned.Distinct().Count() > 3, string.Join(", ", tuned));
    }

    [Fact]
    public void Calibration_Of_TwoPassages_MatchesHandComputedFigures()
    {
        // 2 passages × 11 topics = 22 pairs; one positive (p 0.8), one negative at 0.2, twenty negatives at 0.
        var probabilities = new List<float[]> { Probs((Topic.Corruption, 0.8f)), Probs((Topic.Corruption, 0.2f)) };
        var gold = new List<IReadOnlySet<Topic>> { new HashSet<Topic> { Topic.Corruption }, new HashSet<Topic>() };
        var c = TopicCalibration.Of(probabilities, gold);
        Assert.Equal(0.8, c.MeanOnPositives, 4);
        Assert.Equal(Math.Round(0.2 / 21, 4), c.MeanOnNegatives, 4);
        Assert.Equal(0.0, c.PositivesBelow010, 4);
        Assert.Equal(Math.Round(0.08 / 22, 4), c.Brier, 4);
        // Bins 0.2–0.3 and 0.8–0.9 are each off by 0.2 on one pair of 22.
        Assert.Equal(Math.Round(0.4 / 22, 4), c.Ece, 4);
    }

    [Fact]
    public void FitPlatt_OverlappingScores_ProbabilityRisesWithTheScore()
    {
        var scores = new List<float>();
        var labels = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            var positive = i % 4 == 0;
            scores.Add((positive ? 1f : -1f) + (i % 7 - 3) * 0.5f);
            labels.Add(positive);
        }
        var platt = ModelFitter.FitPlatt(new MLContext(1), scores, labels);
        double P(double s) => 1 / (1 + Math.Exp(platt.Slope * s + platt.Offset));
        Assert.True(platt.Slope < 0, $"slope {platt.Slope}");
        Assert.True(P(3) > 0.8 && P(-3) < 0.1, $"p(3) {P(3):0.000}, p(-3) {P(-3):0.000}");
        // A quarter of the passages are positive: the mean fitted probability is near 0.25.
        Assert.InRange(scores.Average(s => P(s)), 0.2, 0.3);
    }

    [Fact]
    public void LogOdds_InvertsTheSigmoid_AndStaysFiniteAtZeroAndOne()
    {
        Assert.Equal(Math.Log(0.3 / 0.7), CrossValidator.LogOdds(0.3f), 5);
        Assert.True(float.IsFinite(CrossValidator.LogOdds(0f)) && CrossValidator.LogOdds(0f) < -20);
        Assert.True(float.IsFinite(CrossValidator.LogOdds(1f)) && CrossValidator.LogOdds(1f) > 20);
    }
}
