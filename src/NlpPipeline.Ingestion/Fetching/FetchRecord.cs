namespace NlpPipeline.Ingestion.Fetching;

/// <summary>What one request did, for the fetch log. <see cref="Status"/> is the HTTP status (200 for a readable file).</summary>
public sealed record FetchRecord(Uri Url, DateTimeOffset At, int? Status, long Bytes, TimeSpan Elapsed, string Outcome, string? Detail);
