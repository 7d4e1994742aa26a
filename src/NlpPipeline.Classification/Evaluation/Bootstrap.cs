using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>A figure on the test data and its 95 % percentile bootstrap interval.</summary>
public sealed record Estimate(double Value, double Low, double High);

/// <summary>Every headline figure of one system on one set of passages.</summary>
public sealed record Figures(int Passages, Estimate IntentAccuracy, Estimate IntentMacroF1, Estimate SentimentAccuracy,
    Estimate SentimentMacroF1, Estimate TopicMicroF1, Estimate TopicMacroF1);

/// <summary>
/// Percentile bootstrap over passages: <c>resamples</c> samples of the same size drawn with replacement
/// by a seeded <see cref="Random"/>, every figure recomputed on each. Macro averages run over the labels
/// present in the gold labels of the (re)sample, as in <see cref="Scorer"/>.
/// </summary>
public static class Bootstrap
{
    public static Figures Estimate(IReadOnlyList<PassageLabels> gold, IReadOnlyList<PassageLabels> predicted, int resamples, int seed)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        var data = new Encoded(gold, predicted);
        return Resample(gold.Count, data.Compute, resamples, seed);
    }

    /// <summary>
    /// Paired bootstrap of the difference <paramref name="b"/> − <paramref name="a"/> between two systems scored on
    /// the same passages: each resample draws the same passages for both, so the interval reflects how the two
    /// differ on one test set, not how two independent samples would.
    /// </summary>
    public static Figures Difference(IReadOnlyList<PassageLabels> gold, IReadOnlyList<PassageLabels> a, IReadOnlyList<PassageLabels> b, int resamples, int seed)
    {
        if (gold.Count != a.Count || gold.Count != b.Count) throw new ArgumentException("gold and predictions differ in length");
        var da = new Encoded(gold, a);
        var db = new Encoded(gold, b);
        return Resample(gold.Count, idx =>
        {
            var (x, y) = (da.Compute(idx), db.Compute(idx));
            return x.Select((v, i) => y[i] - v).ToArray();
        }, resamples, seed);
    }

    private static Figures Resample(int count, Func<int[], double[]> compute, int resamples, int seed)
    {
        var point = compute(Enumerable.Range(0, count).ToArray());
        var samples = new double[6][];
        for (var m = 0; m < 6; m++) samples[m] = new double[resamples];
        var random = new Random(seed);
        var idx = new int[count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < idx.Length; i++) idx[i] = random.Next(count);
            var v = compute(idx);
            for (var m = 0; m < 6; m++) samples[m][r] = v[m];
        }
        Estimate E(int m)
        {
            if (resamples == 0) return new(Round(point[m]), Round(point[m]), Round(point[m]));
            Array.Sort(samples[m]);
            return new(Round(point[m]), Round(Percentile(samples[m], 0.025)), Round(Percentile(samples[m], 0.975)));
        }
        return new Figures(count, E(0), E(1), E(2), E(3), E(4), E(5));
    }

    private static double Percentile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double Round(double v) => Math.Round(v, 4);

    /// <summary>Labels as small integers and topic sets as bit masks, so a resample is scored in one pass.</summary>
    private sealed class Encoded
    {
        private readonly int[] _goldIntent, _predIntent, _goldSentiment, _predSentiment;
        private readonly int[] _goldTopics, _predTopics;
        private static readonly int IntentCount = LabelNames.Intents.All.Count;
        private static readonly int SentimentCount = LabelNames.Sentiments.All.Count;
        private static readonly int TopicCount = LabelNames.Topics.All.Count;

        public Encoded(IReadOnlyList<PassageLabels> gold, IReadOnlyList<PassageLabels> predicted)
        {
            int IntentIndex(Intent x) => LabelNames.Intents.All.ToList().IndexOf(x);
            int SentimentIndex(Sentiment x) => LabelNames.Sentiments.All.ToList().IndexOf(x);
            int Mask(IReadOnlySet<Topic> ts) => LabelNames.Topics.All.Select((t, i) => ts.Contains(t) ? 1 << i : 0).Sum();
            _goldIntent = gold.Select(g => IntentIndex(g.Intent)).ToArray();
            _predIntent = predicted.Select(p => IntentIndex(p.Intent)).ToArray();
            _goldSentiment = gold.Select(g => SentimentIndex(g.Sentiment)).ToArray();
            _predSentiment = predicted.Select(p => SentimentIndex(p.Sentiment)).ToArray();
            _goldTopics = gold.Select(g => Mask(g.Topics)).ToArray();
            _predTopics = predicted.Select(p => Mask(p.Topics)).ToArray();
        }

        /// <summary>intent accuracy, intent macro-F1, sentiment accuracy, sentiment macro-F1, topic micro-F1, topic macro-F1.</summary>
        public double[] Compute(int[] idx)
        {
            var (ia, im) = Multiclass(idx, _goldIntent, _predIntent, IntentCount);
            var (sa, sm) = Multiclass(idx, _goldSentiment, _predSentiment, SentimentCount);
            var tp = new int[TopicCount];
            var fp = new int[TopicCount];
            var fn = new int[TopicCount];
            foreach (var i in idx)
            {
                int g = _goldTopics[i], p = _predTopics[i];
                for (var t = 0; t < TopicCount; t++)
                {
                    var gt = (g >> t & 1) == 1;
                    var pt = (p >> t & 1) == 1;
                    if (gt && pt) tp[t]++; else if (pt) fp[t]++; else if (gt) fn[t]++;
                }
            }
            var micro = F1(tp.Sum(), fp.Sum(), fn.Sum());
            var supported = Enumerable.Range(0, TopicCount).Where(t => tp[t] + fn[t] > 0).ToList();
            var macro = supported.Count == 0 ? 0 : supported.Average(t => F1(tp[t], fp[t], fn[t]));
            return [ia, im, sa, sm, micro, macro];
        }

        private static (double Accuracy, double MacroF1) Multiclass(int[] idx, int[] gold, int[] predicted, int labels)
        {
            var tp = new int[labels];
            var fp = new int[labels];
            var fn = new int[labels];
            var correct = 0;
            foreach (var i in idx)
            {
                if (gold[i] == predicted[i]) { correct++; tp[gold[i]]++; }
                else { fn[gold[i]]++; fp[predicted[i]]++; }
            }
            var supported = Enumerable.Range(0, labels).Where(l => tp[l] + fn[l] > 0).ToList();
            var macro = supported.Count == 0 ? 0 : supported.Average(l => F1(tp[l], fp[l], fn[l]));
            return (idx.Length == 0 ? 0 : correct / (double)idx.Length, macro);
        }

        private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
