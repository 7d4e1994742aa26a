using Microsoft.ML.Data;
using NlpPipeline.Classification.Features;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Classification;

/// <summary>Featurizer v2: the source-kind block after the text's features, and v1 (no kind options) ignoring the kind.</summary>
public sealed class SourceKindFeaturesTests
{
    private static readonly string[] Texts = ["кетемін бірақ қашан", "reports say prices rose", "reports say people leave", "баға өсті"];

    private static List<(int Index, float Value)> Pairs(VBuffer<float> v) => v.Items().Select(kv => (kv.Key, kv.Value)).ToList();

    private static HashedNgramFeaturizer Fit(SourceKindFeatures kind) =>
        HashedNgramFeaturizer.Fit(new HashedNgramOptions(WordMax: 2, CharMin: 3, CharMax: 5, Sublinear: true, MinCount: 1, SourceKind: kind),
            Texts.Select((t, i) => (t, (SourceKind?)(i % 2 == 0 ? SourceKind.News : SourceKind.Social))));

    [Fact]
    public void Version1_IgnoresTheKind_AndHasNoKindBlock()
    {
        var f = Fit(SourceKindFeatures.None);
        Assert.Equal(1, f.Version);
        Assert.Empty(f.Slots.KindWords);
        Assert.Equal(f.TextDimension, f.Dimension);
        foreach (var text in Texts)
        {
            var unknown = Pairs(f.Featurize(text, null));
            Assert.Equal(unknown, Pairs(f.Featurize(text, SourceKind.News)));
            Assert.Equal(unknown, Pairs(f.Featurize(text, SourceKind.Social)));
        }
    }

    [Fact]
    public void Bias_AddsOneSlotPerKind_TextFeaturesAsInVersion1()
    {
        var v1 = Fit(SourceKindFeatures.None);
        var f = Fit(SourceKindFeatures.Bias);
        Assert.Equal(2, f.Version);
        Assert.Equal(v1.Slots.Words, f.Slots.Words);
        Assert.Equal(v1.Slots.Chars, f.Slots.Chars);
        Assert.Equal(v1.Dimension + HashedNgramFeaturizer.KindBiasSlots, f.Dimension);
        var text = Texts[1];
        var plain = Pairs(v1.Featurize(text, null));
        var slots = new[] { (SourceKind?)SourceKind.News, SourceKind.Social, null }.Select(kind =>
        {
            var pairs = Pairs(f.Featurize(text, kind));
            // The text's features are exactly v1's (not renormalised), then one bias slot with value 1.
            Assert.Equal(plain, pairs[..^1]);
            Assert.Equal(1f, pairs[^1].Value);
            Assert.True(pairs[^1].Index >= f.TextDimension);
            return pairs[^1].Index;
        }).ToList();
        Assert.Equal(3, slots.Distinct().Count());
        Assert.Equal([v1.Dimension, v1.Dimension + 1, v1.Dimension + 2], slots);
    }

    [Fact]
    public void BiasAndWords_SameTextOfNewsAndSocial_GetKindSpecificWordFeatures()
    {
        var f = Fit(SourceKindFeatures.BiasAndWords);
        Assert.NotEmpty(f.Slots.KindWords);
        // "reports" and "say" were seen once in news (text 1 is social, text 2 news): with MinCount 1 both kinds' slots exist.
        var news = Pairs(f.Featurize("reports say", SourceKind.News));
        var social = Pairs(f.Featurize("reports say", SourceKind.Social));
        var unknown = Pairs(f.Featurize("reports say", null));
        var text = unknown.Where(p => p.Index < f.TextDimension).ToList();
        Assert.Equal(text, news.Where(p => p.Index < f.TextDimension));
        Assert.Equal(text, social.Where(p => p.Index < f.TextDimension));
        var newsWords = news.Where(p => p.Index >= f.TextDimension && p.Index < f.Dimension - HashedNgramFeaturizer.KindBiasSlots).ToList();
        var socialWords = social.Where(p => p.Index >= f.TextDimension && p.Index < f.Dimension - HashedNgramFeaturizer.KindBiasSlots).ToList();
        Assert.Equal(2, newsWords.Count);
        Assert.Equal(2, socialWords.Count);
        Assert.Empty(newsWords.Select(p => p.Index).Intersect(socialWords.Select(p => p.Index)));
        // The kind × word block is normalised to 1/√2; unknown kind has no such block, only its bias slot.
        Assert.Equal(0.5, newsWords.Sum(p => (double)p.Value * p.Value), 5);
        Assert.Single(unknown, p => p.Index >= f.TextDimension);
        // Sorted indices, as ML.NET requires.
        Assert.Equal(news.Select(p => p.Index).Order(), news.Select(p => p.Index));
    }

    [Fact]
    public void BiasAndWords_UnorderedPath_GivesTheSortedFeatures()
    {
        var f = Fit(SourceKindFeatures.BiasAndWords);
        foreach (var text in Texts)
            foreach (var kind in new SourceKind?[] { SourceKind.News, SourceKind.Social, null })
            {
                var sorted = Pairs(f.Featurize(text, kind));
                var (indices, values) = f.FeaturizeUnordered(text, kind);
                var unordered = indices.ToArray().Zip(values.ToArray()).OrderBy(p => p.First).ToList();
                Assert.Equal(sorted.Select(p => p.Index), unordered.Select(p => p.First));
                Assert.All(sorted.Zip(unordered), p => Assert.True(Math.Abs(p.First.Value - p.Second.Second) <= 1e-6f, $"{p.First.Value} against {p.Second.Second}"));
            }
    }

    [Fact]
    public void KindWordSlots_AreKeptByMinCountOverKnownKindsOnly()
    {
        var options = new HashedNgramOptions(WordMax: 1, CharMin: 3, CharMax: 3, MinCount: 2, SourceKind: SourceKindFeatures.BiasAndWords);
        // "жұмыс" in two news passages (kept), "жоқ" once in news and once of unknown kind (dropped).
        var f = HashedNgramFeaturizer.Fit(options, [("жұмыс жоқ", SourceKind.News), ("жұмыс бар", SourceKind.News), ("жоқ", (SourceKind?)null)]);
        Assert.Single(f.Slots.KindWords);
        Assert.Equal(2, f.Slots.Words.Count);
    }

    [Fact]
    public void SlotMap_WithKindWords_RoundTrips_WithoutThemIsTheVersion1File()
    {
        var plain = new SlotMap([0, 5], [3, 4]);
        var withKind = plain with { KindWordSlots = [7, 9_000] };
        var back = SlotMap.FromBytes(withKind.ToBytes());
        Assert.Equal(withKind.KindWords, back.KindWords);
        Assert.Equal(plain.Words, back.Words);
        Assert.Empty(SlotMap.FromBytes(plain.ToBytes()).KindWords);
        Assert.Equal(plain.ToBytes(), new SlotMap([0, 5], [3, 4], []).ToBytes());
        Assert.NotEqual(SlotMap.Sha256(plain.ToBytes()), SlotMap.Sha256(withKind.ToBytes()));
    }

    [Fact]
    public void Options_KindWordsWithoutWordNgrams_AreInvalid()
    {
        Assert.Throws<ArgumentException>(() => new HashedNgramFeaturizer(
            new HashedNgramOptions(WordMax: 0, CharMin: 2, CharMax: 3, SourceKind: SourceKindFeatures.BiasAndWords), new SlotMap([], [])));
        Assert.Throws<ArgumentException>(() => new HashedNgramFeaturizer(new HashedNgramOptions(), new SlotMap([], [], [1])));
    }
}
