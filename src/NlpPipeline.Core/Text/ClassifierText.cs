using System.Globalization;
using System.Text;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Text;

/// <summary>
/// The text a classifier sees: normalised (<see cref="TextNormalizer.ForFeatures"/>), with URLs,
/// e-mail addresses, @mentions and phone numbers left out (<see cref="TextMasks"/>: they identify people and sites,
/// not stances, so a passage keeps its labels with or without a link), emoji set apart as tokens of their own, and
/// Latin-script Kazakh transliterated to Cyrillic. Used identically in training and scoring.
/// </summary>
public static partial class ClassifierText
{
    public static string Prepare(string text, LanguageIdentifier languages)
    {
        // The words (split at white space) joined by single spaces; Latin-script Kazakh transliterated word by word, in the alphabet the whole text shows.
        var s = CollapseSpaces(SeparateEmoji(TextMasks.Apply(TextNormalizer.ForFeatures(text))));
        if (IsMostlyLatin(s) && languages.Identify(text) is Language.Kazakh or Language.Mixed)
        {
            var official = KazakhTransliterator.UsesOfficialAlphabet(s);
            return string.Join(' ', s.Split(' ').Select(word => KazakhTransliterator.ToCyrillic(word, official)));
        }
        return s;
    }

    /// <summary>
    /// Trimmed, each run of white space (<see cref="char.IsWhiteSpace(char)"/>, the characters of the regular
    /// expression <c>\s</c>) replaced by one space: what splitting at <c>\s+</c> and joining with spaces gives, in one pass.
    /// </summary>
    private static string CollapseSpaces(string s)
    {
        var span = s.AsSpan().Trim();
        var clean = true;
        for (var i = 0; i < span.Length && clean; i++)
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || char.IsWhiteSpace(span[i + 1]))) clean = false;
        if (clean) return span.Length == s.Length ? s : span.ToString();
        var sb = new StringBuilder(span.Length);
        var space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c)) space = true;
            else
            {
                if (space) sb.Append(' ');
                space = false;
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool IsMostlyLatin(string text)
    {
        int latin = 0, cyrillic = 0;
        foreach (var c in text)
        {
            // The accented letters all lie in Latin-1 Supplement and Latin Extended-A: most characters skip the search.
            if (c is >= 'a' and <= 'z' || (c is >= '\u00C0' and <= '\u017F' && "äğıñöūüşç".Contains(c))) latin++;
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
        }
        return latin > cyrillic;
    }

    private static string SeparateEmoji(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var isPair = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            // ASCII and the basic Cyrillic letters (А–я) hold no symbol: most characters skip the category look-up.
            if (s[i] is not (< '\u0080' or >= '\u0410' and <= '\u044F') && CharUnicodeInfo.GetUnicodeCategory(s, i) == UnicodeCategory.OtherSymbol)
            {
                sb ??= new StringBuilder(s, 0, i, s.Length + 16);
                sb.Append(' ').Append(s, i, isPair ? 2 : 1).Append(' ');
            }
            else sb?.Append(s, i, isPair ? 2 : 1);
            if (isPair) i++;
        }
        return sb?.ToString() ?? s;
    }
}
