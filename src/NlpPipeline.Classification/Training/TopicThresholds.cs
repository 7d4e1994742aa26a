using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Picks each topic's decision threshold as the one that maximises that topic's F1 on out-of-fold
/// probabilities (<see cref="Grid"/>: 0.01 … 0.90 in steps of 0.01; ties go to the
/// threshold nearest 0.5, and a topic with fewer than 5 positives keeps 0.5). The low steps are there because a rare
/// topic's calibrated probability is often below 0.10 on passages that do name it (docs/classifier.md).
/// </summary>
public static class TopicThresholds
{
    public const int MinPositives = 5;

    /// <summary>The thresholds tried, in increasing order.</summary>
    public static IReadOnlyList<double> Grid { get; } =
        [.. Enumerable.Range(1, 90).Select(i => i / 100.0)];

    public static double[] Tune(IReadOnlyList<float[]> probabilities, IReadOnlyList<IReadOnlySet<Topic>> gold, IEnumerable<int> indices)
    {
        var idx = indices.ToList();
        var topics = LabelNames.Topics.All;
        var result = new double[topics.Count];
        // Each topic's probabilities and gold flags in flat arrays first (a set lookup per passage and threshold was most of the time).
        var p = new float[idx.Count];
        var g = new bool[idx.Count];
        for (var t = 0; t < topics.Count; t++)
        {
            var positives = 0;
            for (var j = 0; j < idx.Count; j++)
            {
                p[j] = probabilities[idx[j]][t];
                g[j] = gold[idx[j]].Contains(topics[t]);
                if (g[j]) positives++;
            }
            var best = (Threshold: 0.5, F1: -1.0);
            if (positives >= MinPositives)
            {
                foreach (var th in Grid)
                {
                    int tp = 0, fp = 0, fn = 0;
                    for (var j = 0; j < idx.Count; j++)
                    {
                        var predicted = p[j] >= th;
                        if (predicted && g[j]) tp++; else if (predicted) fp++; else if (g[j]) fn++;
                    }
                    var f1 = Scorer.Metrics(tp, fp, fn).F1;
                    if (f1 > best.F1 + 1e-9 || (Math.Abs(f1 - best.F1) <= 1e-9 && Math.Abs(th - 0.5) < Math.Abs(best.Threshold - 0.5)))
                        best = (Math.Round(th, 2), f1);
                }
            }
            result[t] = best.Threshold;
        }
        return result;
    }
}
