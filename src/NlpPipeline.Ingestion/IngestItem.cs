using NlpPipeline.Core.Domain;

namespace NlpPipeline.Ingestion;

/// <summary>The outcome of one feed item or page: a document, or a reason there is none.</summary>
public abstract record IngestItem
{
    private IngestItem() { }

    public sealed record Fetched(Document Document) : IngestItem;

    public sealed record Skipped(Uri Url, SkipReason Reason, string? Detail = null) : IngestItem;
}
