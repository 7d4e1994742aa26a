using Microsoft.ML.Data;
using NlpPipeline.Classification.Features;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Classification;

public sealed class HashedNgramFeaturizerTests
{
    private static List<(int Index, float Value)> Pairs(VBuffer<float> v) => v.Items().Select(kv => (kv.Key, kv.Value)).ToList();

    [Fact]
    public void Fit_ShortWord_KeepsEveryCharacterNgramWithWordBoundariesAndTheWord()
    {
        // " ab " gives the 2-grams " a", "ab", "b " and the 3-grams " ab", "ab ": five character slots, one word slot.
        var f = HashedNgramFeaturizer.Fit(new HashedNgramOptions(WordMax: 1, CharMin: 2, CharMax: 3, MinCount: 1), ["ab"]);
        Assert.Single(f.Slots.Words);
        Assert.Equal(5, f.Slots.Chars.Count);
        Assert.Equal(6, f.Dimension);
        var v = f.Featurize("ab", null);
        Assert.Equal(6, v.Length);
        // Each block has unit length, then the whole: the word weighs 1/√2, each of the five n-grams 1/√10.
        var values = v.DenseValues().ToArray();
        Assert.Equal(1 / MathF.Sqrt(2), values[0], 5);
        Assert.All(values[1..], x => Assert.Equal(1 / MathF.Sqrt(10), x, 5));
    }

    [Fact]
    public void Fit_MinCountTwo_DropsSlotsSeenInOnePassageOnly()
    {
        var options = new HashedNgramOptions(WordMax: 1, CharMin: 3, CharMax: 3, MinCount: 2);
        var f = HashedNgramFeaturizer.Fit(options, ["жұмыс жоқ", "жұмыс бар"]);
        // Only "жұмыс" is in both passages: one word slot; its character 3-grams " жұ", "жұм", "ұмы", "мыс", "ыс " too.
        Assert.Single(f.Slots.Words);
        Assert.Equal(5, f.Slots.Chars.Count);
        // A passage of unseen words has no features at all (nothing dilutes the known ones).
        Assert.Equal(0, f.Featurize("мүлдем басқа", null).GetValues().Length);
        Assert.Equal(f.Featurize("жұмыс", null).DenseValues(), f.Featurize("жұмыс мүлдем басқа", null).DenseValues());
    }

    [Fact]
    public void Featurize_RepeatedWordWithSublinearTf_WeighsCountsAsOnePlusLog()
    {
        var f = HashedNgramFeaturizer.Fit(new HashedNgramOptions(WordMax: 2, CharMin: 2, CharMax: 2, Sublinear: true, MinCount: 1), ["иә иә иә", "иә"]);
        var words = f.Featurize("иә иә иә", null).DenseValues().Take(f.Slots.Words.Count).Order().ToArray();
        // The unigram three times and the bigram twice, in the ratio (1 + ln 3) : (1 + ln 2).
        Assert.Equal((1 + MathF.Log(3)) / (1 + MathF.Log(2)), words[1] / words[0], 4);
    }

    [Fact]
    public void Featurize_PunctuationCaseAndSpacing_ActAsWordSeparatorsOnly()
    {
        var f = HashedNgramFeaturizer.Fit(new HashedNgramOptions(MinCount: 1), ["кетемін бірақ қашан", "кетемін бірақ қашан емес"]);
        Assert.Equal(Pairs(f.Featurize("Кетемін, бірақ... қашан?!", null)), Pairs(f.Featurize("  кетемін бірақ   қашан ", null)));
        Assert.NotEqual(Pairs(f.Featurize("кетемін бірақ қашан", null)), Pairs(f.Featurize("кетемін бірақ қашан емес", null)));
    }

    [Fact]
    public void FoldKazakh_KazakhLettersAndTheirPhoneSpelling_GiveTheSameFeatures()
    {
        // "қазір жұмыс жоқ, ең болмаса үйде" as typed without Kazakh letters and read back by the transliterator.
        const string kazakh = "қазір жұмыс жоқ, ең болмаса үйде", folded = "казир жумыс жок, ен болмаса уйде";
        var options = new HashedNgramOptions(MinCount: 1, SourceKind: SourceKindFeatures.Bias) { FoldKazakh = true };
        var f = HashedNgramFeaturizer.Fit(options, [kazakh, "басқа мәтін"]);
        Assert.Equal(3, f.Version);
        Assert.Equal(Pairs(f.Featurize(kazakh, SourceKind.Social)), Pairs(f.Featurize(folded, SourceKind.Social)));
        // Without folding the two spellings share only the letters common to both alphabets.
        var plain = HashedNgramFeaturizer.Fit(options with { FoldKazakh = false }, [kazakh, "басқа мәтін"]);
        Assert.Equal(2, plain.Version);
        Assert.NotEqual(Pairs(plain.Featurize(kazakh, SourceKind.Social)), Pairs(plain.Featurize(folded, SourceKind.Social)));
        // Russian text has no Kazakh-only letter: folding leaves its features as they were.
        const string russian = "работы нет, цены растут, уезжаем";
        var ru = HashedNgramFeaturizer.Fit(options, [russian]);
        var ruPlain = HashedNgramFeaturizer.Fit(options with { FoldKazakh = false }, [russian]);
        Assert.Equal(Pairs(ruPlain.Featurize(russian, null)), Pairs(ru.Featurize(russian, null)));
    }

    [Fact]
    public void Featurize_SameTextTwiceAndAfterLongText_IdenticalSortedSparseVector()
    {
        var text = "жалақы төмен, баға өсіп жатыр 😡 сілтеме";
        var f = HashedNgramFeaturizer.Fit(new HashedNgramOptions(Bits: 18, MinCount: 1), [text, "баға өсіп жатыр"]);
        var first = f.Featurize(text, null);
        f.Featurize("a much longer text that leaves larger scratch buffers behind it on this thread, " + new string('x', 3000), null);
        var second = f.Featurize(text, null);
        Assert.Equal(Pairs(first), Pairs(second));
        var indices = first.GetIndices().ToArray();
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(indices.Length, indices.Distinct().Count());
        Assert.Equal(1.0, first.GetValues().ToArray().Sum(x => (double)x * x), 5);
        // Seven words (the emoji is one) and six bigrams, each once, all kept.
        Assert.Equal(13, f.Slots.Words.Count);
    }

    /// <summary>
    /// The direct scorer's features (<see cref="HashedNgramFeaturizer.FeaturizeUnordered"/>: not sorted) are the sorted
    /// ones in another order: the same indices, and values that differ at most by the rounding of each block's norm
    /// (summed in another order). Fixture: the golden test's slot map and texts, and texts long enough to grow the scratch.
    /// </summary>
    [Fact]
    public void FeaturizeUnordered_FixtureTexts_SameFeaturesAsTheSortedPath()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Unit", "Featurizer");
        var f = new HashedNgramFeaturizer(new HashedNgramOptions(Bits: 20, WordMax: 2, CharMin: 3, CharMax: 5, Sublinear: true, MinCount: 2),
            SlotMap.FromBytes(File.ReadAllBytes(Path.Combine(dir, "features.bin"))));
        var texts = File.ReadAllLines(Path.Combine(dir, "texts.txt")).Where(t => t.Length > 0).ToList();
        texts.Add(string.Join(' ', texts.Take(40)));
        texts.Add("");
        var exact = 0;
        foreach (var text in texts)
        {
            var sorted = Pairs(f.Featurize(text, null));
            var (indices, values) = f.FeaturizeUnordered(text, null);
            var unordered = indices.ToArray().Zip(values.ToArray()).OrderBy(p => p.First).ToList();
            Assert.Equal(sorted.Select(p => p.Index), unordered.Select(p => p.First));
            Assert.All(sorted.Zip(unordered), p => Assert.True(Math.Abs(p.First.Value - p.Second.Second) <= 1e-6f * p.First.Value, $"{p.First.Value} against {p.Second.Second}"));
            if (sorted.Select(p => p.Value).SequenceEqual(unordered.Select(p => p.Second))) exact++;
        }
        // Rounding in the last bit of a norm is rare: nearly every passage's values are bit for bit the same.
        Assert.True(exact >= texts.Count - 2, $"{exact} of {texts.Count} passages bit for bit");
    }

    [Fact]
    public void SlotMap_ToBytesAndBack_SameSlotsAndHash()
    {
        var map = new SlotMap([0, 5, 1_000_000], [3, 4, 70_000]);
        var bytes = map.ToBytes();
        var back = SlotMap.FromBytes(bytes);
        Assert.Equal(map.Words, back.Words);
        Assert.Equal(map.Chars, back.Chars);
        Assert.Equal(SlotMap.Sha256(bytes), SlotMap.Sha256(back.ToBytes()));
        Assert.Throws<InvalidOperationException>(() => new SlotMap([5, 5], []).ToBytes());
    }

    [Theory]
    [InlineData(8, 2, 2, 5, 2)]
    [InlineData(20, 0, 0, 0, 2)]
    [InlineData(20, 2, 4, 3, 2)]
    [InlineData(20, 2, 2, 5, 0)]
    public void Constructor_InvalidOptions_Throws(int bits, int wordMax, int charMin, int charMax, int minCount) =>
        Assert.Throws<ArgumentException>(() => new HashedNgramFeaturizer(new HashedNgramOptions(bits, wordMax, charMin, charMax, MinCount: minCount), new SlotMap([], [])));
}
