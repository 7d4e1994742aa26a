namespace NlpPipeline.Ingestion.Fetching;

/// <summary>How the fetcher talks to sites. Validated at startup by the CLI.</summary>
public sealed record FetchOptions(string UserAgent, TimeSpan Timeout, int MaxBytes)
{
    public const string DefaultUserAgent = "NlpPipeline/0.1 (academic research crawler)";

    public static FetchOptions Default { get; } = new(DefaultUserAgent, TimeSpan.FromSeconds(30), 10 * 1024 * 1024);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(UserAgent)) yield return "user agent is required";
        if (Timeout <= TimeSpan.Zero) yield return "timeout must be positive";
        if (MaxBytes < 1024) yield return "maximum download size must be at least 1 KiB";
    }
}
