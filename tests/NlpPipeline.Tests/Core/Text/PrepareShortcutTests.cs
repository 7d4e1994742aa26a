using System.Text;
using System.Text.RegularExpressions;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Tests.Core.Text;

/// <summary>
/// <see cref="TextMasks.Apply"/> skips an expression when the text lacks what any match must contain, and
/// <see cref="ClassifierText.Prepare"/> collapses white space in one pass instead of splitting at <c>\s+</c>: the
/// classifier's features (and the committed model) depend on these giving exactly what they gave before.
/// </summary>
public sealed class PrepareShortcutTests
{
    public static TheoryData<string> Texts =>
    [
        "",
        "   ",
        "Простой текст без ссылок. Второе предложение!",
        "Пишите на info@almaty-help.kz или @aidos_88, звоните +7 (701) 123-45-67",
        "Сайт WWW.EGOV.KZ и HTTPS://T.ME/KANAL, ещё Krisha.KZ/a/1 и gov.Uz",
        "т.е. всё. И т.б. also e.g. this.is.info и 3.14",
        "Temperature 5 \u212A and domain example.\u212Az",
        "телефон \u0668\u0667\u0667 ١٢٣ ٤٥ ٦٧ или +44 20 7946 0958 или 8(727)2345678",
        "mail@@x.y @ a@b @@mention.name",
        "tab\tnew\nline\r\nnbsp\u00A0thin\u2009line-sep\u2028para-sep\u2029nel\u0085end",
        " \t leading and trailing \u3000 ",
        "emoji 😀😀 and ⚡ symbols",
        "http:// alone and ://x and www.",
        "87011234567 и 8701123456 и 8 (701) 123-45-67, 2024 год",
        "Ten digits 870-112-34-56 only, and ٨٧٠١١٢٣٤٥٦٧ eleven Arabic-Indic ones",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Apply_WithShortcuts_EqualsEveryExpressionRun(string text)
    {
        foreach (var t in new[] { text, TextNormalizer.ForFeatures(text) })
        {
            Assert.Equal(TextMasks.ApplyEveryExpression(t), TextMasks.Apply(t));
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Prepare_EqualsSplittingAtWhiteSpaceAndJoining(string text)
    {
        // The definition Prepare had: the masked text split at \s+ after trimming, joined by single spaces
        // (none of these texts is Latin-script Kazakh, so no transliteration).
        var masked = TextMasks.Apply(TextNormalizer.ForFeatures(text));
        var expected = string.Join(' ', Regex.Split(Separated(masked).Trim(), @"\s+"));
        Assert.Equal(expected, ClassifierText.Prepare(text, new LanguageIdentifier()));
    }

    [Fact]
    public void Shortcuts_AreTaken_ForOrdinaryProse()
    {
        Assert.False(TextMasks.MayHoldUrl("Он уехал в Астану. Потом вернулся, т. е. ненадолго."));
        Assert.False(TextMasks.MayHoldPhone("Он уехал в Астану. Потом вернулся."));
        Assert.True(TextMasks.MayHoldUrl("см. egov.kz"));
        Assert.False(TextMasks.MayHoldPhone("в 2024 году, 15 000 человек"));
        Assert.False(TextMasks.MayHoldPhone("8 701 123 45 6"));   // ten digits: one short of the shortest number
        Assert.True(TextMasks.MayHoldPhone("8 701 123 45 67"));
        Assert.True(TextMasks.MayHoldPhone("+1"));
    }

    /// <summary>Emoji set apart by spaces, as Prepare does before splitting.</summary>
    private static string Separated(string s) =>
        string.Concat(s.EnumerateRunes().Select(r => Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.OtherSymbol ? $" {r} " : r.ToString()));
}
