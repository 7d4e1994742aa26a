using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion;

/// <summary>
/// What the ingestor needs from the rest of the pipeline: whether a URL is already stored (so known
/// articles are not fetched again), where to report each request (the fetch log), and the HTTP cache
/// validators stored per feed URL (sent back so an unchanged feed answers 304 and is not parsed).
/// Every callback may be called from several sources at once; the caller serialises storage access.
/// </summary>
public sealed record IngestContext(
    Func<Uri, bool> IsKnown,
    Action<FetchRecord> OnFetch,
    Func<Uri, HttpValidators?>? CachedValidators = null,
    Action<Uri, HttpValidators>? SaveValidators = null)
{
    /// <summary>A channel's reading position (telegram sources); without one every run reads up to the page limit.</summary>
    public MessageCursor? Cursor { get; init; }
}
