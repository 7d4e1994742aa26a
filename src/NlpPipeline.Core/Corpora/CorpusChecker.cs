using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// Measures an annotated corpus: label counts per language, lengths, the split, exact duplicates (the
/// same text up to case, spacing and punctuation) and near-duplicates (passages sharing any run of
/// <see cref="ShingleWords"/> words, the trace of a reused sentence frame), and lists unmet targets.
/// </summary>
public static class CorpusChecker
{
    public const int ShingleWords = 8;

    public static CorpusStats Measure(IReadOnlyList<AnnotatedPassage> corpus)
    {
        var split = CorpusSplit.Assign(corpus);
        var byLanguage = corpus.GroupBy(p => p.Language).ToDictionary(g => g.Key, g => Stats(g.ToList(), split));
        return new CorpusStats(corpus.Count, byLanguage, ExactDuplicates(corpus), NearDuplicates(corpus));
    }

    public static IReadOnlyList<string> UnmetTargets(CorpusStats stats, CorpusTargets targets)
    {
        var problems = new List<string>();
        foreach (var language in new[] { Language.Kazakh, Language.Russian, Language.English })
        {
            var name = language.ToWire();
            if (!stats.ByLanguage.TryGetValue(language, out var s))
            {
                problems.Add($"{name}: no passages (target {targets.PerMainLanguage})");
                continue;
            }
            if (s.Passages < targets.PerMainLanguage) problems.Add($"{name}: {s.Passages} passages (target {targets.PerMainLanguage})");
            foreach (var intent in LabelNames.Intents.All)
            {
                var share = s.Intents.GetValueOrDefault(intent) / (double)s.Passages;
                if (share < targets.MinIntentShare) problems.Add($"{name}: intent {intent.ToWire()} is {share:P1} of passages (target {targets.MinIntentShare:P0})");
            }
            foreach (var topic in LabelNames.Topics.All)
            {
                var n = s.Topics.GetValueOrDefault(topic);
                if (n < targets.MinTopicCount) problems.Add($"{name}: topic {topic.ToWire()} on {n} passages (target {targets.MinTopicCount})");
            }
            foreach (var sentiment in LabelNames.Sentiments.All)
            {
                var share = s.Sentiments.GetValueOrDefault(sentiment) / (double)s.Passages;
                if (share < targets.MinSentimentShare) problems.Add($"{name}: sentiment {sentiment.ToWire()} is {share:P1} of passages (target {targets.MinSentimentShare:P0})");
            }
        }
        var mixed = stats.ByLanguage.GetValueOrDefault(Language.Mixed)?.Passages ?? 0;
        if (mixed < targets.Mixed) problems.Add($"mixed: {mixed} passages (target {targets.Mixed})");
        if (stats.ExactDuplicates.Count > 0) problems.Add($"{stats.ExactDuplicates.Count} exact duplicate(s)");
        if (stats.NearDuplicateShare >= targets.MaxNearDuplicateShare)
            problems.Add($"near-duplicates: {stats.NearDuplicateShare:P1} of passages (target below {targets.MaxNearDuplicateShare:P0})");
        return problems;
    }

    private static LanguageStats Stats(IReadOnlyList<AnnotatedPassage> ps, IReadOnlyDictionary<string, Split> split)
    {
        var lengths = ps.Select(p => p.Text.Length).Order().ToArray();
        int At(double q) => lengths[(int)Math.Round(q * (lengths.Length - 1))];
        return new LanguageStats(ps.Count,
            Count<Intent>(ps, p => [p.Intent]), Count(ps, p => p.Topics), Count<Sentiment>(ps, p => [p.Sentiment]),
            Count<SourceKind>(ps, p => [p.SourceKind]), Count<Split>(ps, p => [split[p.Id]]),
            Count<(Intent, Split)>(ps, p => [(p.Intent, split[p.Id])]),
            new LengthSummary(lengths[0], At(0.1), At(0.5), At(0.9), lengths[^1]));
    }

    private static Dictionary<T, int> Count<T>(IEnumerable<AnnotatedPassage> ps, Func<AnnotatedPassage, IEnumerable<T>> keys) where T : notnull
    {
        var d = new Dictionary<T, int>();
        foreach (var p in ps)
            foreach (var k in keys(p))
                d[k] = d.GetValueOrDefault(k) + 1;
        return d;
    }

    private static List<(string, string)> ExactDuplicates(IReadOnlyList<AnnotatedPassage> corpus)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var dups = new List<(string, string)>();
        foreach (var p in corpus)
        {
            var hash = ContentHash.Of(p.Text);
            if (!first.TryAdd(hash, p.Id)) dups.Add((p.Id, first[hash]));
        }
        return dups;
    }

    private static List<NearDuplicate> NearDuplicates(IReadOnlyList<AnnotatedPassage> corpus)
    {
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var found = new Dictionary<int, NearDuplicate>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var words = Words(corpus[i].Text);
            for (var start = 0; start + ShingleWords <= words.Count; start++)
            {
                var shingle = string.Join(' ', words.Skip(start).Take(ShingleWords));
                if (!owner.TryAdd(shingle, i) && owner[shingle] != i)
                {
                    var other = owner[shingle];
                    found.TryAdd(i, new NearDuplicate(corpus[i].Id, corpus[other].Id, shingle));
                    found.TryAdd(other, new NearDuplicate(corpus[other].Id, corpus[i].Id, shingle));
                }
            }
        }
        return found.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
    }

    /// <summary>Lower-cased word tokens (letters and digits), as the near-duplicate measure sees them.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in TextNormalizer.ForFeatures(text))
        {
            if (char.IsLetterOrDigit(ch)) { current.Append(ch); continue; }
            if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
