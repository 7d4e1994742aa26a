namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// What one request did (or why a URL was not requested), for the fetch log. <see cref="Status"/> is the
/// HTTP status (200 for a readable file, null when no answer came or no request was made).
/// <see cref="WillRetry"/> marks a failed attempt that is retried; the last record for a URL is its verdict.
/// </summary>
public sealed record FetchRecord(Uri Url, DateTimeOffset At, int? Status, long Bytes, TimeSpan Elapsed, FetchOutcome Outcome, string? Detail)
{
    public bool WillRetry { get; init; }
}
