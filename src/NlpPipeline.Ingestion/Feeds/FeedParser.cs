using CodeHollow.FeedReader;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom and JSON Feed (detected by CodeHollow.FeedReader) from downloaded bytes.
/// We decode the bytes ourselves (HTTP charset, declaration, sniffing) because FeedReader silently
/// produces mojibake for a mis-declared windows-1251 feed, and we parse dates ourselves because it
/// drops the publisher's offset and cannot read Russian or Kazakh month names.
/// </summary>
public sealed class FeedParser(PublishedDateParser dates)
{
    public IReadOnlyList<FeedEntry> Parse(byte[] bytes, string? httpCharset, Uri feedUrl)
    {
        var text = CharsetDecoder.Decode(bytes, httpCharset);
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n'));
        }
        // FeedReader throws many exception types on bad input (XmlException, its own
        // FeedTypeNotSupportedException, JSON errors, even NullReferenceException on odd feeds):
        // whatever it throws, the bytes are not a feed we can read.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FeedFormatException($"{feedUrl}: not a readable RSS, Atom or JSON feed ({ex.GetType().Name}: {ex.Message})", ex);
        }
        var entries = new List<FeedEntry>();
        foreach (var item in feed.Items)
        {
            // An id is a link only when it is an absolute URL (RSS guid isPermaLink="false" ids like
            // "48213" or Atom "tag:" ids are not addresses).
            var link = ResolveLink(feedUrl, item.Link) ?? (IsAbsoluteWebUrl(item.Id) ? ResolveLink(feedUrl, item.Id) : null);
            if (link is null) continue;   // an item we cannot reach (no link, or a tag: id only)
            entries.Add(new FeedEntry(link, item.Id, Clean(item.Title), Published(item), Clean(item.Description), Clean(item.Content)));
        }
        return entries;
    }

    private DateTimeOffset? Published(FeedItem item)
    {
        if (dates.TryParse(item.PublishingDateString, out var parsed)) return parsed;
        if (item.SpecificItem is CodeHollow.FeedReader.Feeds.AtomFeedItem atom && dates.TryParse(atom.UpdatedDateString, out var updated))
            return updated;
        return item.PublishingDate is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    private static Uri? ResolveLink(Uri feedUrl, string? link)
    {
        if (string.IsNullOrWhiteSpace(link)) return null;
        link = link.Trim();
        // On Unix "/stories/x.html" parses as an absolute file path; in a feed it is relative to the feed's site.
        var rooted = link.StartsWith('/') || link.StartsWith('\\');
        var resolved = !rooted && Uri.TryCreate(link, UriKind.Absolute, out var abs) ? abs
            : Uri.TryCreate(feedUrl, link, out var rel) ? rel : null;
        // A feed fetched from the web may only point to the web: a file:// link there would read local files.
        return resolved?.Scheme switch
        {
            "http" or "https" => resolved,
            "file" when feedUrl.IsFile => resolved,
            _ => null,
        };
    }

    private static bool IsAbsoluteWebUrl(string? s) =>
        s is not null && Uri.TryCreate(s.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https";

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
