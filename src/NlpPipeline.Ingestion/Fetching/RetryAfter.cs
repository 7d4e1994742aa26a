using System.Net.Http.Headers;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>Reads a Retry-After header in either form: delay-seconds ("120") or an HTTP-date.</summary>
public static class RetryAfter
{
    /// <summary>How long to wait from <paramref name="now"/>; null when there is no usable header. A date in the past means now.</summary>
    public static TimeSpan? Delay(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }

    /// <summary>Parses a raw header value (for tests and logs); null when it is neither form.</summary>
    public static TimeSpan? Delay(string? value, DateTimeOffset now) =>
        RetryConditionHeaderValue.TryParse(value?.Trim(), out var header) ? Delay(header, now) : null;
}
