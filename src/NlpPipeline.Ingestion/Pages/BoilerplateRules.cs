using System.Collections.Frozen;
using AngleSharp.Dom;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>How sure the tag, class, id or role of an element is that it is page furniture.</summary>
internal enum Furniture { None, Weak, Strong }

/// <summary>
/// What counts as page furniture rather than article text: elements by tag, and elements whose class,
/// id or role names a furniture role. Strong names (comments, sharing, related links, ads, newsletters,
/// cookie notices, hidden elements) are furniture wherever they are; weak names (menu, header, meta,
/// sidebar…) are also used by wrappers. Either kind is spared when it holds the story (see
/// <see cref="MainTextExtractor"/>). Short words are matched as whole tokens of a class name
/// ("ad-banner" has "ad", "head" does not), long ones as substrings ("relatedArticles", "comment-list"),
/// the conventions CMS themes use. Labels a CMS writes from the article's own categories and tags
/// ("category-advertising", "tag-comments") name the topic, not the element, and are ignored.
/// </summary>
internal static class BoilerplateRules
{
    /// <summary>Elements whose content is never text for a reader: skipped without looking inside.</summary>
    public static readonly FrozenSet<string> SkippedTags = FrozenSet.ToFrozenSet(
    [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "button", "input",
        "select", "option", "textarea", "dialog", "menu", "link", "meta", "head", "title", "video", "audio", "picture",
        "img", "figcaption",
    ], StringComparer.Ordinal);

    /// <summary>Sectioning and form tags that are page furniture unless they hold the story.</summary>
    private static readonly FrozenDictionary<string, Furniture> FurnitureTags = new Dictionary<string, Furniture>
    {
        ["nav"] = Furniture.Strong, ["aside"] = Furniture.Strong, ["footer"] = Furniture.Strong,
        ["header"] = Furniture.Weak, ["form"] = Furniture.Weak,
    }.ToFrozenDictionary(StringComparer.Ordinal);

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
        "more", "also", "links", "next", "prev", "previous", "timestamp", "disclosure", "bio", "authors", "notification",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ContentTokens = FrozenSet.ToFrozenSet(
        ["article", "content", "entry", "post", "story", "body", "text", "main", "blog"], StringComparer.Ordinal);

    // Whole class names that hide an element (Bootstrap, Tailwind, WordPress screen-reader text).
    private static readonly FrozenSet<string> HiddenClasses = FrozenSet.ToFrozenSet(
        ["hidden", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "invisible"], StringComparer.Ordinal);

    // Class-name prefixes CMSs fill with the article's own taxonomy (WordPress post_class, body_class).
    private static readonly string[] LabelPrefixes = ["category-", "tag-", "format-", "status-", "type-", "postid-"];

    private static readonly FrozenSet<string> HiddenRoles = FrozenSet.ToFrozenSet(
        ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar"], StringComparer.Ordinal);

    /// <summary>Furniture by tag only: what a fragment (a feed item's content) drops.</summary>
    public static Furniture ClassifyTag(string tag) => FurnitureTags.GetValueOrDefault(tag);

    /// <summary>
    /// Furniture by tag, hiding, role, class and id, reading the attributes once. <paramref name="isStory"/>
    /// says whether the element marks the story itself: article, main, itemprop=articleBody or role=main.
    /// <paramref name="names"/> remembers class attributes already seen on the page.
    /// </summary>
    public static Furniture Classify(IElement e, string tag, Dictionary<string, (Furniture, bool)> names, out bool isStory)
    {
        isStory = tag is "article" or "main";
        string? classes = null, id = null;
        var hidden = false;
        foreach (var attr in e.Attributes)
        {
            var value = attr.Value;
            switch (attr.Name)
            {
                case "class": classes = value; break;
                case "id": id = value; break;
                case "hidden": hidden = true; break;
                case "aria-hidden": hidden |= value.Equals("true", StringComparison.OrdinalIgnoreCase); break;
                case "style": hidden |= IsHiddenStyle(value); break;
                case "role":
                    if (value == "main") isStory = true;
                    else if (HiddenRoles.Contains(value)) hidden = true;
                    break;
                case "itemprop":
                    if (value.Equals("articleBody", StringComparison.OrdinalIgnoreCase)) isStory = true;
                    break;
            }
        }
        if (isStory && tag is not ("article" or "main")) return Furniture.None;   // articleBody or role=main: the story itself
        if (hidden) return Furniture.Strong;
        var result = FurnitureTags.GetValueOrDefault(tag);
        if (result == Furniture.Strong) return result;
        // An element that also names itself as the content ("entry-content entry-content-read-more")
        // is at most weak furniture: it is spared when it holds the story.
        var (byName, content) = ClassifyNames(classes, names);
        var (byId, idContent) = ClassifyNames(id, names);
        if (byId > byName) byName = byId;
        content |= idContent;
        if (byName == Furniture.Strong && content) byName = Furniture.Weak;
        return byName > result ? byName : result;
    }

    /// <summary>
    /// A class attribute (names separated by white space) or an id. A page repeats the same class attribute
    /// on hundreds of elements, so the answers are kept in <paramref name="cache"/> for the page.
    /// </summary>
    private static (Furniture Furniture, bool Content) ClassifyNames(string? names, Dictionary<string, (Furniture, bool)> cache)
    {
        if (string.IsNullOrEmpty(names)) return (Furniture.None, false);
        if (cache.TryGetValue(names, out var known)) return known;
        var result = Furniture.None;
        var content = false;
        var span = names.AsSpan();
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && !char.IsWhiteSpace(span[i])) continue;
            if (i > start)
            {
                var named = ClassifyName(span[start..i], out var isContent);
                content |= isContent;
                if (named > result) result = named;
            }
            start = i + 1;
        }
        cache[names] = (result, content);
        return (result, content);
    }

    /// <summary>One class name or id; <paramref name="isContent"/> when it names the content and no furniture.</summary>
    private static Furniture ClassifyName(ReadOnlySpan<char> raw, out bool isContent)
    {
        isContent = false;
        var length = Math.Min(raw.Length, 128);
        Span<char> name = stackalloc char[length];
        raw[..length].ToLowerInvariant(name);
        foreach (var prefix in LabelPrefixes)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return Furniture.None;
        var lookup = HiddenClasses.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(name)) return Furniture.Strong;
        foreach (var s in StrongSubstrings)
            if (name.Contains(s, StringComparison.Ordinal)) return Furniture.Strong;
        var strong = StrongTokens.GetAlternateLookup<ReadOnlySpan<char>>();
        var weak = WeakTokens.GetAlternateLookup<ReadOnlySpan<char>>();
        var contentLookup = ContentTokens.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = Furniture.None;
        var content = false;
        // Tokens end at '-', '_' and where a lower-case letter meets a capital ("GoogleDfpAd", "newsCaption").
        var original = raw[..length];
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || name[i] is '-' or '_' or ' '
                           || i > start && char.IsUpper(original[i]) && char.IsLower(original[i - 1]);
            if (!boundary) continue;
            var token = name[start..i];
            var last = i >= name.Length;
            start = i < name.Length && char.IsUpper(original[i]) ? i : i + 1;
            if (token.IsEmpty) continue;
            if (strong.Contains(token)) return Furniture.Strong;
            if (weak.Contains(token)) result = Furniture.Weak;
            // "post-tags" and "tags" are tag lists; a tag label on the article itself was skipped above.
            if (last && token is "tag" or "tags") result = Furniture.Weak;
            content |= contentLookup.Contains(token);
        }
        isContent = content && result == Furniture.None;
        return result;
    }

    private static bool IsHiddenStyle(string style)
    {
        if (!style.Contains("none", StringComparison.OrdinalIgnoreCase) && !style.Contains("hidden", StringComparison.OrdinalIgnoreCase))
            return false;
        Span<char> buffer = stackalloc char[Math.Min(style.Length, 256)];
        var n = 0;
        foreach (var c in style)
        {
            if (n == buffer.Length) break;
            if (!char.IsWhiteSpace(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        var compact = buffer[..n];
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}
