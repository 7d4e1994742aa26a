using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// Walks a cleaned DOM and cuts its text into blocks at block-level elements and at double line
/// breaks (<c>&lt;br&gt;&lt;br&gt;</c>), the two ways pages separate paragraphs.
/// </summary>
internal static class TextBlocks
{
    private static readonly FrozenSet<string> BlockTags = FrozenSet.ToFrozenSet(
    [
        "ADDRESS", "ARTICLE", "BLOCKQUOTE", "BODY", "CENTER", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET", "FIGURE",
        "H1", "H2", "H3", "H4", "H5", "H6", "HR", "LI", "MAIN", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY",
        "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
    ]);

    private static readonly FrozenSet<string> ParagraphTags = FrozenSet.ToFrozenSet(
        ["P", "PRE", "BLOCKQUOTE", "LI", "DD", "DT", "H1", "H2", "H3", "H4", "H5", "H6", "ADDRESS", "SUMMARY"]);

    public static IReadOnlyList<TextBlock> Collect(IElement root)
    {
        var blocks = new List<TextBlock>();
        Walk(root, blocks);
        return blocks;
    }

    private static void Walk(IElement element, List<TextBlock> blocks)
    {
        var run = new Run(element);
        foreach (var child in element.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    run.Append(text.Data, inLink: false);
                    break;
                case IElement e when e.TagName == "BR":
                    run.Break();
                    break;
                case IElement e when BlockTags.Contains(e.TagName) || HasBlockDescendant(e):
                    run.Flush(blocks);
                    Walk(e, blocks);
                    break;
                case IElement e:
                    AppendInline(e, run, inLink: e.TagName == "A");
                    break;
            }
        }
        run.Flush(blocks);
    }

    private static void AppendInline(IElement element, Run run, bool inLink)
    {
        foreach (var child in element.ChildNodes)
        {
            if (child is IText t) run.Append(t.Data, inLink);
            else if (child is IElement e)
            {
                if (e.TagName == "BR") run.Break();
                else AppendInline(e, run, inLink || e.TagName == "A");
            }
        }
    }

    private static bool HasBlockDescendant(IElement e)
    {
        foreach (var d in e.Descendants<IElement>())
            if (BlockTags.Contains(d.TagName)) return true;
        return false;
    }

    /// <summary>
    /// Inline text accumulating inside one element until a block boundary. A double line break closes
    /// a part; each part keeps its own count of link characters, so a row of links stays a row of links.
    /// </summary>
    private sealed class Run(IElement owner)
    {
        private readonly List<(string Text, int LinkChars)> _parts = [];
        private readonly StringBuilder _text = new();
        private int _linkChars;
        private int _breaks;

        public void Append(string s, bool inLink)
        {
            if (s.Length == 0) return;
            if (!string.IsNullOrWhiteSpace(s)) _breaks = 0;
            _text.Append(s);
            if (inLink) _linkChars += TextNormalizer.Normalize(s).Length;
        }

        public void Break()
        {
            _text.Append('\n');
            if (++_breaks >= 2) ClosePart();
        }

        private void ClosePart()
        {
            if (_text.Length > 0) _parts.Add((_text.ToString(), _linkChars));
            _text.Clear();
            _linkChars = 0;
        }

        public void Flush(List<TextBlock> blocks)
        {
            ClosePart();
            var tag = owner.TagName;
            var heading = tag.Length == 2 && tag[0] == 'H' && char.IsDigit(tag[1]);
            foreach (var (raw, links) in _parts)
            {
                var text = TextNormalizer.Normalize(raw);
                if (text.Length == 0) continue;
                blocks.Add(new TextBlock(owner, text, Math.Min(links, text.Length), heading, tag == "H1",
                    OwnsText: !ParagraphTags.Contains(tag)));
            }
            _parts.Clear();
            _breaks = 0;
        }
    }
}
