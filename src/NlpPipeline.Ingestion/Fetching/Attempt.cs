namespace NlpPipeline.Ingestion.Fetching;

/// <summary>One HTTP request and what came of it. Failures are values here, so the retry pipeline decides on results.</summary>
internal sealed record Attempt(Uri Url, DateTimeOffset At, TimeSpan Elapsed, FetchOutcome Outcome, int? Status, string? Detail)
{
    public byte[] Body { get; init; } = [];
    public string? MediaType { get; init; }
    public string? Charset { get; init; }
    public HttpValidators? Validators { get; init; }

    /// <summary>The absolute target of a 3xx.</summary>
    public Uri? Location { get; init; }

    /// <summary>What the server asked us to wait (429, 503), within the cap.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Worth another try: timeouts, broken connections, 5xx and 429, unless the server asked for a wait beyond the cap.</summary>
    public bool Transient { get; init; }

    /// <summary>The host is struggling (counts towards backing it off): timeouts, connection errors, 5xx, 429.</summary>
    public bool HostFailure => Outcome is FetchOutcome.Timeout or FetchOutcome.Connection or FetchOutcome.RateLimited
                               || (Outcome == FetchOutcome.HttpError && Status >= 500);

    public FetchRecord ToRecord(string? detail = null, FetchOutcome? outcome = null) =>
        new(Url, At, Status, Body.LongLength, Elapsed, outcome ?? Outcome, detail ?? Detail);
}
