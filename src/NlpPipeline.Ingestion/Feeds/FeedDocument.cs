namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// A feed as read, before links are resolved and dates parsed: every item the feed holds, links or not.
/// <see cref="Recovered"/> is true when the XML was not well-formed and the tolerant reader recovered it.
/// </summary>
public sealed record FeedDocument(FeedFormat Format, string? Title, IReadOnlyList<FeedDocument.Item> Items, string Encoding, bool Recovered)
{
    /// <summary>
    /// One item's fields as the feed writes them (trimmed, empty as null). Id is the RSS guid, rdf:about
    /// or Atom id. Published is the item's own publication time (RSS pubDate, dc:date, Atom
    /// published/issued); Updated is Atom's updated/modified.
    /// </summary>
    public sealed record Item(string? Link, string? Id, string? Title, string? Published, string? Updated, string? Summary, string? Content);
}
