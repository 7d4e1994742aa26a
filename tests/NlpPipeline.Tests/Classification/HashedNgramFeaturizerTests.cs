using Microsoft.ML.Data;
using NlpPipeline.Classification.Features;

namespace NlpPipeline.Tests.Classification;

public sealed class HashedNgramFeaturizerTests
{
    private static (VBuffer<float> Words, VBuffer<float> Chars) Run(HashedNgramFeaturizer f, string text)
    {
        VBuffer<float> words = default, chars = default;
        f.Featurize(text, ref words, ref chars);
        return (words, chars);
    }

    private static List<(int Slot, float Value)> Pairs(VBuffer<float> v) =>
        v.Items().Select(kv => (kv.Key, kv.Value)).ToList();

    [Fact]
    public void Featurize_ShortWord_CountsEveryCharacterNgramWithWordBoundaries()
    {
        // " ab " gives the 2-grams " a", "ab", "b " and the 3-grams " ab", "ab ": five n-grams, one word.
        var f = new HashedNgramFeaturizer(new HashedNgramOptions(Bits: 20, WordMax: 1, CharMin: 2, CharMax: 3));
        var (words, chars) = Run(f, "ab");
        Assert.Equal(1 << 20, chars.Length);
        Assert.Equal(5f, chars.GetValues().ToArray().Sum());
        Assert.Equal(5, chars.GetValues().Length);
        Assert.Equal([1f], words.GetValues().ToArray());
    }

    [Fact]
    public void Featurize_RepeatedWord_CountsItsFrequencyAndBigrams()
    {
        var f = new HashedNgramFeaturizer(new HashedNgramOptions(Bits: 20, WordMax: 2, CharMin: 2, CharMax: 2));
        var (words, _) = Run(f, "иә иә иә");
        // One unigram three times, one bigram ("иә иә") twice.
        Assert.Equal([2f, 3f], words.GetValues().ToArray().Order());
    }

    [Fact]
    public void Featurize_SublinearOption_WeighsCountsAsOnePlusLog()
    {
        var f = new HashedNgramFeaturizer(new HashedNgramOptions(Bits: 20, WordMax: 1, CharMin: 2, CharMax: 2, Sublinear: true));
        var (words, _) = Run(f, "да да да");
        Assert.Equal(1 + MathF.Log(3), Assert.Single(words.GetValues().ToArray()), 5);
    }

    [Fact]
    public void Featurize_PunctuationAndSpacing_ActAsWordSeparatorsOnly()
    {
        var f = new HashedNgramFeaturizer(new HashedNgramOptions());
        var a = Run(f, "кетемін, бірақ... қашан?!");
        var b = Run(f, "  кетемін бірақ   қашан ");
        Assert.Equal(Pairs(a.Words), Pairs(b.Words));
        Assert.Equal(Pairs(a.Chars), Pairs(b.Chars));
        Assert.NotEqual(Pairs(a.Chars), Pairs(Run(f, "кетемін бірақ қашан емес").Chars));
    }

    [Fact]
    public void Featurize_SameTextTwiceAndOtherInstance_IdenticalSortedSparseVectors()
    {
        var options = new HashedNgramOptions(Bits: 18);
        var text = "Жалақы төмен, баға өсіп жатыр 😡 urltoken";
        var first = Run(new HashedNgramFeaturizer(options), text);
        var f = new HashedNgramFeaturizer(options);
        Run(f, "a much longer text that leaves larger scratch buffers behind it on this thread, " + new string('x', 3000));
        var second = Run(f, text);
        Assert.Equal(Pairs(first.Chars), Pairs(second.Chars));
        Assert.Equal(Pairs(first.Words), Pairs(second.Words));
        var indices = first.Chars.GetIndices().ToArray();
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(indices.Distinct().Count(), indices.Length);
        Assert.All(indices, i => Assert.InRange(i, 0, (1 << 18) - 1));
        // Seven words (the emoji is one) and six bigrams, each once.
        Assert.Equal(Enumerable.Repeat(1f, 13), first.Words.GetValues().ToArray());
    }

    [Fact]
    public void Featurize_EmptyText_EmptyVectors()
    {
        var (words, chars) = Run(new HashedNgramFeaturizer(new HashedNgramOptions()), " ,.! ");
        Assert.Equal(0, words.GetValues().Length);
        Assert.Equal(0, chars.GetValues().Length);
    }

    [Theory]
    [InlineData(8, 2, 2, 5, 2)]
    [InlineData(20, 0, 0, 0, 2)]
    [InlineData(20, 2, 4, 3, 2)]
    [InlineData(20, 2, 2, 5, 0)]
    public void Constructor_InvalidOptions_Throws(int bits, int wordMax, int charMin, int charMax, int minCount) =>
        Assert.Throws<ArgumentException>(() => new HashedNgramFeaturizer(new HashedNgramOptions(bits, wordMax, charMin, charMax, MinCount: minCount)));
}
