using System.Text;
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

    /// <summary>Random texts mixing runs below and above U+0500 (№, typographic quotes, Armenian and full-width letters with
    /// case, emoji and supplementary letters as surrogate pairs, a lone surrogate): the run-by-run path lower-cases exactly as
    /// the library does on the whole text.</summary>
    [Fact]
    public void LowerInvariant_MixedRuns_AgreeWithToLowerInvariantOnWholeText()
    {
        string[] pieces = ["ҚАЗАҚ", "Әлем", "МОСКВА", "Ёлка", "ABC", "Straße", " ", "№", "“", "”", "—", "Ա", "Բ", "Ａ", "Ω", "ǅ",
            "🙂", "\U00010400", "\uD801", "ΣΑΣ", "İ", "Ꙁ", "ᲀ", ".", "5"];
        var random = new Random(11);
        for (var n = 0; n < 5_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var lower = new char[text.Length];
            TextNormalizer.LowerInvariant(text, lower);
            Assert.Equal(text.ToLowerInvariant(), new string(lower));
        }
    }

    /// <summary>The characters the NFC fast path accepts are left alone by NFC in any context: each alone, and each after
    /// every one of them (which covers composing with what comes before and reordering), as the Unicode library says.</summary>
    [Fact]
    public void IsNfcWithoutLibrary_EveryAcceptedCharacter_AloneAndAfterEveryOther_IsNfcByTheLibrary()
    {
        var accepted = TextNormalizer.NfcStableRanges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)).Select(c => (char)c).ToArray();
        Assert.Contains('ә', accepted);
        Assert.Contains('№', accepted);
        Assert.Contains('₸', accepted);
        Span<char> pair = stackalloc char[2];
        foreach (var a in accepted)
        {
            Assert.True(TextNormalizer.IsNfcWithoutLibrary([a]));
            Assert.True(((ReadOnlySpan<char>)[a]).IsNormalized(NormalizationForm.FormC), $"U+{(int)a:X4}");
            pair[0] = a;
            foreach (var b in accepted)
            {
                pair[1] = b;
                if (!((ReadOnlySpan<char>)pair).IsNormalized(NormalizationForm.FormC)) Assert.Fail($"U+{(int)a:X4} U+{(int)b:X4}");
            }
        }
    }

    /// <summary>Random texts of Kazakh, Russian and English words, Latin letters with precomposed and decomposed diacritics,
    /// combining marks alone and stacked in either order, Greek, Cyrillic combining marks, NFC singletons (U+2126, U+212B,
    /// U+2000) and emoji: normalising with the fast path gives what normalising the library's NFC gives, and the fast path
    /// accepts a text only when the library finds it NFC.</summary>
    [Fact]
    public void Normalize_NfcFastPath_SameAsLibraryOnWideSample()
    {
        string[] pieces = ["жұмыс", "Қазақстан", "әке", "ғылым", "өнер", "үй", "һ", "і", "ң", "ё", "й", "москва", "Ёлка", "people", " ", "  ",
            "\u00A0", "\n", "é", "e\u0301", "o\u0308", "\u0301", "\u0323\u0302", "a\u0302\u0323", "Ω", "\u2126", "\u212B", "Å", "\u2000", "—",
            "«", "»", "“", "№", "₸", "€", "ά", "\u0374", "\u0387", "и\u0306", "е\u0308", "\u0483", "\u200B", "\u00AD", "🙂", "ǅ", "ﬁ", "가", "\u1100\u1161"];
        var random = new Random(5);
        var fast = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => pieces[random.Next(pieces.Length)]));
            var nfc = text.Normalize(NormalizationForm.FormC);
            if (TextNormalizer.IsNfcWithoutLibrary(text))
            {
                fast++;
                Assert.Equal(nfc, text);
            }
            Assert.Equal(TextNormalizer.Normalize(nfc), TextNormalizer.Normalize(text));
            Assert.Equal(TextNormalizer.ForFeatures(nfc), TextNormalizer.ForFeatures(text));
        }
        Assert.InRange(fast, 1_000, 19_000);   // both paths taken
    }

    /// <summary>The table that collapses white space and drops controls and format characters says for every UTF-16 code
    /// unit what the library's white-space test and category say.</summary>
    [Fact]
    public void Collapse_Table_AgreesWithLibraryOnEveryCodeUnit()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            var space = char.IsWhiteSpace(ch) || ch == '\u00A0';
            var dropped = !space && CharUnicodeInfoCategory(ch) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format;
            if (TextNormalizer.KindOf(ch) != (space, dropped)) Assert.Fail($"U+{c:X4}");
        }
        Assert.Equal("a b", TextNormalizer.Normalize("a\u00A0\u200B\u2028b\u00AD"));
    }

    private static System.Globalization.UnicodeCategory CharUnicodeInfoCategory(char ch) => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch);
}
