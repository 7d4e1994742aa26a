using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion;

/// <summary>
/// What the ingestor needs from the rest of the pipeline: whether a URL is already stored (so known
/// articles are not fetched again) and where to report each request (the fetch log).
/// </summary>
public sealed record IngestContext(Func<Uri, bool> IsKnown, Action<FetchRecord> OnFetch)
{
    /// <summary>A channel's reading position (telegram sources); without one every run reads up to the page limit.</summary>
    public MessageCursor? Cursor { get; init; }
}
