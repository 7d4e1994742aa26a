using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// One walk over a DOM that cuts its text into blocks at block-level elements and at double line breaks
/// (<c>&lt;br&gt;&lt;br&gt;</c>), the two ways pages separate paragraphs, and records the block elements
/// (and elements named as furniture) as <see cref="ContentNode"/>s. Inline elements are transparent:
/// their text joins the enclosing block, counted as link text inside <c>&lt;a&gt;</c>. A block that is only a
/// timestamp (its text inside <c>&lt;time&gt;</c>, or a short label such as "Published:" around one) is a dateline,
/// page metadata rather than a paragraph, and is left out; a <c>&lt;time&gt;</c> inside a sentence stays.
/// </summary>
internal sealed class TextBlocks
{
    private static readonly FrozenSet<string> BlockTags = FrozenSet.ToFrozenSet(
    [
        "address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt", "fieldset", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "nav", "aside", "footer", "header", "form", "hgroup", "caption",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ParagraphTags = FrozenSet.ToFrozenSet(
        ["p", "pre", "blockquote", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "address", "summary"], StringComparer.Ordinal);

    public static bool IsParagraphTag(string tag) => ParagraphTags.Contains(tag);

    private readonly List<ContentNode> _nodes = [];
    private readonly List<TextBlock> _blocks = [];
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, (Furniture, bool)> _names = new(StringComparer.Ordinal);
    private readonly bool _byName;
    private ContentNode _owner = null!;
    private int _chars, _linkChars, _timeChars, _breaks;

    /// <summary>A block this short that is at least half timestamp is a dateline with a label ("Published: …", "Updated …").</summary>
    private const int DatelineMaxChars = 60;

    private TextBlocks(bool byName) => _byName = byName;

    /// <summary>
    /// The blocks under <paramref name="root"/>. With <paramref name="byName"/>, elements are classified as
    /// furniture by tag, class, id, role and hiding; without it (a fragment the publisher already reduced to
    /// the story), by tag only.
    /// </summary>
    public static PageTree Collect(IElement root, bool byName)
    {
        var walker = new TextBlocks(byName);
        var node = new ContentNode(root, root.LocalName, null, Furniture.None, isStory: false);
        walker._nodes.Add(node);
        walker._owner = node;
        walker.Walk(root, node, inLink: false, inTime: false);
        walker.Flush();
        node.EndBlock = walker._blocks.Count;
        return new PageTree(walker._nodes, walker._blocks);
    }

    private void Walk(IElement element, ContentNode node, bool inLink, bool inTime)
    {
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is IText text)
            {
                Append(text.Data, inLink, inTime);
                continue;
            }
            if (child is not IElement e) continue;
            var tag = e.LocalName;
            if (tag == "br")
            {
                Break();
                continue;
            }
            if (BoilerplateRules.SkippedTags.Contains(tag)) continue;
            var isStory = false;
            var furniture = _byName ? BoilerplateRules.Classify(e, tag, _names, out isStory) : BoilerplateRules.ClassifyTag(tag);
            var link = inLink || tag == "a";
            var time = inTime || tag == "time";
            if (!BlockTags.Contains(tag) && furniture == Furniture.None && !isStory)
            {
                Walk(e, node, link, time);
                continue;
            }
            Flush();
            var childNode = new ContentNode(e, tag, node, furniture, isStory) { FirstBlock = _blocks.Count };
            _nodes.Add(childNode);
            node.HasChildBlocks = true;
            _owner = childNode;
            Walk(e, childNode, link, time);
            Flush();
            childNode.EndBlock = _blocks.Count;
            _owner = node;
        }
    }

    private void Append(string s, bool inLink, bool inTime)
    {
        var chars = 0;
        foreach (var c in s)
            if (!char.IsWhiteSpace(c)) chars++;
        if (chars > 0)
        {
            _breaks = 0;
            _chars += chars;
            if (inLink) _linkChars += chars;
            if (inTime) _timeChars += chars;
        }
        _text.Append(s);
    }

    private void Break()
    {
        _text.Append('\n');
        if (++_breaks >= 2) Flush();
    }

    private void Flush()
    {
        var dateline = _timeChars == _chars || (_chars <= DatelineMaxChars && 2 * _timeChars >= _chars);
        if (_chars > 0 && !dateline)
        {
            var text = TextNormalizer.Normalize(_text.ToString());
            if (text.Length > 0)
            {
                var tag = _owner.Tag;
                var heading = tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6';
                _blocks.Add(new TextBlock(_owner, text, _chars, Math.Min(_linkChars, _chars), heading, tag == "h1"));
            }
        }
        _text.Clear();
        _chars = 0;
        _linkChars = 0;
        _timeChars = 0;
        _breaks = 0;
    }
}
