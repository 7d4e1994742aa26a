using NlpPipeline.Core.Corpora;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>
/// How close each test passage comes to the training part: the Jaccard overlap of its set of words of four or more
/// letters (<see cref="CorpusChecker.Words"/>) with that of its most similar training passage. A hand-written corpus
/// tells some stories twice in other words (the same statistic, the same kind of post); a test passage with such a
/// twin in training is easier than new text, so the held-out figures are also given without them
/// (<see cref="DefaultThreshold"/>). The most similar passage is searched among the <see cref="Candidates"/> training
/// passages sharing the most of the test passage's rarer words (those in at most 2 % of training passages), so a twin
/// that shares only common words can be missed; a missed twin stays in the figures without twins and makes them, if
/// anything, slightly too high.
/// </summary>
public static class TrainingNeighbours
{
    /// <summary>Test passages at or above this overlap with a training passage are left out of the "without close neighbours" figures.</summary>
    public const double DefaultThreshold = 0.2;

    /// <summary>Training passages whose overlap is computed exactly, per test passage.</summary>
    public const int Candidates = 50;

    private const int MinLetters = 4;

    /// <summary>For each of <paramref name="test"/>, its largest overlap with any of <paramref name="training"/> (0 when none shares a rarer word).</summary>
    public static double[] Nearest(IReadOnlyList<string> test, IReadOnlyList<string> training)
    {
        var trainingWords = training.Select(WordSet).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in trainingWords)
            foreach (var w in set) df[w] = df.GetValueOrDefault(w) + 1;
        var maxDf = Math.Max(5, training.Count / 50);
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < trainingWords.Count; i++)
            foreach (var w in trainingWords[i])
                if (df[w] <= maxDf)
                {
                    if (!index.TryGetValue(w, out var list)) index[w] = list = [];
                    list.Add(i);
                }

        var result = new double[test.Count];
        Parallel.For(0, test.Count, t =>
        {
            var words = WordSet(test[t]);
            var shared = new Dictionary<int, int>();
            foreach (var w in words)
                if (index.TryGetValue(w, out var list))
                    foreach (var i in list) shared[i] = shared.GetValueOrDefault(i) + 1;
            var best = 0.0;
            foreach (var (i, _) in shared.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(Candidates))
                best = Math.Max(best, Jaccard(words, trainingWords[i]));
            result[t] = best;
        });
        return result;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var both = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)both / (a.Count + b.Count - both);
    }

    public static HashSet<string> WordSet(string text) =>
        CorpusChecker.Words(text).Where(w => w.Length >= MinLetters).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The held-out evaluation restricted to test passages with no close training neighbour (<see cref="TrainingNeighbours"/>).</summary>
public sealed record HeldOutWithoutNeighbours(double Threshold, int LeftOut, HeldOutEvaluation Evaluation);
