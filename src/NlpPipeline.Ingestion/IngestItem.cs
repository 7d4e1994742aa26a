using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion;

/// <summary>The outcome of one feed item or page: a document, or a reason there is none.</summary>
public abstract record IngestItem
{
    private IngestItem() { }

    public sealed record Fetched(Document Document) : IngestItem;

    public sealed record Skipped(Uri Url, SkipReason Reason, string? Detail = null) : IngestItem
    {
        /// <summary>For a skip caused by fetching: how the fetch ended.</summary>
        public FetchOutcome? Fetch { get; init; }

        /// <summary>Worth trying again next run (the page may come back): a failed or not-attempted fetch.</summary>
        public bool Retryable => Reason is SkipReason.FetchFailed or SkipReason.HostBackedOff;
    }
}
