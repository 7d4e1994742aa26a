namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// One item of a feed. <see cref="Link"/> is absolute (relative links are resolved against the feed's URL).
/// <see cref="Content"/> is the item's full text when the feed carries it (HTML or plain), used when the
/// linked page cannot be fetched or has no main text.
/// </summary>
public sealed record FeedEntry(Uri Link, string? Id, string? Title, DateTimeOffset? Published, string? Summary, string? Content);
