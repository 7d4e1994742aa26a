using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// One file of the feed-parser test suite in ../shared/benchmarks/feeds (feedparser's tests). Each file
/// states its ground truth in a leading comment: "Expect:" is a Python condition on feedparser's result
/// ("not bozo" means the feed is well-formed; "entries[2]['title'] == …" means at least three entries;
/// "feed['title'] == '\u0410'" the decoded title; "encoding == 'koi8-r'" the encoding), and "Header:"
/// an HTTP Content-Type to pretend it was served with. We score what our parser promises: a well-formed
/// feed yields all its entries, nothing crashes or hangs, and in the encoding cases (the suite's encoding
/// folders and every Cyrillic code page) the expected title and encoding are read exactly. Titles
/// elsewhere test feedparser's HTML sanitising, which our pipeline does later, in text extraction.
/// </summary>
internal sealed partial record FeedCase(
    string Name, byte[] Bytes, string? Expect, string? HttpCharset,
    bool WellFormed, int Entries, string? FeedTitle, string? Encoding, bool Cyrillic, (int Index, string Title)? EntryTitle)
{
    public static FeedCase Load(string root, string path)
    {
        var bytes = File.ReadAllBytes(path);
        var head = System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var expect = Field(head, "Expect");
        var header = Field(head, "Header");
        var charset = header is null ? null : CharsetParameter().Match(header) is { Success: true } c ? c.Groups[1].Value : null;
        var name = Path.GetRelativePath(root, path).Replace('\\', '/');
        var illFormed = name.StartsWith("illformed/", StringComparison.Ordinal) || (expect?.TrimStart().StartsWith("bozo", StringComparison.Ordinal) ?? false);
        var wellFormed = expect is not null && !illFormed;
        var minEntries = EntryIndex().Matches(expect ?? "").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
        var entries = Math.Max(minEntries, CountEntryElements(head.Length < bytes.Length ? System.Text.Encoding.Latin1.GetString(bytes) : head));
        var encoding = EncodingExpectation().Match(expect ?? "") is { Success: true } e ? e.Groups[1].Value : null;
        var declared = charset ?? CharsetDecoder.DeclaredCharset(bytes);
        var cyrillic = IsCyrillic(declared) || IsCyrillic(encoding);
        var encodingCase = cyrillic || name.StartsWith("encoding", StringComparison.Ordinal);
        var title = encodingCase && FeedTitleExpectation().Match(expect ?? "") is { Success: true } t ? PythonString(t.Groups[1].Value) : null;
        var entryTitle = EntryTitleExpectation().Match(expect ?? "") is { Success: true } et
            ? (int.Parse(et.Groups[1].Value, CultureInfo.InvariantCulture), PythonString(et.Groups[2].Value))
            : ((int, string)?)null;
        return new FeedCase(name, bytes, expect, charset, wellFormed, entries, title, encoding, cyrillic, entryTitle);
    }

    /// <summary>A Cyrillic code page: most of its upper half (0xC0–0xFF) reads as Cyrillic letters.</summary>
    public static bool IsCyrillic(string? charset)
    {
        if (CharsetNames.Resolve(charset) is not { IsSingleByte: true } encoding) return false;
        var upper = encoding.GetString([.. Enumerable.Range(0x80, 128).Select(b => (byte)b)]);
        return upper.Count(ch => ch is >= '\u0400' and <= '\u04FF') >= 48;
    }

    /// <summary>
    /// RSS/RDF items and Atom entries, counted from the markup: start tags named item or entry (any case,
    /// any prefix but a foreign one's nested use is rare in this suite) outside comments and CDATA.
    /// </summary>
    private static int CountEntryElements(string text)
    {
        var stripped = CommentsAndCdata().Replace(text, "");
        return EntryElement().Count(stripped);
    }

    private static string? Field(string head, string key) =>
        Regex.Match(head, $@"^\s*{key}:\s*(.+?)\s*$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A Python string literal's body: \uXXXX, \xXX, \n, \t and escaped quotes.</summary>
    private static string PythonString(string body)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length) { sb.Append(body[i]); continue; }
            var c = body[++i];
            switch (c)
            {
                case 'u' when i + 4 < body.Length: sb.Append((char)Convert.ToInt32(body.Substring(i + 1, 4), 16)); i += 4; break;
                case 'U' when i + 8 < body.Length: sb.Append(char.ConvertFromUtf32(Convert.ToInt32(body.Substring(i + 1, 8), 16))); i += 8; break;
                case 'x' when i + 2 < body.Length: sb.Append((char)Convert.ToInt32(body.Substring(i + 1, 2), 16)); i += 2; break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex(@"entries\[(\d+)\]")]
    private static partial Regex EntryIndex();

    [GeneratedRegex(@"^\s*not bozo and feed\['title'\] == u?'((?:[^'\\]|\\.)*)'\s*$")]
    private static partial Regex FeedTitleExpectation();

    [GeneratedRegex(@"^\s*not bozo and entries\[(\d+)\]\['title'\] == u?'((?:[^'\\]|\\.)*)'\s*$")]
    private static partial Regex EntryTitleExpectation();

    [GeneratedRegex(@"encoding == u?'([^']+)'")]
    private static partial Regex EncodingExpectation();

    [GeneratedRegex(@"<!--.*?-->|<!\[CDATA\[.*?\]\]>", RegexOptions.Singleline)]
    private static partial Regex CommentsAndCdata();

    [GeneratedRegex(@"<(?:\w+:)?(?:item|entry)[\s/>]", RegexOptions.IgnoreCase)]
    private static partial Regex EntryElement();
}
