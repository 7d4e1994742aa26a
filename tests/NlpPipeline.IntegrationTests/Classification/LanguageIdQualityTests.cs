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
    private static readonly IReadOnlyList<LanguageBenchmark.Item> Items =
        LanguageBenchmark.Load(Path.Combine(TestPaths.RepoRoot, "corpora", "langid", "test.jsonl"));

    private static double Accuracy(NlpPipeline.Core.Text.ILanguageIdentifier id, Func<LanguageBenchmark.Item, bool> where)
    {
        var selected = Items.Where(where).ToList();
        return selected.Count(i => id.Guess(i.Text).Language == i.Language) / (double)selected.Count;
    }

    private static bool IsMainLanguage(LanguageBenchmark.Item i) => i.Language is Language.Kazakh or Language.Russian or Language.English;

    [Fact]
    public void Hybrid_HeldOutPassagesOver40Chars_AtLeast99Point5Percent() =>
        Assert.InRange(Accuracy(new HybridLanguageIdentifier(), i => IsMainLanguage(i) && i.Text.Length > LanguageBenchmark.ShortLength), 0.995, 1.0);

    [Fact]
    public void Hybrid_HeldOutSet_BeatsLinguaAloneOnLongShortAndLatinKazakh()
    {
        var hybrid = new HybridLanguageIdentifier();
        var lingua = new LinguaLanguageIdentifier();
        foreach (var where in new Func<LanguageBenchmark.Item, bool>[]
                 {
                     i => IsMainLanguage(i) && i.Text.Length > LanguageBenchmark.ShortLength,
                     i => IsMainLanguage(i) && i.Text.Length <= LanguageBenchmark.ShortLength,
                     i => i.Language == Language.Kazakh && i.Script == "latin",
                 })
            Assert.True(Accuracy(hybrid, where) > Accuracy(lingua, where));
    }
}
