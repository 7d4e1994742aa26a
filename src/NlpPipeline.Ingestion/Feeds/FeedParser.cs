using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// Parses RSS 0.9x–2.0, RDF, Atom 0.3/1.0, CDF and JSON Feed from downloaded bytes. We decode the bytes
/// ourselves (<see cref="CharsetDecoder"/>: BOM, HTTP charset, declaration, detection) because a
/// mis-declared windows-1251 feed otherwise becomes mojibake. XML is read by our own code, not
/// FeedReader's: DTDs are cut out and judged by <see cref="DoctypeGuard"/> and the XML reader prohibits
/// them and resolves nothing, so no library default decides what an entity may do; a feed that is not
/// well-formed (HTML entities, bare ampersands, undeclared prefixes) is read again by
/// <see cref="TolerantXmlParser"/>, but one cut short is refused. JSON Feed goes through
/// CodeHollow.FeedReader. Dates are parsed by <see cref="PublishedDateParser"/>, keeping the offset.
/// </summary>
public sealed class FeedParser(PublishedDateParser dates)
{
    private static readonly XmlReaderSettings StrictXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The feed's items that link to something we can fetch, with dates parsed.</summary>
    /// <exception cref="FeedFormatException">The bytes are not a feed, or a malformed one.</exception>
    public IReadOnlyList<FeedEntry> Parse(byte[] bytes, string? httpCharset, Uri feedUrl)
    {
        var entries = new List<FeedEntry>();
        foreach (var item in Read(bytes, httpCharset, feedUrl).Items)
        {
            // An id is a link only when it is an absolute URL (RSS guid isPermaLink="false" ids like
            // "48213" or Atom "tag:" ids are not addresses).
            var link = ResolveLink(feedUrl, item.Link) ?? (IsAbsoluteWebUrl(item.Id) ? ResolveLink(feedUrl, item.Id) : null);
            if (link is null) continue;   // an item we cannot reach (no link, or a tag: id only)
            entries.Add(new FeedEntry(link, item.Id, item.Title, Published(item), item.Summary, item.Content));
        }
        return entries;
    }

    /// <summary>Every item of the feed as written (links unresolved, dates as text), with the feed's title and encoding.</summary>
    /// <exception cref="FeedFormatException">The bytes are not a feed, or a malformed one.</exception>
    public static FeedDocument Read(byte[] bytes, string? httpCharset, Uri feedUrl)
    {
        var decoded = CharsetDecoder.DecodeWithSource(bytes, httpCharset);
        var text = decoded.Text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        var encoding = decoded.Encoding.WebName;
        if (text.StartsWith('{')) return ReadJson(text, feedUrl, encoding);
        if (text.Length == 0) throw new FeedFormatException(FeedProblem.NotAFeed, $"{feedUrl}: not a readable RSS, Atom or JSON feed (the response is empty)");
        text = DoctypeGuard.Apply(text, feedUrl);
        if (NestingGuard.TooDeep(text))
            throw new FeedFormatException(FeedProblem.Malformed, $"{feedUrl}: elements nested over {NestingGuard.MaxDepth} deep, which is no feed's structure");
        XElement root;
        var recovered = false;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), StrictXml);
            root = XDocument.Load(reader).Root!;
        }
        catch (XmlException strictError)
        {
            var tolerant = TolerantXmlParser.Parse(text);
            if (tolerant.Root is null)
                throw new FeedFormatException(FeedProblem.NotAFeed, $"{feedUrl}: not a readable RSS, Atom or JSON feed (neither XML nor JSON: {strictError.Message})", strictError);
            if (!tolerant.RootClosed)
                throw new FeedFormatException(FeedProblem.Malformed,
                    $"{feedUrl}: the feed is truncated: it ends before its <{tolerant.Root.Name.LocalName}> element closes ({strictError.Message})", strictError);
            root = tolerant.Root;
            recovered = true;
        }
        if (XmlFeedMapper.Map(root) is not { } feed)
            throw new FeedFormatException(FeedProblem.NotAFeed, $"{feedUrl}: not a readable RSS, Atom or JSON feed (the document is <{root.Name.LocalName}>)");
        return new FeedDocument(feed.Format, feed.Title, feed.Items, encoding, recovered);
    }

    private static FeedDocument ReadJson(string text, Uri feedUrl, string encoding)
    {
        Feed feed;
        // FeedReader throws many exception types on bad input (JSON errors, its own
        // FeedTypeNotSupportedException, even NullReferenceException on odd documents).
        try { feed = FeedReader.ReadFromString(text); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FeedFormatException(FeedProblem.NotAFeed, $"{feedUrl}: not a readable RSS, Atom or JSON feed (JSON, but not JSON Feed: {ex.Message})", ex);
        }
        var items = feed.Items.Select(i => new FeedDocument.Item(Clean(i.Link), Clean(i.Id), Clean(i.Title),
            Clean(i.PublishingDateString), null, Clean(i.Description), Clean(i.Content))).ToList();
        return new FeedDocument(FeedFormat.JsonFeed, Clean(feed.Title), items, encoding, false);
    }

    /// <summary>The item's publication time; Atom's updated only when it has no published.</summary>
    private DateTimeOffset? Published(FeedDocument.Item item) =>
        dates.TryParse(item.Published, out var published) ? published
        : dates.TryParse(item.Updated, out var updated) ? updated
        : null;

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
