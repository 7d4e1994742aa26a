using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Text;

/// <summary>
/// The text a classifier sees: normalised (<see cref="TextNormalizer.ForFeatures"/>), with URLs,
/// e-mail addresses, @mentions and phone numbers replaced by placeholder tokens (<see cref="TextMasks"/>:
/// they identify people and sites, not stances), emoji set apart as tokens of their own, and
/// Latin-script Kazakh transliterated to Cyrillic. Used identically in training and scoring.
/// </summary>
public static partial class ClassifierText
{
    public static string Prepare(string text, LanguageIdentifier languages)
    {
        var s = SeparateEmoji(TextMasks.Apply(TextNormalizer.ForFeatures(text)));
        var words = MultiSpace().Split(s.Trim());
        if (IsMostlyLatin(words) && languages.Identify(text) is Language.Kazakh or Language.Mixed)
            words = words.Select(w => TextMasks.IsToken(w) ? w : KazakhTransliterator.ToCyrillic(w)).ToArray();
        return string.Join(' ', words);
    }

    private static bool IsMostlyLatin(IEnumerable<string> words)
    {
        int latin = 0, cyrillic = 0;
        foreach (var w in words)
        {
            if (TextMasks.IsToken(w)) continue;
            foreach (var c in w)
            {
                if (c is >= 'a' and <= 'z' || "äğıñöūüşç".Contains(c)) latin++;
                else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            }
        }
        return latin > cyrillic;
    }

    private static string SeparateEmoji(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var isPair = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            if (CharUnicodeInfo.GetUnicodeCategory(s, i) == UnicodeCategory.OtherSymbol)
            {
                sb ??= new StringBuilder(s, 0, i, s.Length + 16);
                sb.Append(' ').Append(s, i, isPair ? 2 : 1).Append(' ');
            }
            else sb?.Append(s, i, isPair ? 2 : 1);
            if (isPair) i++;
        }
        return sb?.ToString() ?? s;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultiSpace();
}
