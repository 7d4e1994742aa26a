using System.Collections.Frozen;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// What became of one request (or of a URL we decided not to request). A small closed set: the wire
/// names in <see cref="FetchOutcomeNames"/> are what the fetch log, the run summary and source health store.
/// </summary>
public enum FetchOutcome
{
    /// <summary>2xx, body read (or a local file read).</summary>
    Ok,
    /// <summary>304 to a conditional request: nothing changed since the stored ETag / Last-Modified.</summary>
    NotModified,
    /// <summary>3xx followed to its Location.</summary>
    Redirect,
    /// <summary>An HTTP error status (4xx, 5xx); the status column says which.</summary>
    HttpError,
    /// <summary>429, or a 429/503 whose Retry-After is beyond the cap: the site asked us to come back later.</summary>
    RateLimited,
    /// <summary>No complete answer within the timeout (headers or body).</summary>
    Timeout,
    /// <summary>DNS, connect, TLS, or the connection reset / ended before the body was complete.</summary>
    Connection,
    /// <summary>The body is larger than the size cap; the rest was not read.</summary>
    TooLarge,
    /// <summary>More redirects than allowed.</summary>
    TooManyRedirects,
    /// <summary>A redirect to a URL already visited in the same chain.</summary>
    RedirectLoop,
    /// <summary>A redirect to a scheme other than http/https (file:, ftp:, javascript:, …); never followed.</summary>
    SchemeRefused,
    /// <summary>Not requested: robots.txt disallows it for our User-Agent (or robots.txt was unreachable).</summary>
    RobotsDisallowed,
    /// <summary>Not requested: the host failed too often in this run and is left alone until the next.</summary>
    HostBackedOff,
    /// <summary>A local file (file:// source) could not be read.</summary>
    FileError,
}

/// <summary>The one place the fetch outcome wire names are written.</summary>
public static class FetchOutcomeNames
{
    private static readonly FrozenDictionary<FetchOutcome, string> Wire = new Dictionary<FetchOutcome, string>
    {
        [FetchOutcome.Ok] = "ok",
        [FetchOutcome.NotModified] = "not_modified",
        [FetchOutcome.Redirect] = "redirect",
        [FetchOutcome.HttpError] = "http_error",
        [FetchOutcome.RateLimited] = "rate_limited",
        [FetchOutcome.Timeout] = "timeout",
        [FetchOutcome.Connection] = "connection",
        [FetchOutcome.TooLarge] = "too_large",
        [FetchOutcome.TooManyRedirects] = "too_many_redirects",
        [FetchOutcome.RedirectLoop] = "redirect_loop",
        [FetchOutcome.SchemeRefused] = "scheme_refused",
        [FetchOutcome.RobotsDisallowed] = "robots_disallowed",
        [FetchOutcome.HostBackedOff] = "host_backed_off",
        [FetchOutcome.FileError] = "file_error",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, FetchOutcome> Parsed =
        Wire.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Wire.Values;

    public static string ToWire(this FetchOutcome outcome) => Wire[outcome];

    public static bool TryParse(string name, out FetchOutcome outcome) => Parsed.TryGetValue(name, out outcome);
}
