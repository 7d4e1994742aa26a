namespace NlpPipeline.Ingestion;

/// <summary>Why an item of a source produced no document. Expected outcomes, counted in the run summary.</summary>
public enum SkipReason
{
    AlreadyStored,
    /// <summary>The request failed; <see cref="IngestItem.Skipped.Fetch"/> says how (timeout, http_error, …).</summary>
    FetchFailed,
    NotHtml,
    NoMainText,
    /// <summary>Not requested: robots.txt disallows it for our User-Agent.</summary>
    RobotsDisallowed,
    /// <summary>Not requested: its host failed too often earlier in this run.</summary>
    HostBackedOff,
    /// <summary>A post with a photo, video, sticker or poll and no text.</summary>
    MediaOnly,
}
