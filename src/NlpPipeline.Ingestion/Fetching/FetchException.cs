namespace NlpPipeline.Ingestion.Fetching;

/// <summary>A download failed (HTTP error status, network error, unreadable file, too large).</summary>
public sealed class FetchException(Uri url, int? status, string message, Exception? inner = null)
    : Exception($"{url}: {message}", inner)
{
    public Uri Url { get; } = url;
    public int? Status { get; } = status;
}
