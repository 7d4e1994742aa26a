using NlpPipeline.Core.Text;
using Xunit;

namespace NlpPipeline.Tests.Core.Text;

public class ContentHashTests
{
    [Theory]
    [InlineData("Цены выросли на 20 %.", "цены   выросли на 20%")]
    [InlineData("Цены выросли на 20 %.", "«ЦЕНЫ ВЫРОСЛИ — НА 20 %!»")]
    [InlineData("Жалақы өте аз.", "жалақы\u00A0өте\nаз")]
    [InlineData("Ещё один день.", "Еще один день")]
    [InlineData("Soft\u00ADhyphen text", "softhyphen text")]
    public void Of_SameWordsDifferentFormatting_HashesEqual(string a, string b)
    {
        Assert.Equal(ContentHash.Of(a), ContentHash.Of(b));
    }

    [Theory]
    [InlineData("Цены выросли на 20 %.", "Цены выросли на 30 %.")]
    [InlineData("Жалақы өте аз.", "Жалақы өте көп.")]
    [InlineData("Мы остаёмся.", "Мы уезжаем.")]
    public void Of_DifferentText_HashesDiffer(string a, string b)
    {
        Assert.NotEqual(ContentHash.Of(a), ContentHash.Of(b));
    }

    [Fact]
    public void Of_Text_IsLowerCaseHexSha256OfLettersAndDigits()
    {
        // "A, b. C!" keeps only "abc"; SHA-256("abc") is the FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of("A, b. C!"));
    }

    [Fact]
    public void Sha256Hex_Empty_IsKnownVector()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.Sha256Hex(""));
    }

    /// <summary>The hash from rented buffers equals the SHA-256 of the string of letters and digits (how it was computed
    /// before), on texts with Kazakh, Russian and Latin letters, digits, punctuation, emoji and a lone surrogate, and a long one.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("!!! --- ...")]
    [InlineData("Жалақы өте аз, бірақ 2024 жылы 15 % өсті.")]
    [InlineData("Цены выросли — «на 20 %» 🙂 \uD801 straße ǅ")]
    public void OfFeatureText_EqualsHashOfLettersAndDigitsString(string text)
    {
        foreach (var sample in new[] { text, string.Concat(Enumerable.Repeat(text + " ", 700)) })
        {
            var features = TextNormalizer.ForFeatures(sample);
            Assert.Equal(ContentHash.Sha256Hex(new string(features.Where(char.IsLetterOrDigit).ToArray())), ContentHash.OfFeatureText(features));
        }
    }
}
