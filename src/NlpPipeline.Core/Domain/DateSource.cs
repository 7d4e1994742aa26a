using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>
/// Where a document's publication time came from, in the order they are tried: the item itself (a feed
/// item's date, a post's date), the page's JSON-LD <c>datePublished</c>, a page meta tag
/// (<c>article:published_time</c>, <c>pubdate</c>, <c>DC.date.issued</c>, …), a <c>&lt;time datetime&gt;</c>
/// element, a date in the URL path (<c>/2022/01/05/</c>), or nowhere.
/// </summary>
public enum DateSource { None, Feed, JsonLd, Meta, TimeElement, UrlPath }

public static class DateSourceNames
{
    public static readonly WireNames<DateSource> Table = new([
        (DateSource.Feed, "feed"), (DateSource.JsonLd, "json_ld"), (DateSource.Meta, "meta"),
        (DateSource.TimeElement, "time_element"), (DateSource.UrlPath, "url_path"), (DateSource.None, "none"),
    ]);

    public static string ToWire(this DateSource s) => Table.ToWire(s);
}
