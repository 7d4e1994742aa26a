using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>How sure the class/id/role of an element is that it is page furniture.</summary>
internal enum Furniture { None, Weak, Strong }

/// <summary>
/// What counts as page furniture rather than article text: elements by tag, and elements whose class,
/// id or role names a furniture role. Strong names (comments, sharing, related links, ads, newsletters,
/// cookie notices, hidden elements) are furniture wherever they are; weak names (menu, header, meta,
/// sidebar…) are also used by wrappers, so the extractor spares a weak one that holds the story.
/// Short words are matched as whole tokens of a class name ("ad-banner" has "ad", "head" does not),
/// long ones as substrings ("relatedArticles", "comment-list"), the conventions CMS themes use.
/// </summary>
internal static partial class BoilerplateRules
{
    public static readonly FrozenSet<string> RemovedTags = FrozenSet.ToFrozenSet(
    [
        "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "CANVAS", "FORM", "BUTTON",
        "INPUT", "SELECT", "TEXTAREA", "NAV", "FOOTER", "ASIDE", "HEADER", "FIGCAPTION", "DIALOG", "MENU", "LINK", "META",
    ]);

    private static readonly string[] StrongSubstrings =
    [
        "comment", "repl", "related", "share", "sharing", "social", "cookie", "consent", "newsletter", "subscri", "advert",
        "promo", "disqus", "breadcrumb", "outbrain", "taboola", "most-read", "mostread", "read-more", "readmore",
        "read-also", "readalso", "recommend", "popular", "trending", "donat",
    ];

    private static readonly FrozenSet<string> StrongTokens = FrozenSet.ToFrozenSet(
        ["ad", "ads", "adv", "banner", "sponsor", "sponsored", "popup", "modal", "poll", "reactions", "signup", "teaser", "teasers"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> WeakTokens = FrozenSet.ToFrozenSet(
    [
        "nav", "navbar", "navigation", "menu", "meta", "date", "dateline", "byline", "author", "sidebar", "footer", "header",
        "masthead", "widget", "ticker", "caption", "credit", "credits", "toolbar", "print", "rating", "pagination", "pager",
        "more", "also", "links",
    ], StringComparer.Ordinal);

    // Whole class names that hide an element (Bootstrap, Tailwind, WordPress screen-reader text).
    private static readonly FrozenSet<string> HiddenClasses = FrozenSet.ToFrozenSet(
        ["hidden", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "invisible"], StringComparer.Ordinal);

    /// <summary>An element that is the story itself, by tag or microdata: never furniture by its name.</summary>
    public static bool IsStoryElement(IElement e) =>
        e.TagName is "ARTICLE" or "MAIN" || string.Equals(e.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase);

    public static Furniture Classify(IElement e)
    {
        if (IsStoryElement(e)) return Furniture.None;
        if (e.HasAttribute("hidden") || string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
            return Furniture.Strong;
        if (e.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style)) return Furniture.Strong;
        if (e.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "complementary" or "search" or "dialog")
            return Furniture.Strong;
        var result = Furniture.None;
        foreach (var name in Names(e))
        {
            if (HiddenClasses.Contains(name)) return Furniture.Strong;
            foreach (var s in StrongSubstrings)
                if (name.Contains(s, StringComparison.Ordinal)) return Furniture.Strong;
            var tokens = TokenSplit().Split(name).Where(t => t.Length > 0).ToArray();
            for (var i = 0; i < tokens.Length; i++)
            {
                if (StrongTokens.Contains(tokens[i])) return Furniture.Strong;
                if (WeakTokens.Contains(tokens[i])) result = Furniture.Weak;
                // "post-tags" and "tags" are tag lists; "tag-almaty" (WordPress) is a label on the article itself.
                if (tokens[i] is "tag" or "tags" && i == tokens.Length - 1) result = Furniture.Weak;
            }
        }
        return result;
    }

    private static IEnumerable<string> Names(IElement e)
    {
        foreach (var c in e.ClassList) yield return c.ToLowerInvariant();
        if (!string.IsNullOrEmpty(e.Id)) yield return e.Id.ToLowerInvariant();
    }

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"[\s_\-]+")]
    private static partial Regex TokenSplit();
}
