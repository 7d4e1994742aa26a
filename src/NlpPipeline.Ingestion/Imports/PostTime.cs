using System.Globalization;

namespace NlpPipeline.Ingestion.Imports;

/// <summary>
/// created_at values as post dumps write them: ISO 8601 / RFC 3339 (a time without an offset is UTC, as
/// platform APIs mean it), RFC 1123, or Unix time in seconds or milliseconds.
/// </summary>
internal static class PostTime
{
    public static bool TryParse(string? s, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s)) return false;
        s = s.Trim();
        if (s.All(char.IsAsciiDigit) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            // 10 digits are seconds until 2286; 13 are milliseconds.
            if (s.Length <= 11) { value = DateTimeOffset.FromUnixTimeSeconds(n); return n > 0; }
            if (s.Length <= 14) { value = DateTimeOffset.FromUnixTimeMilliseconds(n); return n > 0; }
            return false;
        }
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            && value.Year is >= 1990 and <= 2100;
    }
}
