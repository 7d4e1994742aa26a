using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Topic thresholds that know the passage's other topics (a diagnostic of <c>nlp bench cv</c>, docs/classifier.md): a first
/// pass decides every topic with its own threshold (<see cref="TopicThresholds"/>); then each topic's decision uses one
/// threshold per <i>context</i> of the passage, the context being read from the <i>other</i> topics' probabilities only:
/// <see cref="ContextKind.OtherAbove"/> has two contexts (no other topic above its first-pass threshold; some other is),
/// <see cref="ContextKind.StrongestOtherBucket"/> splits the second by the strongest other topic's probability
/// (below 0.4, 0.4–0.7, 0.7 and above). The thresholds of one topic are tuned jointly by coordinate ascent on the grid of
/// <see cref="TopicThresholds.Grid"/>, for that topic's F1 or for the micro-F1 over all topics; a context with fewer than
/// <see cref="TopicThresholds.MinPositives"/> positives of the topic keeps the first-pass threshold.
/// </summary>
public static class ContextThresholds
{
    /// <summary>None: one context (one threshold per topic, a control for the objective).</summary>
    public enum ContextKind { None, OtherAbove, StrongestOtherBucket }

    public enum Objective { TopicF1, MicroF1 }

    /// <summary>The upper bounds of the strongest other topic's probability buckets (the last bucket is open).</summary>
    public static IReadOnlyList<double> Buckets { get; } = [0.4, 0.7];

    public static int Contexts(ContextKind kind) => kind switch { ContextKind.None => 1, ContextKind.OtherAbove => 2, _ => 1 + Buckets.Count + 1 };

    /// <summary>Context of topic <paramref name="t"/>: 0 when no other topic reaches its first-pass threshold.</summary>
    public static int Context(float[] probabilities, double[] firstPass, int t, ContextKind kind)
    {
        if (kind == ContextKind.None) return 0;
        var above = false;
        var strongest = 0f;
        for (var u = 0; u < probabilities.Length; u++)
        {
            if (u == t) continue;
            if (probabilities[u] >= firstPass[u]) above = true;
            strongest = Math.Max(strongest, probabilities[u]);
        }
        if (!above) return 0;
        if (kind == ContextKind.OtherAbove) return 1;
        var b = 0;
        while (b < Buckets.Count && strongest >= Buckets[b]) b++;
        return 1 + b;
    }

    /// <summary>Thresholds [topic][context].</summary>
    public static double[][] Tune(IReadOnlyList<float[]> probabilities, IReadOnlyList<IReadOnlySet<Topic>> gold, IEnumerable<int> indices,
        double[] firstPass, ContextKind kind, Objective objective)
    {
        var idx = indices.ToList();
        var topics = LabelNames.Topics.All;
        var contexts = Contexts(kind);
        var grid = TopicThresholds.Grid;
        // Per topic and context, the counts at every grid threshold: tp[t][c][g], fp, and the positives of the context.
        var tp = new int[topics.Count][][];
        var fp = new int[topics.Count][][];
        var pos = new int[topics.Count][];
        for (var t = 0; t < topics.Count; t++)
        {
            tp[t] = new int[contexts][];
            fp[t] = new int[contexts][];
            pos[t] = new int[contexts];
            for (var c = 0; c < contexts; c++) { tp[t][c] = new int[grid.Count]; fp[t][c] = new int[grid.Count]; }
            foreach (var i in idx)
            {
                var c = Context(probabilities[i], firstPass, t, kind);
                var g = gold[i].Contains(topics[t]);
                if (g) pos[t][c]++;
                var p = probabilities[i][t];
                for (var k = 0; k < grid.Count && p >= grid[k]; k++)
                    if (g) tp[t][c][k]++; else fp[t][c][k]++;
            }
        }
        var at = new int[topics.Count][];
        for (var t = 0; t < topics.Count; t++)
        {
            var start = GridIndex(firstPass[t]);
            at[t] = Enumerable.Repeat(start, contexts).ToArray();
        }
        (int Tp, int Fp, int Fn) Counts(int t)
        {
            int a = 0, b = 0, n = 0;
            for (var c = 0; c < contexts; c++)
            {
                var k = at[t][c];
                a += tp[t][c][k]; b += fp[t][c][k]; n += pos[t][c] - tp[t][c][k];
            }
            return (a, b, n);
        }
        var totals = Enumerable.Range(0, topics.Count).Select(Counts).ToArray();
        double Score(int t)
        {
            if (objective == Objective.TopicF1) return Scorer.Metrics(totals[t].Tp, totals[t].Fp, totals[t].Fn).F1;
            return Scorer.Metrics(totals.Sum(x => x.Tp), totals.Sum(x => x.Fp), totals.Sum(x => x.Fn)).F1;
        }
        for (var pass = 0; pass < 10; pass++)
        {
            var changed = false;
            for (var t = 0; t < topics.Count; t++)
            {
                if (pos[t].Sum() < TopicThresholds.MinPositives) continue;
                for (var c = 0; c < contexts; c++)
                {
                    if (pos[t][c] < TopicThresholds.MinPositives) continue;
                    var keep = at[t][c];
                    var best = (K: keep, F1: Score(t));
                    for (var k = 0; k < grid.Count; k++)
                    {
                        at[t][c] = k;
                        totals[t] = Counts(t);
                        var f1 = Score(t);
                        if (f1 > best.F1 + 1e-9) best = (k, f1);
                    }
                    at[t][c] = best.K;
                    totals[t] = Counts(t);
                    if (best.K != keep) changed = true;
                }
            }
            if (!changed) break;
        }
        return at.Select((ks, t) => ks.Select(k => Math.Round(grid[k], 2)).ToArray()).ToArray();
    }

    public static IReadOnlySet<Topic> Decide(float[] probabilities, double[] firstPass, double[][] thresholds, ContextKind kind) =>
        LabelNames.Topics.All.Where((_, t) => probabilities[t] >= thresholds[t][Context(probabilities, firstPass, t, kind)]).ToHashSet();

    /// <summary>The index of the grid point nearest a threshold (the first pass's thresholds are on the grid).</summary>
    private static int GridIndex(double threshold)
    {
        var grid = TopicThresholds.Grid;
        var nearest = 0;
        for (var k = 1; k < grid.Count; k++) if (Math.Abs(grid[k] - threshold) < Math.Abs(grid[nearest] - threshold)) nearest = k;
        return nearest;
    }
}
