using NlpPipeline.Cli;
using NlpPipeline.Cli.Benchmarks;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>The load-test articles are what the benchmark claims: extractable, in their language, dated, and not near-copies of each other.</summary>
public sealed class SyntheticArticlesTests
{
    private static string Link(int i) => $"http://outlet.bench.test/news/{i}.html";

    [Fact]
    public void Page_ExtractedByTheRealExtractor_GivesItsParagraphsTitleAndDateWithoutFurniture()
    {
        var extractor = Composition.MainTextExtractor();
        foreach (var item in new[] { 0, 2, 3, 41 })
        {
            var page = extractor.Extract(SyntheticArticles.Page(item, Link), new Uri(Link(item)));

            // The visible dateline under the headline (a bare <time>) is metadata, not a paragraph: what the extractor
            // returns is exactly the article's text, and no furniture.
            Assert.Equal(SyntheticArticles.Paragraphs(item), page.Paragraphs);
            Assert.Equal(SyntheticArticles.Published(item), page.Published);
            Assert.Contains(SyntheticArticles.Title(item), page.Title);
        }
    }

    [Fact]
    public void Articles_LanguageMixAndSize_AsDocumented()
    {
        var items = Enumerable.Range(0, 400).ToList();
        var byLanguage = items.GroupBy(SyntheticArticles.Language).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["ru"] = 200, ["kk"] = 100, ["en"] = 100 }, byLanguage);
        foreach (var item in items.Take(12))
        {
            var guess = Composition.Languages.Guess(string.Join(" ", SyntheticArticles.Paragraphs(item)));
            Assert.Equal(SyntheticArticles.Language(item), guess.Language.ToWire());
        }
        var words = items.Select(i => SyntheticArticles.Paragraphs(i).Sum(p => p.Split(' ').Length)).ToList();
        Assert.InRange(words.Min(), 120, 700);
        Assert.InRange(words.Average(), 200, 500);
    }

    [Fact]
    public void Articles_OfOneLanguage_AreNotNearDuplicatesOfEachOther()
    {
        var shingles = Enumerable.Range(0, 60).Select(i => (i, NearDuplicates.Shingle(string.Join("\n", SyntheticArticles.Paragraphs(i))))).ToList();
        foreach (var (a, sa) in shingles)
            foreach (var (b, sb) in shingles.Where(x => x.i > a && SyntheticArticles.Language(x.i) == SyntheticArticles.Language(a)))
            {
                var (jaccard, containment, _) = NearDuplicates.Compare(sa, sb);
                Assert.True(jaccard < 0.2 && containment < 0.3, $"items {a} and {b}: Jaccard {jaccard:F2}, containment {containment:F2}");
            }
    }
}
