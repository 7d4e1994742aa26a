using System.Text;

namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// The robots.txt rules that apply to us on one site (RFC 9309): the most specific (longest) matching
/// Allow/Disallow pattern decides, Allow wins a tie, no matching rule means allowed, and
/// <c>/robots.txt</c> itself is always allowed. Patterns may use <c>*</c> (any run of characters) and a
/// final <c>$</c> (end of the URL). Paths are compared after percent-encoding normalisation.
/// </summary>
public sealed class RobotsRules
{
    private readonly IReadOnlyList<(string Pattern, bool Allow)> _rules;

    internal RobotsRules(IReadOnlyList<(string Pattern, bool Allow)> rules, TimeSpan? crawlDelay, string? note)
    {
        _rules = rules.Select(r => (Normalize(r.Pattern), r.Allow)).ToList();
        CrawlDelay = crawlDelay;
        Note = note;
    }

    /// <summary>No robots.txt (4xx) or no group for us: everything is allowed.</summary>
    public static RobotsRules AllowAll(string? note = null) => new([], null, note);

    /// <summary>robots.txt could not be fetched (5xx, network): RFC 9309 says to assume complete disallow.</summary>
    public static RobotsRules DisallowAll(string note) => new([("/", false)], null, note);

    /// <summary>The Crawl-delay of our group, if it gives one (not in RFC 9309, but widely used).</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>Why these rules (for logs), e.g. "robots.txt unreachable (HTTP 503)".</summary>
    public string? Note { get; }

    public int Count => _rules.Count;

    public bool IsAllowed(Uri url) => IsAllowed(string.IsNullOrEmpty(url.PathAndQuery) ? "/" : url.PathAndQuery);

    /// <summary>Whether a path with its query (as in <see cref="Uri.PathAndQuery"/>) may be fetched.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        var path = Normalize(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        if (path == "/robots.txt") return true;
        var bestLength = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (pattern.Length < bestLength || !Matches(pattern, path)) continue;
            if (pattern.Length > bestLength || allow) allowed = allow;
            bestLength = pattern.Length;
        }
        return allowed;
    }

    /// <summary>Glob match of the whole pattern against a prefix of the path (or the whole path when it ends in '$').</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        int p = 0, s = 0, star = -1, resume = 0;
        while (true)
        {
            if (p == pattern.Length)
            {
                if (!anchored || s == path.Length) return true;   // unanchored: the pattern is a prefix
            }
            else if (pattern[p] == '*')
            {
                star = p++;
                resume = s;
                continue;
            }
            else if (s < path.Length && pattern[p] == path[s])
            {
                p++;
                s++;
                continue;
            }
            if (star < 0 || resume >= path.Length) return false;
            p = star + 1;                                        // let the last '*' swallow one more character
            s = ++resume;
        }
    }

    /// <summary>
    /// RFC 9309 §2.2.2: non-ASCII octets are percent-encoded (UTF-8), escapes of unreserved characters are
    /// decoded, and other escapes are written in upper case, so "/%7euser" and "/~user" compare equal.
    /// </summary>
    internal static string Normalize(string path)
    {
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%' && i + 2 < path.Length && Uri.IsHexDigit(path[i + 1]) && Uri.IsHexDigit(path[i + 2]))
            {
                var value = (char)Convert.ToInt32(path.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(value) || value is '-' or '.' or '_' or '~') sb.Append(value);
                else sb.Append('%').Append(char.ToUpperInvariant(path[i + 1])).Append(char.ToUpperInvariant(path[i + 2]));
                i += 2;
            }
            else if (c > 0x7F)
            {
                var end = char.IsHighSurrogate(c) && i + 1 < path.Length ? i + 2 : i + 1;
                foreach (var b in Encoding.UTF8.GetBytes(path[i..end])) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                i = end - 1;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
