using System.Collections.Frozen;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// Metadata a page states about itself: canonical URL (rel=canonical, og:url), title (og:title, h1,
/// &lt;title&gt;), the html lang attribute, and every publication time it states, most reliable first:
/// Open Graph / microdata meta (<c>article:published_time</c>, <c>itemprop=datePublished</c>), JSON-LD
/// <c>datePublished</c> (article types first, also inside <c>@graph</c> and nested objects), other common
/// meta (<c>pubdate</c>, <c>date</c>, <c>DC.date.issued</c>, …), then <c>&lt;time datetime&gt;</c> elements
/// (marked as the publication time first, then inside the article, never in header, navigation or footer,
/// where sites print today's date), and last a date in the URL path of the declared canonical URL or of
/// the page itself (<see cref="UrlDatePattern"/>).
/// </summary>
internal static class PageMetadata
{
    /// <summary>Meta keys (name, property or itemprop, lower case) that publishers use for the publication time itself.</summary>
    private static readonly string[] PrimaryMeta = ["article:published_time", "og:published_time", "article:published", "datepublished"];

    /// <summary>Meta keys that usually, but not always, hold the publication time (some CMSs put the page's build date in "date").</summary>
    private static readonly string[] SecondaryMeta =
    [
        "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "dc.date.issued", "dcterms.issued",
        "dcterms.created", "dc.date.created", "dc.date", "dcterms.date", "date", "sailthru.date", "parsely-pub-date",
        "cxenseparse:recs:publishtime", "mediator_published_time",
    ];

    private static readonly FrozenSet<string> NotTheArticle = new[] { "Comment", "Answer", "Review", "Question" }.ToFrozenSet(StringComparer.Ordinal);

    public static PageContent Read(IHtmlDocument document, Uri url, PublishedDateParser dates)
    {
        var canonical = AbsoluteHttp(url, document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href"))
                        ?? AbsoluteHttp(url, Meta(document, "meta[property='og:url']"));
        var title = Clean(Meta(document, "meta[property='og:title']"))
                    ?? Clean(document.QuerySelector("h1")?.TextContent)
                    ?? Clean(document.Title);
        var language = Clean(document.DocumentElement.GetAttribute("lang"));
        var claims = DateClaims(document, dates);
        var fromUrl = (canonical is null ? null : UrlDatePattern.Read(canonical, dates)) ?? UrlDatePattern.Read(url, dates);
        if (fromUrl is not null) claims.Add(fromUrl);
        return new PageContent(title, canonical, claims.Count > 0 ? claims[0].Value : null, language, [], claims);
    }

    private static List<DateClaim> DateClaims(IHtmlDocument document, PublishedDateParser dates)
    {
        var claims = new List<DateClaim>();
        void Add(string? text, DateSource source, string detail)
        {
            if (dates.TryParse(text, out var d)) claims.Add(new DateClaim(d, new DateOrigin(source, detail)));
        }

        var metas = MetaValues(document);
        foreach (var key in PrimaryMeta)
            foreach (var value in metas.GetValueOrDefault(key) ?? []) Add(value, DateSource.Meta, key);
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
            foreach (var (type, value) in JsonLdDates(script.TextContent))
                Add(value, DateSource.JsonLd, type is null ? "datePublished" : type + ".datePublished");
        foreach (var key in SecondaryMeta)
            foreach (var value in metas.GetValueOrDefault(key) ?? []) Add(value, DateSource.Meta, key);
        foreach (var (time, detail) in TimeElements(document))
            Add(time.GetAttribute("datetime"), DateSource.TimeElement, detail);
        return claims;
    }

    private static Dictionary<string, List<string>> MetaValues(IHtmlDocument document)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var meta in document.QuerySelectorAll("meta[content]"))
        {
            var key = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop"))?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(key)) continue;
            if (!values.TryGetValue(key, out var list)) values[key] = list = [];
            list.Add(meta.GetAttribute("content")!);
        }
        return values;
    }

    /// <summary>
    /// &lt;time datetime&gt; elements: marked as the publication time (itemprop, pubdate), then in an element whose
    /// class says "publish", then inside the article, then the rest, in page order within each group.
    /// </summary>
    private static IEnumerable<(IElement Time, string Detail)> TimeElements(IHtmlDocument document)
    {
        string[] details = ["time datePublished", "time published", "time in article", "time"];
        return document.QuerySelectorAll("time[datetime]")
            .Select(t => (Time: t, Rank: Rank(t)))
            .Where(x => x.Rank < 2 || x.Time.Closest("header, nav, footer, aside") is null)
            .OrderBy(x => x.Rank)
            .Select(x => (x.Time, details[x.Rank]));

        static int Rank(IElement t)
        {
            if (string.Equals(t.GetAttribute("itemprop"), "datePublished", StringComparison.OrdinalIgnoreCase) || t.HasAttribute("pubdate")) return 0;
            if (SaysPublished(t) || (t.ParentElement is { } p && SaysPublished(p))) return 1;
            return t.Closest("article, main, [itemprop='articleBody']") is not null ? 2 : 3;
        }

        static bool SaysPublished(IElement e) => (e.GetAttribute("class") ?? "").Contains("publish", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>(schema.org type or null, datePublished) pairs of one JSON-LD block: article types first, then other objects.</summary>
    private static IEnumerable<(string? Type, string Value)> JsonLdDates(string json)
    {
        var found = new List<(bool Article, string? Type, string Value)>();
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            Walk(doc.RootElement, found, 0);
        }
        catch (JsonException) { }   // broken JSON-LD is common; the page may state the date elsewhere
        return found.Where(f => f.Article).Concat(found.Where(f => !f.Article)).Select(f => (f.Type, f.Value)).ToList();

        static void Walk(JsonElement e, List<(bool, string?, string)> found, int depth)
        {
            if (depth > 16) return;
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) Walk(item, found, depth + 1);
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            var types = Types(e);
            if (types.Any(NotTheArticle.Contains)) return;
            if (e.TryGetProperty("datePublished", out var d) && Text(d) is { } value)
            {
                var article = types.Any(t => t.EndsWith("Article", StringComparison.Ordinal) || t.EndsWith("Posting", StringComparison.Ordinal) || t == "Report");
                found.Add((article, types.FirstOrDefault(), value));
            }
            foreach (var p in e.EnumerateObject())
                if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) Walk(p.Value, found, depth + 1);
        }

        static List<string> Types(JsonElement e)
        {
            if (!e.TryGetProperty("@type", out var t)) return [];
            return t.ValueKind switch
            {
                JsonValueKind.String => [t.GetString()!],
                JsonValueKind.Array => t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
                _ => [],
            };
        }

        static string? Text(JsonElement d) => d.ValueKind switch
        {
            JsonValueKind.String => d.GetString(),
            JsonValueKind.Array => d.EnumerateArray().Select(Text).FirstOrDefault(s => s is not null),
            JsonValueKind.Object when d.TryGetProperty("@value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
            _ => null,
        };
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
