namespace NlpPipeline.Ingestion;

/// <summary>
/// Why an item of a source produced no document. Expected outcomes, counted in the run summary.
/// <see cref="MediaOnly"/>: a post with a photo, video, sticker or poll and no text.
/// </summary>
public enum SkipReason { AlreadyStored, FetchFailed, NotHtml, NoMainText, MediaOnly }
