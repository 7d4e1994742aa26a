namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// How the fetcher talks to sites. Bound from the sources file's <c>"fetch"</c> object and the CLI, and
/// validated at startup. <see cref="Timeout"/> is per attempt; <see cref="MaxBytes"/> caps the decoded body.
/// </summary>
public sealed record FetchOptions(string UserAgent, TimeSpan Timeout, int MaxBytes)
{
    /// <summary>Names the project and where a site owner can read about the crawler and reach its operator.</summary>
    public const string DefaultUserAgent = "NlpPipeline/0.2 (research crawler; +https://github.com/nlppipeline/nlppipeline#fetching)";

    public static FetchOptions Default { get; } = new(DefaultUserAgent, TimeSpan.FromSeconds(30), 10 * 1024 * 1024);

    /// <summary>Least time between the starts of two requests to one host (robots.txt Crawl-delay may raise it).</summary>
    public TimeSpan PerHostInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a timeout, connection error, 5xx or 429 (0 = one attempt only).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>First backoff delay; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest Retry-After we wait for; a longer one gives up on the URL for this run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest robots.txt Crawl-delay we honour; a longer one is cut to this.</summary>
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many URLs in a row on one host fail (timeout, connection, 5xx, 429), the host is left alone for the rest of the run.</summary>
    public int HostFailureLimit { get; init; } = 3;

    /// <summary>How many hosts are crawled at the same time.</summary>
    public int MaxParallelHosts { get; init; } = 4;

    /// <summary>At most this many redirects are followed for one URL.</summary>
    public const int MaxRedirects = 5;

    /// <summary>The product token robots.txt groups are matched against: the User-Agent up to its first '/' or space.</summary>
    public string ProductToken
    {
        get
        {
            var ua = UserAgent.Trim();
            var end = ua.IndexOfAny(['/', ' ', '(']);
            return end < 0 ? ua : ua[..end];
        }
    }

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(UserAgent)) yield return "user_agent is required";
        else
        {
            if (!UserAgent.Contains("http://", StringComparison.OrdinalIgnoreCase) && !UserAgent.Contains("https://", StringComparison.OrdinalIgnoreCase))
                yield return $"user_agent \"{UserAgent}\" must include a contact URL (for example \"MyLab-NlpPipeline/1.0 (+https://lab.example/crawler)\")";
            if (ProductToken.Length == 0 || !ProductToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                yield return $"user_agent \"{UserAgent}\" must start with a product token (letters, digits, '-', '_', '.'), as in \"NlpPipeline/0.2 (...)\"";
            if (UserAgent.Any(char.IsControl)) yield return "user_agent must not contain control characters";
        }
        if (Timeout <= TimeSpan.Zero) yield return "timeout_seconds must be positive";
        if (MaxBytes < 1024) yield return "max_bytes must be at least 1024";
        if (PerHostInterval < TimeSpan.Zero) yield return "per_host_interval_seconds must not be negative";
        if (Retries is < 0 or > 10) yield return "retries must be between 0 and 10";
        if (RetryBaseDelay < TimeSpan.Zero) yield return "retry_base_delay_seconds must not be negative";
        if (MaxRetryAfter < TimeSpan.Zero) yield return "max_retry_after_seconds must not be negative";
        if (MaxCrawlDelay < TimeSpan.Zero) yield return "max_crawl_delay_seconds must not be negative";
        if (HostFailureLimit < 1) yield return "host_failure_limit must be at least 1";
        if (MaxParallelHosts is < 1 or > 64) yield return "max_parallel_hosts must be between 1 and 64";
    }
}
