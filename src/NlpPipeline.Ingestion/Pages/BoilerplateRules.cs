using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// What counts as page furniture rather than article text: elements by tag, and elements whose class
/// or id names a common furniture role (menus, sharing, comments, related links, ads, newsletters...).
/// Names are matched as whole tokens for short words ("ad", "nav") and as substrings for long ones
/// ("relatedArticles", "comment-list"), the conventions real CMS themes use.
/// </summary>
internal static partial class BoilerplateRules
{
    public static readonly FrozenSet<string> RemovedTags = FrozenSet.ToFrozenSet(
    [
        "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "CANVAS", "FORM", "BUTTON",
        "INPUT", "SELECT", "TEXTAREA", "NAV", "FOOTER", "ASIDE", "HEADER", "FIGCAPTION", "DIALOG", "MENU", "LINK", "META",
    ]);

    private static readonly FrozenSet<string> JunkTokens = FrozenSet.ToFrozenSet(
    [
        "ad", "ads", "adv", "advert", "banner", "nav", "menu", "tags", "tag", "poll", "meta", "date", "dateline", "byline",
        "author", "share", "social", "sidebar", "footer", "header", "masthead", "popup", "modal", "cookie", "cookies",
        "consent", "promo", "sponsor", "sponsored", "donate", "donation", "widget", "ticker", "reactions", "caption",
        "credit", "credits", "toolbar", "print", "rating", "pagination", "pager", "breadcrumb", "breadcrumbs", "hidden",
        "sr", "subscribe", "signup", "newsletter", "related", "comments", "comment", "replies", "popular", "trending",
        "recommended", "outbrain", "taboola", "teaser", "teasers", "more", "also", "links", "share-buttons", "disqus",
    ], StringComparer.Ordinal);

    private static readonly string[] JunkSubstrings =
    [
        "comment", "related", "sharing", "share-", "sidebar", "newsletter", "advert", "cookie", "breadcrumb", "social",
        "subscri", "footer", "navigation", "navbar", "recommend", "popular", "most-read", "mostread", "read-more",
        "readmore", "readalso", "read-also", "promo", "banner", "disqus", "reactions",
    ];

    public static bool IsJunk(IElement e)
    {
        if (e.HasAttribute("hidden") || string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
            return true;
        var style = e.GetAttribute("style");
        if (style is not null && HiddenStyle().IsMatch(style)) return true;
        var role = e.GetAttribute("role");
        if (role is "navigation" or "banner" or "contentinfo" or "complementary" or "search" or "dialog") return true;
        var names = $"{e.ClassName} {e.Id}".ToLowerInvariant();
        if (names.Length <= 1) return false;
        foreach (var token in TokenSplit().Split(names))
            if (token.Length > 0 && JunkTokens.Contains(token)) return true;
        foreach (var s in JunkSubstrings)
            if (names.Contains(s, StringComparison.Ordinal)) return true;
        return false;
    }

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"[\s_\-]+")]
    private static partial Regex TokenSplit();
}
