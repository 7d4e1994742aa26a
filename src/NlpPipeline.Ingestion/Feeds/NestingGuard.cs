namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// Measures how deep a document's elements nest, in one linear pass over the markup (comments, CDATA,
/// declarations and quoted attribute values skipped), before any XML reader sees it. Readers spend
/// time per element in proportion to its depth, and reading text out of elements recurses, so a
/// hostile nesting depth would hang the parser or exhaust the stack; no real feed nests anywhere near
/// <see cref="MaxDepth"/>.
/// </summary>
internal static class NestingGuard
{
    public const int MaxDepth = 1000;

    /// <summary>How far up an end tag looks for its element, as in <see cref="TolerantXmlParser"/>.</summary>
    private const int EndTagReach = 64;

    public static bool TooDeep(string s)
    {
        // Open element names; an end tag closes its element and any left open inside it (HTML's <br>, in
        // an ill-formed feed), as the tolerant reader does, looking only so far up.
        var open = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var lt = s.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= s.Length) return false;
            i = lt + 1;
            switch (s[i])
            {
                case '!' when string.CompareOrdinal(s, i, "!--", 0, 3) == 0: i = After(s, i, "-->"); break;
                case '!' when string.CompareOrdinal(s, i, "![CDATA[", 0, 8) == 0: i = After(s, i, "]]>"); break;
                case '!' or '?': i = After(s, i, ">"); break;
                case '/':
                    var name = Name(s, i + 1);
                    for (var d = open.Count - 1; d >= Math.Max(0, open.Count - EndTagReach); d--)
                        if (open[d] == name) { open.RemoveRange(d, open.Count - d); break; }
                    i = After(s, i, ">");
                    break;
                default:
                    if (!char.IsLetter(s[i]) && s[i] is not ('_' or ':')) break;
                    var start = Name(s, i);
                    var (end, selfClosing) = TagEnd(s, i);
                    i = end;
                    if (selfClosing) break;
                    open.Add(start);
                    if (open.Count > MaxDepth) return true;
                    break;
            }
        }
        return false;
    }

    private static string Name(string s, int i)
    {
        var start = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('>' or '/' or '<')) i++;
        return s[start..i];
    }

    private static (int End, bool SelfClosing) TagEnd(string s, int i)
    {
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '"' or '\'') { var close = s.IndexOf(c, i + 1); if (close < 0) return (s.Length, false); i = close; }
            else if (c == '>') return (i + 1, s[i - 1] == '/');
            else if (c == '<') return (i, false);   // an unclosed tag
        }
        return (s.Length, false);
    }

    private static int After(string s, int from, string terminator)
    {
        var end = s.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? s.Length : end + terminator.Length;
    }
}
