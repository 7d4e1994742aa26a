using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// Reads the items of an RSS 0.9x–2.0, RDF (RSS 0.90/1.0), Atom 0.3/1.0 or CDF document. Elements are
/// matched by local name within the feed's own vocabulary (no namespace, the root's namespace, or a
/// known RSS/Atom namespace), with Dublin Core and content:encoded as the common extensions, so
/// media:title or itunes:summary never stand in for the item's own title or text.
/// </summary>
internal static class XmlFeedMapper
{
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DcTerms = "http://purl.org/dc/terms/";
    private static readonly XNamespace ContentModule = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    private static readonly HashSet<string> FeedNamespaces =
    [
        "", "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#", "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2", "http://backend.userland.com/rss",
        "http://channel.netscape.com/rdf/simple/0.9/", "http://purl.org/net/rss1.1#",
    ];

    /// <summary>The document as a feed, or null when its root is not a feed's root element.</summary>
    public static (FeedFormat Format, string? Title, List<FeedDocument.Item> Items)? Map(XElement root)
    {
        var core = new Vocabulary(root.Name.Namespace);
        switch (root.Name.LocalName)
        {
            case "rss" or "RDF":
            {
                // Items are the channel's (RSS 0.91–2.0) or the root's (RDF, and some RSS 0.9x) children.
                var channel = core.Child(root, "channel");
                var items = Items(core, root).Concat(channel is null ? [] : Items(core, channel));
                var title = channel is null ? null : Text(core.Child(channel, "title")) ?? Text(channel.Element(Dc + "title"));
                return (root.Name.LocalName == "rss" ? FeedFormat.Rss : FeedFormat.Rdf, title, items.Select(i => RssItem(core, i)).ToList());
            }
            case "feed":
                return (FeedFormat.Atom, AtomText(core.Child(root, "title"), markup: false), Items(core, root).Select(e => AtomEntry(core, e)).ToList());
            case var name when name.Equals("channel", StringComparison.OrdinalIgnoreCase):
                return (FeedFormat.Cdf, Text(Upper(root, "title")), root.Descendants().Where(e => e.Name.LocalName.Equals("item", StringComparison.OrdinalIgnoreCase)).Select(CdfItem).ToList());
            default:
                return null;
        }
    }

    /// <summary>A feed's items: RSS calls them item and Atom entry, and feeds in the wild mix the two.</summary>
    private static IEnumerable<XElement> Items(Vocabulary core, XElement parent) =>
        parent.Elements().Where(e => e.Name.LocalName is "item" or "entry" && core.IsCore(e.Name));

    private static FeedDocument.Item RssItem(Vocabulary core, XElement item)
    {
        var guid = core.Child(item, "guid");
        var about = item.Attribute(Rdf + "about")?.Value;
        var id = Text(guid) ?? Clean(about);
        var link = Text(core.Child(item, "link")) ?? AtomLink(core, item);
        return new(link, id,
            Text(core.Child(item, "title")) ?? Text(item.Element(Dc + "title")) ?? Text(item.Element(Media + "title")),
            Text(core.Child(item, "pubDate")) ?? Text(item.Element(Dc + "date")) ?? Text(item.Element(DcTerms + "issued")) ?? Text(item.Element(DcTerms + "created")),
            Text(item.Element(DcTerms + "modified")),
            Text(core.Child(item, "description")) ?? Text(item.Element(Dc + "description")),
            Text(item.Element(ContentModule + "encoded")) ?? Markup(item.Element(Xhtml + "body")));
    }

    private static FeedDocument.Item AtomEntry(Vocabulary core, XElement entry) => new(
        AtomLink(core, entry),
        Text(core.Child(entry, "id")),
        AtomText(core.Child(entry, "title"), markup: false),
        Text(core.Child(entry, "published")) ?? Text(core.Child(entry, "issued")) ?? Text(entry.Element(Dc + "date")),
        Text(core.Child(entry, "updated")) ?? Text(core.Child(entry, "modified")) ?? Text(core.Child(entry, "created")),
        AtomText(core.Child(entry, "summary")),
        AtomText(core.Child(entry, "content")));

    private static FeedDocument.Item CdfItem(XElement item)
    {
        var href = item.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals("href", StringComparison.OrdinalIgnoreCase))?.Value;
        var modified = item.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals("lastmod", StringComparison.OrdinalIgnoreCase))?.Value;
        return new(Clean(href), Clean(href), Text(Upper(item, "title")), Clean(modified), null, Text(Upper(item, "abstract")), null);
    }

    /// <summary>Atom's link: rel="alternate" (or no rel) preferred, HTML first; else the first link with an href.</summary>
    private static string? AtomLink(Vocabulary core, XElement entry)
    {
        var links = core.Children(entry, "link").Where(l => l.Attribute("href") is not null).ToList();
        var alternate = links.Where(l => (l.Attribute("rel")?.Value.Trim() ?? "alternate") == "alternate").ToList();
        var best = alternate.FirstOrDefault(l => l.Attribute("type")?.Value.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
            ?? alternate.FirstOrDefault() ?? links.FirstOrDefault();
        return Clean(best?.Attribute("href")?.Value);
    }

    /// <summary>
    /// An Atom text construct. Inline XHTML gives its markup (or, for a title, its text); text and html give
    /// their text; Atom 0.3's mode="base64" is decoded.
    /// </summary>
    private static string? AtomText(XElement? e, bool markup = true)
    {
        if (e is null) return null;
        if (e.Attribute("mode")?.Value.Trim() == "base64" || IsBinaryMediaType(e.Attribute("type")?.Value)) return FromBase64(e.Value);
        if (e.HasElements && markup)
        {
            var inner = e.Elements().Count() == 1 && e.Elements().First().Name.LocalName == "div" ? e.Elements().First() : e;
            return Markup(inner);
        }
        return Text(e);
    }

    /// <summary>Atom 1.0: content of a media type that is neither text nor XML is Base64 (RFC 4287, 4.1.3.3).</summary>
    private static bool IsBinaryMediaType(string? type)
    {
        if (type is null || !type.Contains('/')) return false;   // "text", "html", "xhtml" or none
        type = type.Trim().ToLowerInvariant();
        return !type.StartsWith("text/", StringComparison.Ordinal) && !type.Contains("xml", StringComparison.Ordinal);
    }

    private static string? FromBase64(string s)
    {
        try { return Clean(Encoding.UTF8.GetString(Convert.FromBase64String(s.Trim()))); }
        catch (FormatException) { return Clean(s); }
    }

    private static string? Markup(XElement? e)
    {
        if (e is null) return null;
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment, CheckCharacters = false };
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, settings))
            foreach (var node in e.Nodes()) node.WriteTo(w);
        return Clean(sb.ToString());
    }

    private static XElement? Upper(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase));

    private static string? Text(XElement? e) => e is null ? null : Clean(e.Value);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The feed's own elements: no namespace, the root's namespace, or a known RSS/Atom namespace.</summary>
    private sealed class Vocabulary(XNamespace rootNamespace)
    {
        public bool IsCore(XName name) => name.Namespace == rootNamespace || FeedNamespaces.Contains(name.NamespaceName);

        public XElement? Child(XElement parent, string localName) =>
            parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName && IsCore(e.Name));

        public IEnumerable<XElement> Children(XElement parent, string localName) =>
            parent.Elements().Where(e => e.Name.LocalName == localName && IsCore(e.Name));
    }
}
