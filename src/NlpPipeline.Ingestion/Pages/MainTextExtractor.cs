using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// Finds the main text of an article or post page. Furniture (scripts, menus, sharing, comments,
/// related links, ads) is removed first; then every text block scores its container in the way of
/// Readability (longer text and more commas score higher, links lower), the best container wins, and
/// its blocks are returned in page order. Pure: no network, no scripts run.
/// </summary>
public sealed partial class MainTextExtractor(PublishedDateParser dates)
{
    private const int MinBlockChars = 25;

    public PageContent Extract(string html, Uri url)
    {
        var document = new HtmlParser().ParseDocument(html);
        var meta = PageMetadata.Read(document, url, dates);
        var body = document.Body;
        if (body is null) return meta with { Paragraphs = [] };
        RemoveFurniture(body);
        var blocks = TextBlocks.Collect(body);
        var top = BestContainer(blocks);
        if (top is null) return meta with { Paragraphs = [] };
        var chosen = blocks.Where(b => Within(b.Element, top.Element, top.Siblings)).ToList();
        var paragraphs = chosen
            .Where(b => !b.IsTitle && b.LinkDensity <= 0.5 && b.Text.Length >= 2)
            .Select(b => b.Text)
            .ToList();
        return meta with { Paragraphs = paragraphs };
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
        var document = new HtmlParser().ParseDocument($"<html><body>{content}</body></html>");
        var body = document.Body!;
        foreach (var e in body.QuerySelectorAll("*").Where(e => BoilerplateRules.RemovedTags.Contains(e.TagName)).ToList())
            e.Remove();
        return TextBlocks.Collect(body).Where(b => b.LinkDensity <= 0.5).Select(b => b.Text).ToList();
    }

    private static void RemoveFurniture(IElement body)
    {
        foreach (var e in body.QuerySelectorAll("*").Where(e => BoilerplateRules.RemovedTags.Contains(e.TagName)).ToList())
            e.Remove();
        var bodyChars = Math.Max(1, body.TextContent.Length);
        foreach (var e in body.QuerySelectorAll("*").ToList())
        {
            if (!body.Contains(e)) continue;   // already gone with an ancestor
            var furniture = BoilerplateRules.Classify(e);
            if (furniture == Furniture.None || HoldsStory(e)) continue;
            // A wrapper whose class merely mentions a sidebar or a header ("has-sidebar") may hold the
            // whole article; comments, related links and ads never do, however long they are.
            if (furniture == Furniture.Weak && (e.QuerySelector("h1") is not null || e.TextContent.Length > bodyChars / 2)) continue;
            e.Remove();
        }
    }

    private static bool HoldsStory(IElement e) =>
        e.QuerySelectorAll("article, main, [itemprop='articleBody'], [itemprop='articlebody']").Length > 0;

    private sealed record Candidate(IElement Element, double Score, IReadOnlyList<IElement> Siblings);

    private static Candidate? BestContainer(IReadOnlyList<TextBlock> blocks)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var b in blocks)
        {
            if (b.IsHeading || b.Text.Length < MinBlockChars || b.LinkDensity > 0.5) continue;
            var score = 1 + CountCommas(b.Text) + Math.Min(3, b.Text.Length / 100);
            var target = b.OwnsText ? b.Element : b.Element.ParentElement;
            for (var level = 0; target is not null && level < 3; level++, target = target.ParentElement)
                scores[target] = scores.GetValueOrDefault(target) + score / (level == 0 ? 1 : level * 2);
        }
        if (scores.Count == 0) return null;
        var linkDensity = LinkDensityByContainer(blocks, scores.Keys);
        var best = scores.Select(kv => (Element: kv.Key, Score: kv.Value * (1 - linkDensity[kv.Key])))
            .MaxBy(x => x.Score);
        var siblings = new List<IElement>();
        if (best.Element.ParentElement is { } parent)
        {
            foreach (var sibling in parent.Children)
            {
                if (sibling == best.Element) continue;
                var s = scores.GetValueOrDefault(sibling) * (1 - linkDensity.GetValueOrDefault(sibling));
                if (s >= Math.Max(10, best.Score * 0.25)) siblings.Add(sibling);
            }
        }
        return new Candidate(best.Element, best.Score, siblings);
    }

    private static Dictionary<IElement, double> LinkDensityByContainer(IReadOnlyList<TextBlock> blocks, IEnumerable<IElement> containers)
    {
        var set = containers.ToHashSet();
        var chars = new Dictionary<IElement, (double Text, double Links)>();
        foreach (var b in blocks)
        {
            for (var e = b.Element; e is not null; e = e.ParentElement)
            {
                if (!set.Contains(e)) continue;
                var (t, l) = chars.GetValueOrDefault(e);
                chars[e] = (t + b.Text.Length, l + b.LinkChars);
            }
        }
        return set.ToDictionary(e => e, e => chars.TryGetValue(e, out var c) && c.Text > 0 ? Math.Min(1, c.Links / c.Text) : 0);
    }

    private static bool Within(IElement element, IElement top, IReadOnlyList<IElement> siblings)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (e == top || siblings.Contains(e)) return true;
        return false;
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
