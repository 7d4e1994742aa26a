using AngleSharp.Html.Parser;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// Finds the main text of an article or post page. One walk over the DOM cuts it into text blocks and
/// marks furniture (scripts, menus, sharing, comments, related links, ads) by tag and name; furniture is
/// dropped unless it holds most of the page's paragraph text. Every remaining paragraph then scores its
/// container (longer text and more commas score higher, links lower), the best container wins, grows to
/// take in neighbours that are paragraph text too (a story cut into several columns), and its blocks are
/// returned in page order. Pure: no network, no scripts run.
/// </summary>
public sealed partial class MainTextExtractor(PublishedDateParser dates)
{
    private const int MinBlockChars = 25;

    /// <summary>A paragraph of running text: this long at least, and mostly not links.</summary>
    private const int ParagraphMinChars = 50;
    private const double ParagraphMaxLinkDensity = 0.3;

    /// <summary>
    /// Inside the chosen container a block is dropped only when nearly all of it is links (a row of tags or
    /// "read also" links); a sentence around one long link is still text.
    /// </summary>
    private const double OutputMaxLinkDensity = 0.75;

    /// <summary>A furniture-named element is spared when it holds at least this share of the page's paragraph text.</summary>
    private const double StoryShare = 0.5;

    /// <summary>The container grows into an ancestor whose added text is at least this much paragraphs and at most this much links.</summary>
    private const double GrowParagraphShare = 0.6;
    private const double GrowMaxLinkDensity = 0.25;

    /// <summary>
    /// How pages are parsed: comments are never needed, and element positions only serve editors; skipping
    /// both saves parse time. Public so that a benchmark can time the parser alone, the ceiling for extraction.
    /// </summary>
    public static HtmlParserOptions ParserOptions => new() { SkipComments = true, DisableElementPositionTracking = true };

    [ThreadStatic] private static HtmlParser? t_parser;

    private static HtmlParser Parser => t_parser ??= new HtmlParser(ParserOptions);

    public PageContent Extract(string html, Uri url)
    {
        var document = Parser.ParseDocument(html);
        var meta = PageMetadata.Read(document, url, dates);
        if (document.Body is not { } body) return meta with { Paragraphs = [] };
        return meta with { Paragraphs = MainText(TextBlocks.Collect(body, byName: true)) };
    }

    /// <summary>
    /// Paragraphs of a fragment the publisher already reduced to the story (a feed item's content):
    /// HTML without the furniture tags, or plain text split at blank lines.
    /// </summary>
    public IReadOnlyList<string> ExtractFragment(string content)
    {
        if (!HtmlMarkup().IsMatch(content))
            return content.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.None)
                .Select(TextNormalizer.Normalize).Where(p => p.Length > 0).ToList();
        var document = Parser.ParseDocument($"<html><body>{content}</body></html>");
        var tree = TextBlocks.Collect(document.Body!, byName: false);
        var paragraphs = new List<string>();
        foreach (var b in tree.Blocks)
            if (!HasFurnitureAncestor(b.Owner) && b.LinkDensity <= 0.5) paragraphs.Add(b.Text);
        return paragraphs;

        static bool HasFurnitureAncestor(ContentNode? n)
        {
            for (; n is not null; n = n.Parent)
                if (n.Furniture != Furniture.None) return true;
            return false;
        }
    }

    internal static List<string> MainText(PageTree tree)
    {
        Totals(tree);
        RemoveFurniture(tree);
        KeptTotals(tree);
        var paragraphs = new List<string>();
        if (BestContainer(tree) is not { } region) return paragraphs;
        foreach (var (first, end) in region)
        {
            for (var i = first; i < end; i++)
            {
                var b = tree.Blocks[i];
                if (b.Owner.Removed || b.IsTitle || b.LinkDensity > OutputMaxLinkDensity || b.Text.Length < 2) continue;
                paragraphs.Add(b.Text);
            }
        }
        return paragraphs;
    }

    private static bool IsParagraph(TextBlock b) =>
        !b.IsHeading && b.Text.Length >= ParagraphMinChars && b.LinkDensity <= ParagraphMaxLinkDensity;

    /// <summary>Subtree totals before anything is removed; nodes are in document order, so children come after parents.</summary>
    private static void Totals(PageTree tree)
    {
        foreach (var b in tree.Blocks)
        {
            b.Owner.Chars += b.Chars;
            if (IsParagraph(b)) b.Owner.ParagraphChars += b.Chars;
        }
        for (var i = tree.Nodes.Count - 1; i >= 0; i--)
        {
            var n = tree.Nodes[i];
            if (n.IsStory) n.StoryCount++;
            if (n.Tag == "h1") n.TitleCount++;
            if (n.Parent is not { } p) continue;
            p.Chars += n.Chars;
            p.ParagraphChars += n.ParagraphChars;
            p.TitleCount += n.TitleCount;
            p.StoryCount += n.StoryCount;
        }
    }

    /// <summary>
    /// Drops furniture unless it holds the story: a wrapper whose class merely mentions a sidebar or a
    /// header ("has-sidebar") may hold the whole article, and so may a strongly named one that also holds
    /// the headline or the article element ("article modal-enabled"). Comments and related links longer
    /// than the article hold neither and go.
    /// </summary>
    private static void RemoveFurniture(PageTree tree)
    {
        var pageParagraphs = Math.Max(1, tree.Root.ParagraphChars);
        foreach (var n in tree.Nodes)
        {
            if (n.Parent is null) continue;
            if (n.Parent.Removed) { n.Removed = true; continue; }
            if (n.Furniture == Furniture.None) continue;
            var holdsStory = n.ParagraphChars >= StoryShare * pageParagraphs;
            var spared = n.Furniture == Furniture.Weak
                ? holdsStory || (n.TitleCount > 0 && BoilerplateRules.ClassifyTag(n.Tag) == Furniture.None)
                : holdsStory && (n.TitleCount > 0 || n.StoryCount > 0);
            n.Removed = !spared;
        }
    }

    private static void KeptTotals(PageTree tree)
    {
        foreach (var b in tree.Blocks)
        {
            if (b.Owner.Removed) continue;
            b.Owner.KeptChars += b.Chars;
            b.Owner.KeptLinkChars += b.LinkChars;
            if (IsParagraph(b)) b.Owner.KeptParagraphChars += b.Chars;
        }
        for (var i = tree.Nodes.Count - 1; i >= 0; i--)
        {
            var n = tree.Nodes[i];
            if (n.Removed) continue;
            if (n.IsStory) n.KeptStoryCount++;
            if (n.Parent is not { } p) continue;
            p.KeptStoryCount += n.KeptStoryCount;
            p.KeptChars += n.KeptChars;
            p.KeptLinkChars += n.KeptLinkChars;
            p.KeptParagraphChars += n.KeptParagraphChars;
        }
    }

    /// <summary>The block ranges of the winning container and of the siblings that belong with it.</summary>
    private static List<(int First, int End)>? BestContainer(PageTree tree)
    {
        var scored = new List<ContentNode>();
        foreach (var b in tree.Blocks)
        {
            if (b.Owner.Removed || b.IsHeading || b.Text.Length < MinBlockChars || b.LinkDensity > 0.5) continue;
            var score = 1 + CountCommas(b.Text) + Math.Min(3, b.Text.Length / 100);
            var target = b.OwnsText ? b.Owner : b.Owner.Parent;
            for (var level = 0; target is not null && level < 3; level++, target = target.Parent)
            {
                if (target.Score == 0) scored.Add(target);
                target.Score += score / (level == 0 ? 1.0 : level * 2.0);
            }
        }
        if (scored.Count == 0) return null;
        ContentNode? best = null;
        var bestScore = double.MinValue;
        foreach (var n in scored)
        {
            n.Score *= 1 - n.KeptLinkDensity;
            if (n.Score > bestScore) (best, bestScore) = (n, n.Score);
        }
        best = Grow(best!);
        bestScore = Math.Max(bestScore, best.Score);
        var region = new List<(int, int)>();
        if (best.Parent is not { } parent)
        {
            region.Add((best.FirstBlock, best.EndBlock));
            return region;
        }
        var threshold = Math.Max(10, bestScore * 0.25);
        foreach (var sibling in tree.Nodes)
        {
            if (sibling.Parent != parent || sibling.Removed) continue;
            if (sibling == best || sibling.Score >= threshold) region.Add((sibling.FirstBlock, sibling.EndBlock));
        }
        return region;
    }

    /// <summary>
    /// Climbs from the best container to an ancestor while what the ancestor adds is more paragraph
    /// text (a story cut into several columns or sections) or nothing at all (a bare wrapper), and stops
    /// at the first ancestor that would add links, labels or short teasers. An article element is one
    /// story: growth stops there, and before an ancestor that holds another article (a list of teasers).
    /// A table cell is a column of a layout table, whose other cells are menus and side columns.
    /// </summary>
    private static ContentNode Grow(ContentNode best)
    {
        while (best.Tag is not ("article" or "td" or "th") && best.Parent is { } parent)
        {
            if (parent.KeptStoryCount - best.KeptStoryCount - (parent.IsStory ? 1 : 0) > 0) break;
            var extraChars = parent.KeptChars - best.KeptChars;
            var extraParagraphs = parent.KeptParagraphChars - best.KeptParagraphChars;
            var extraLinks = parent.KeptLinkChars - best.KeptLinkChars;
            var clean = extraChars == 0
                        || extraParagraphs >= GrowParagraphShare * extraChars && extraLinks <= GrowMaxLinkDensity * extraChars;
            if (!clean) break;
            best = parent;
        }
        return best;
    }

    private static int CountCommas(string s)
    {
        var n = 0;
        foreach (var c in s) if (c is ',' or '،' or '，') n++;
        return n;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:[a-zA-Z][^>]*>|/[a-zA-Z]|!--)")]
    private static partial System.Text.RegularExpressions.Regex HtmlMarkup();
}
