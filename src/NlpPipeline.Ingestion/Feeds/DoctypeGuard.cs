using System.Text.RegularExpressions;

namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// Feed XML never gets a DTD processed. Before any XML reader sees the text, the document type
/// declaration is cut out, and what it declares is judged here rather than by a library's defaults:
/// an external entity (SYSTEM or PUBLIC: the XXE shape) or an entity whose value refers to other
/// entities (the billion-laughs shape) makes the feed malformed; a plain internal entity with a
/// literal value ("&lt;!ENTITY site 'example.kz'&gt;", which some feeds use) is substituted as text,
/// within a size budget. Parameter entities are never read, so external DTDs are never fetched.
/// </summary>
internal static partial class DoctypeGuard
{
    private const int MaxEntityValue = 4096;
    private const int MaxExpansion = 1 << 20;   // characters added by substitution, in all

    /// <summary>The text without its DOCTYPE and with its plain internal entities substituted.</summary>
    /// <exception cref="FeedFormatException">The DOCTYPE declares an entity we refuse to expand.</exception>
    public static string Apply(string text, Uri feedUrl)
    {
        var start = DoctypeStart(text);
        if (start < 0) return text;
        var end = DoctypeEnd(text, start);
        var subset = text[start..end];
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in EntityDeclaration().Matches(subset))
        {
            if (m.Groups["pe"].Success) continue;
            var name = m.Groups["name"].Value;
            if (m.Groups["external"].Success)
                throw new FeedFormatException(FeedProblem.Malformed,
                    $"{feedUrl}: the feed declares an external entity '{name}' ({m.Groups["external"].Value}); external entities are never resolved, and such a feed is refused");
            var value = m.Groups["value"].Value;
            value = value.Length >= 2 ? value[1..^1] : "";
            if (EntityReference().IsMatch(value))
                throw new FeedFormatException(FeedProblem.Malformed,
                    $"{feedUrl}: the feed declares entity '{name}' in terms of other entities (the billion-laughs shape); refused");
            if (value.Length > MaxEntityValue)
                throw new FeedFormatException(FeedProblem.Malformed, $"{feedUrl}: the feed declares an entity '{name}' of {value.Length} characters; refused");
            entities.TryAdd(name, value);
        }
        var body = text[..start] + text[end..];
        return entities.Count == 0 ? body : Substitute(body, entities, feedUrl);
    }

    private static string Substitute(string body, Dictionary<string, string> entities, Uri feedUrl)
    {
        var added = 0L;
        var result = GeneralReference().Replace(body, m =>
        {
            if (!entities.TryGetValue(m.Groups[1].Value, out var value)) return m.Value;
            added += value.Length;
            return value;
        });
        if (added > MaxExpansion)
            throw new FeedFormatException(FeedProblem.Malformed, $"{feedUrl}: the feed's entities expand to over {MaxExpansion:N0} characters; refused");
        return result;
    }

    /// <summary>Where "&lt;!DOCTYPE" starts in the prolog (before the first element), or -1.</summary>
    private static int DoctypeStart(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            i = text.IndexOf('<', i);
            if (i < 0 || i + 1 >= text.Length) return -1;
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0) { i = Skip(text, i, "-->"); continue; }
            if (text[i + 1] == '?') { i = Skip(text, i, "?>"); continue; }
            if (string.Compare(text, i, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0) return i;
            return -1;   // the root element: no DOCTYPE can follow
        }
        return -1;
    }

    /// <summary>The index after the DOCTYPE's closing '>', past an internal subset with its quoted strings and comments.</summary>
    private static int DoctypeEnd(string text, int start)
    {
        var inSubset = false;
        for (var i = start + 9; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'') { var close = text.IndexOf(c, i + 1); if (close < 0) return text.Length; i = close; }
            else if (c == '<' && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0) i = Skip(text, i, "-->") - 1;
            else if (c == '[') inSubset = true;
            else if (c == ']') inSubset = false;
            else if (c == '>' && !inSubset) return i + 1;
        }
        return text.Length;
    }

    private static int Skip(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from + 2, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }

    [GeneratedRegex("""<!ENTITY\s+(?<pe>%\s+)?(?<name>[^\s%"'>]+)\s+(?:(?<external>(?:SYSTEM|PUBLIC)\b[^>]*)|(?<value>"[^"]*"|'[^']*'))""")]
    private static partial Regex EntityDeclaration();

    [GeneratedRegex("""[&%]([A-Za-z_:][\w.:-]*);""")]
    private static partial Regex EntityReference();

    [GeneratedRegex("""&([A-Za-z_:][\w.:-]*);""")]
    private static partial Regex GeneralReference();
}
