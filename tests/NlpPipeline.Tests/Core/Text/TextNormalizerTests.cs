using NlpPipeline.Core.Text;
using Xunit;

namespace NlpPipeline.Tests.Core.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("е\u0308", "ё")]
    [InlineData("и\u0306", "й")]
    [InlineData("o\u0308te", "öte")]
    public void Normalize_DecomposedLetters_ComposesToNfc(string input, string expected)
    {
        var result = TextNormalizer.Normalize(input);
        Assert.Equal(expected, result);
        Assert.True(result.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void Normalize_DecomposedYo_IsOneCodePoint()
    {
        Assert.Equal("\u0451лка", TextNormalizer.Normalize("\u0435\u0308лка"));
    }

    [Theory]
    [InlineData("жұ\u200Bмыс", "жұмыс")]
    [InlineData("жұ\u200Cмыс", "жұмыс")]
    [InlineData("жұ\u200Dмыс", "жұмыс")]
    [InlineData("жұ\u2060мыс", "жұмыс")]
    [InlineData("\uFEFFжұмыс", "жұмыс")]
    [InlineData("эми\u00ADграция", "эмиграция")]
    [InlineData("a\u0007b", "ab")]
    public void Normalize_InvisibleCharacters_Removed(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("жұ\u200Eмыс")]          // left-to-right mark, common in pasted social-media text
    [InlineData("жұ\u200Fмыс")]          // right-to-left mark
    [InlineData("\u2066жұмыс\u2069")]   // bidi isolate and its terminator
    public void Normalize_InvisibleBidiMarks_Removed(string input)
    {
        Assert.Equal("жұмыс", TextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("10\u00A0000 тенге", "10 000 тенге")]
    [InlineData("10\u202F000 тенге", "10 000 тенге")]
    [InlineData("бір  \t екі\r\n\nүш", "бір екі үш")]
    [InlineData("  \u00A0 ортасы \n ", "ортасы")]
    public void Normalize_SpacesAndBreaks_CollapsedAndTrimmed(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u00A0\u200B\n ")]
    public void Normalize_NothingVisible_ReturnsEmpty(string? input)
    {
        Assert.Equal("", TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_SpaceAroundRemovedCharacter_KeepsOneSpace()
    {
        Assert.Equal("a b", TextNormalizer.Normalize("a \u200B b"));
    }

    [Theory]
    [InlineData("ҚАЗАҚСТАН", "қазақстан")]
    [InlineData("ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі")]
    [InlineData("QAZAQSTAN ÄĞÑÖŪÜŞ", "qazaqstan äğñöūüş")]
    [InlineData("МОСКВА", "москва")]
    public void ForFeatures_UpperCase_LowercasesIncludingKazakhLetters(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.ForFeatures(input));
    }

    [Theory]
    [InlineData("Ёлка и ещё", "елка и еще")]
    [InlineData("е\u0308ж", "еж")]
    public void ForFeatures_Yo_MapsToYe(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.ForFeatures(input));
    }

    [Theory]
    [InlineData("«Нұр Отан»", "\"нұр отан\"")]
    [InlineData("“Quoted”", "\"quoted\"")]
    [InlineData("„Цитата“", "\"цитата\"")]
    [InlineData("it’s", "it's")]
    [InlineData("2014–2015", "2014-2015")]
    [InlineData("Алматы — Астана", "алматы - астана")]
    [InlineData("−5°", "-5°")]
    public void ForFeatures_TypographicQuotesAndDashes_Unified(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.ForFeatures(input));
    }

    [Fact]
    public void ForFeatures_RawText_NormalisedFirst()
    {
        Assert.Equal("жалақы аз", TextNormalizer.ForFeatures("  ЖАЛА\u00ADҚЫ\u00A0\u00A0АЗ \n"));
    }

    /// <summary>The table path lower-cases exactly as the library does: every character below U+0500 alone, a mixed Kazakh,
    /// Russian and English text, and texts that take the library path (an emoji, a supplementary letter with case).</summary>
    [Fact]
    public void LowerInvariant_TablePath_AgreesWithToLowerInvariant()
    {
        static string Lower(string s)
        {
            var d = new char[s.Length];
            TextNormalizer.LowerInvariant(s, d);
            return new string(d);
        }
        for (var c = 0; c < 0x500; c++)
            Assert.Equal(c.ToString("X4") + ((char)c).ToString().ToLowerInvariant(), c.ToString("X4") + Lower(((char)c).ToString()));
        foreach (var text in new[] { "ҚАЗАҚСТАН Әлем ҒЫЛЫМ Өнер Ұлт Үй Һ І Ё Ў Ї Є ABC Ÿ İ", "Уехать? NO WAY 🙂 Қазақ", "\U00010400 Deseret" })
            Assert.Equal(text.ToLowerInvariant(), Lower(text));
    }
}
