using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// Metadata a page states about itself: canonical URL (rel=canonical, og:url), title (og:title, h1,
/// &lt;title&gt;), publication time (article:published_time and similar meta, JSON-LD datePublished,
/// &lt;time datetime&gt;) and the html lang attribute.
/// </summary>
internal static class PageMetadata
{
    private static readonly string[] DateMetaSelectors =
    [
        "meta[property='article:published_time']", "meta[property='og:published_time']", "meta[itemprop='datePublished']",
        "meta[name='pubdate']", "meta[name='publishdate']", "meta[name='publish-date']", "meta[name='date']",
        "meta[name='DC.date.issued']", "meta[name='dcterms.created']", "meta[name='sailthru.date']",
    ];

    public static PageContent Read(IHtmlDocument document, Uri url, PublishedDateParser dates)
    {
        var canonical = AbsoluteHttp(url, document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href"))
                        ?? AbsoluteHttp(url, Meta(document, "meta[property='og:url']"));
        var title = Clean(Meta(document, "meta[property='og:title']"))
                    ?? Clean(document.QuerySelector("h1")?.TextContent)
                    ?? Clean(document.Title);
        var language = Clean(document.DocumentElement.GetAttribute("lang"));
        return new PageContent(title, canonical, Published(document, dates), language, []);
    }

    private static DateTimeOffset? Published(IHtmlDocument document, PublishedDateParser dates)
    {
        foreach (var selector in DateMetaSelectors)
            if (dates.TryParse(Meta(document, selector), out var d)) return d;
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
            if (JsonLdDate(script.TextContent) is { } s && dates.TryParse(s, out var d)) return d;
        foreach (var time in document.QuerySelectorAll("time[datetime]"))
            if (dates.TryParse(time.GetAttribute("datetime"), out var d)) return d;
        return null;
    }

    private static string? JsonLdDate(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Find(doc.RootElement);
        }
        catch (JsonException) { return null; }   // broken JSON-LD is common; the page may state the date elsewhere

        static string? Find(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    if (e.TryGetProperty("datePublished", out var d) && d.ValueKind == JsonValueKind.String) return d.GetString();
                    foreach (var p in e.EnumerateObject())
                        if (Find(p.Value) is { } found) return found;
                    return null;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                        if (Find(item) is { } found) return found;
                    return null;
                default:
                    return null;
            }
        }
    }

    private static string? Meta(IDocument d, string selector) => d.QuerySelector(selector)?.GetAttribute("content");

    private static Uri? AbsoluteHttp(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(page, href.Trim(), out var abs)) return null;
        return abs.Scheme is "http" or "https" ? abs : null;
    }

    private static string? Clean(string? s)
    {
        var t = TextNormalizer.Normalize(s);
        return t.Length == 0 ? null : t;
    }
}
