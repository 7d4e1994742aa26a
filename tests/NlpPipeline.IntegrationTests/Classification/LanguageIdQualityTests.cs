using NlpPipeline.Classification.Languages;
using NlpPipeline.Cli.Benchmarks;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Guards the held-out language-identification results recorded in docs/benchmarks.md from regressing
/// (accuracy only; speed is measured by `nlp bench langid`, never in a test).
/// </summary>
public sealed class LanguageIdQualityTests
{
    private static readonly Dictionary<string, IReadOnlyList<LanguageBenchmark.Item>> Sets = new()
    {
        ["test.jsonl"] = LanguageBenchmark.Load(Path.Combine(TestPaths.RepoRoot, "corpora", "langid", "test.jsonl")),
        ["test-b.jsonl"] = LanguageBenchmark.Load(Path.Combine(TestPaths.RepoRoot, "corpora", "langid", "test-b.jsonl")),
    };

    private static double Accuracy(IReadOnlyList<LanguageBenchmark.Item> items, NlpPipeline.Core.Text.ILanguageIdentifier id, Func<LanguageBenchmark.Item, bool> where)
    {
        var selected = items.Where(where).ToList();
        return selected.Count(i => id.Guess(i.Text).Language == i.Language) / (double)selected.Count;
    }

    private static bool IsMainLanguage(LanguageBenchmark.Item i) => i.Language is Language.Kazakh or Language.Russian or Language.English;

    // Floors at or above the targets (99.5 %, 97 %, 97 %, mixed F1 0.8), just under the figures recorded in
    // docs/benchmarks.md after the folded model was recounted from the 6,684-passage corpus (test: 99.7 %, 98.9 %,
    // 99.3 %, mixed F1 0.939, other F1 0.640; test-b: 100 %, 99.2 %, 100 %, mixed F1 0.837, other F1 0.452). The other-F1 floors keep the speed work from buying speed with "other".
    [Theory]
    [InlineData("test.jsonl", 0.92, 0.62)]
    [InlineData("test-b.jsonl", 0.82, 0.44)]
    public void Hybrid_HeldOutSet_MeetsTheTargets(string set, double mixedF1Floor, double otherF1Floor)
    {
        var items = Sets[set];
        var hybrid = new HybridLanguageIdentifier();
        Assert.InRange(Accuracy(items, hybrid, i => IsMainLanguage(i) && i.Text.Length > LanguageBenchmark.ShortLength), 0.995, 1.0);
        Assert.InRange(Accuracy(items, hybrid, i => IsMainLanguage(i) && i.Text.Length <= LanguageBenchmark.ShortLength), 0.98, 1.0);
        Assert.InRange(Accuracy(items, hybrid, i => i.Language == Language.Kazakh && i.Script == "latin"), 0.985, 1.0);
        var predicted = items.Select(i => hybrid.Guess(i.Text).Language).ToList();
        Assert.InRange(F1(items, predicted, Language.Mixed), mixedF1Floor, 1.0);
        Assert.InRange(F1(items, predicted, Language.Other), otherF1Floor, 1.0);
    }

    private static double F1(IReadOnlyList<LanguageBenchmark.Item> items, List<Language> predicted, Language label)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var k = 0; k < items.Count; k++)
        {
            var gold = items[k].Language == label;
            var said = predicted[k] == label;
            if (gold && said) tp++; else if (said) fp++; else if (gold) fn++;
        }
        return 2.0 * tp / (2 * tp + fp + fn);
    }

    [Theory]
    [InlineData("test.jsonl")]
    [InlineData("test-b.jsonl")]
    public void Hybrid_HeldOutSet_BeatsLinguaAloneOnLongShortAndLatinKazakh(string set)
    {
        var items = Sets[set];
        var hybrid = new HybridLanguageIdentifier();
        var lingua = new LinguaLanguageIdentifier();
        foreach (var where in new Func<LanguageBenchmark.Item, bool>[]
                 {
                     i => IsMainLanguage(i) && i.Text.Length > LanguageBenchmark.ShortLength,
                     i => IsMainLanguage(i) && i.Text.Length <= LanguageBenchmark.ShortLength,
                     i => i.Language == Language.Kazakh && i.Script == "latin",
                 })
            Assert.True(Accuracy(items, hybrid, where) > Accuracy(items, lingua, where));
    }
}
