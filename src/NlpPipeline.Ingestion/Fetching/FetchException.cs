namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// A download failed or was not attempted: HTTP error status, network error, timeout, too large, a refused
/// redirect, robots.txt, a backed-off host, an unreadable file. <see cref="Outcome"/> is its class.
/// </summary>
public sealed class FetchException(Uri url, int? status, string message, Exception? inner = null)
    : Exception($"{url}: {message}", inner)
{
    public FetchException(Uri url, FetchOutcome outcome, int? status, string message, Exception? inner = null)
        : this(url, status, message, inner) => Outcome = outcome;

    public Uri Url { get; } = url;
    public int? Status { get; } = status;
    public FetchOutcome Outcome { get; } = status is null ? FetchOutcome.Connection : FetchOutcome.HttpError;
}
