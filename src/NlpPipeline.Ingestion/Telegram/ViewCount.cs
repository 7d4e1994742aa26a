using System.Globalization;

namespace NlpPipeline.Ingestion.Telegram;

/// <summary>
/// Reads the view counter of a post as the preview shows it: <c>987</c>, <c>1.2K</c> (1,200),
/// <c>3,4M</c> (3,400,000; a comma is a decimal separator here), <c>1 234</c>.
/// </summary>
public static class ViewCount
{
    public static long? Parse(string? shown)
    {
        if (string.IsNullOrWhiteSpace(shown)) return null;
        var s = new string(shown.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F').ToArray());
        if (s.Length == 0) return null;
        var multiplier = char.ToUpperInvariant(s[^1]) switch
        {
            'K' or 'К' => 1_000L,   // Latin and Cyrillic K
            'M' or 'М' => 1_000_000L,
            'B' => 1_000_000_000L,
            _ => 1L,
        };
        var number = multiplier == 1 ? s : s[..^1];
        if (multiplier == 1 && number.Contains(',') && !number.Contains('.') && number.Length - number.IndexOf(',') == 4)
            number = number.Replace(",", "");   // "12,345": a thousands separator, not a decimal one
        number = number.Replace(',', '.');
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0)
            return null;
        return (long)Math.Round(value * multiplier, MidpointRounding.AwayFromZero);
    }
}
