using System.Globalization;

namespace NlpPipeline.Storage;

/// <summary>How instants and dates are written in the database: sortable ISO 8601 text, UTC with 'Z'.</summary>
internal static class SqlTime
{
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string s) =>
        DateTimeOffset.ParseExact(s, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Format(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The publisher's local time, rebuilt from the stored UTC instant and offset.</summary>
    public static DateTimeOffset? Published(string? utc, long? offsetMinutes) =>
        utc is null ? null : Parse(utc).ToOffset(TimeSpan.FromMinutes(offsetMinutes ?? 0));
}
