using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace NlpPipeline.Core.Urls;

/// <summary>
/// One spelling per story URL, so the same article reached through a feed link with tracking tags, a
/// mobile share or a differently escaped link is recognised as already stored. Rules, for http(s) only
/// (other schemes, e.g. <c>file://</c>, are returned unchanged):
/// <list type="bullet">
/// <item>scheme and host in lower case; an internationalised host in its ASCII (punycode) form, so
/// <c>пример.қаз</c> and <c>xn--e1afmkfd.xn--80ao21a</c> are one host; a trailing dot on the host dropped;
/// the default port (80, 443) and any user name or password dropped;</item>
/// <item>the fragment dropped (browsers never send it), except a <c>#!</c> "hashbang" fragment, which
/// old AJAX sites use to name the page;</item>
/// <item>percent-encoding normalised: unreserved characters (letters, digits, <c>-._~</c>) decoded,
/// every other escape in upper-case hex, non-ASCII characters escaped as UTF-8; dot segments resolved;</item>
/// <item>a trailing slash removed from every path but the root (<c>/news/123/</c> and <c>/news/123</c>
/// are one page; <c>https://site.kz/</c> keeps its slash);</item>
/// <item>tracking parameters removed (see <see cref="IsTracking"/>); the remaining parameters sorted by
/// name (ordinal), repeated names keeping their original relative order; empty pieces (<c>&amp;&amp;</c>) dropped.</item>
/// </list>
/// The result is an identity key; articles are still fetched at the link the publisher gave.
/// </summary>
public static class UrlCanonicalizer
{
    /// <summary>Parameters that only say how a reader arrived (campaign, click and share identifiers), compared case-insensitively.</summary>
    private static readonly FrozenSet<string> TrackingNames = new[]
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "_openstat",
        "mc_cid", "mc_eid", "igshid", "igsh", "twclid", "ttclid", "li_fat_id", "mkt_tok", "_hsenc", "_hsmi",
        "_ga", "_gl", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "rb_clickid", "s_cid", "wickedid",
        "ref_src", "ref_url", "ncid", "ocid", "cmpid", "__twitter_impression", "_branch_match_id", "spm",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Families of campaign parameters: Google/UTM, Matomo/Piwik, Adobe, HubSpot ads, internal-promotion tags.</summary>
    private static readonly string[] TrackingPrefixes = ["utm_", "pk_", "mtm_", "at_", "hsa_", "itm_"];

    /// <summary>Canonical form of an absolute URL (see the type's rules). Not http(s): returned as is.</summary>
    public static Uri Canonicalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")) return url;
        var sb = new StringBuilder(url.OriginalString.Length);
        sb.Append(url.Scheme).Append("://").Append(Host(url));
        if (!url.IsDefaultPort) sb.Append(':').Append(url.Port.ToString(CultureInfo.InvariantCulture));
        sb.Append(Path(url.AbsolutePath));
        var query = Query(url.Query);
        if (query.Length > 0) sb.Append('?').Append(query);
        if (url.Fragment.StartsWith("#!", StringComparison.Ordinal)) sb.Append("#!").Append(Escapes(url.Fragment[2..], "/?:@!$&'()*+,;="));
        return new Uri(sb.ToString());
    }

    /// <summary>
    /// The identity of a page: its declared canonical URL (rel=canonical, og:url) when that is on the same
    /// site as the URL it was fetched from (<see cref="RegistrableDomain.SameSite"/>), otherwise the fetched
    /// URL; both canonicalised. A page read from a local file has no site to compare, so its declared
    /// http(s) canonical URL wins. A declared canonical that is the site's home page while the page is not
    /// is ignored: some CMSs put the home page in every article, which would merge all their stories into one.
    /// </summary>
    public static Uri Choose(Uri fetched, Uri? declared)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        if (declared is not { IsAbsoluteUri: true, Scheme: "http" or "https" }) return Canonicalize(fetched);
        if (declared.AbsolutePath == "/" && declared.Query.Length <= 1 && !(fetched.IsAbsoluteUri && fetched.AbsolutePath == "/"))
            return Canonicalize(fetched);
        var local = fetched.IsAbsoluteUri && fetched.Scheme is not ("http" or "https");
        return local || RegistrableDomain.SameSite(fetched, declared) ? Canonicalize(declared) : Canonicalize(fetched);
    }

    /// <summary>
    /// True for a parameter that tracks the visit rather than naming the content: <c>utm_*</c>, <c>pk_*</c>,
    /// <c>mtm_*</c>, <c>at_*</c>, <c>hsa_*</c>, <c>itm_*</c>, the click identifiers of Google, Facebook,
    /// Microsoft, Yandex, TikTok, Twitter/X and Instagram, Mailchimp, HubSpot, Marketo and Openstat tags,
    /// <c>ref_src</c> and <c>ref_url</c>; and <c>ref</c> when its value is a short word such as
    /// <c>ref=tg</c> or <c>ref=rss</c> (a value of digits only may be an id, so it is kept).
    /// </summary>
    public static bool IsTracking(string name, string value)
    {
        if (TrackingNames.Contains(name)) return true;
        foreach (var prefix in TrackingPrefixes)
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return name.Equals("ref", StringComparison.OrdinalIgnoreCase) && value.Length <= 40 && value.Any(char.IsLetter);
    }

    private static string Host(Uri url)
    {
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
        return host.TrimEnd('.').ToLowerInvariant();
    }

    private static string Path(string path)
    {
        var p = Escapes(path.Length == 0 ? "/" : path, "/:@!$&'()*+,;=");
        return p.Length > 1 && p[^1] == '/' ? p[..^1] : p;
    }

    private static string Query(string query)
    {
        if (query.Length <= 1) return "";
        var kept = new List<(string Name, string Piece)>();
        foreach (var piece in query[1..].Split('&'))
        {
            if (piece.Length == 0) continue;
            var eq = piece.IndexOf('=');
            var rawName = eq < 0 ? piece : piece[..eq];
            var rawValue = eq < 0 ? "" : piece[(eq + 1)..];
            var name = Escapes(rawName, "/?:@!$'()*+,;");
            var value = Escapes(rawValue, "/?:@!$'()*+,;=");
            if (IsTracking(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value))) continue;
            kept.Add((name, eq < 0 ? name : name + "=" + value));
        }
        return string.Join('&', kept.OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => k.Piece));
    }

    /// <summary>
    /// Rewrites one component: escapes of unreserved characters decoded, other escapes upper-cased, and
    /// any character that is neither unreserved nor in <paramref name="allowed"/> escaped as UTF-8.
    /// </summary>
    private static string Escapes(string s, string allowed)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                var b = (char)Convert.ToByte(s.Substring(i + 1, 2), 16);
                if (IsUnreserved(b)) sb.Append(b);
                else sb.Append('%').Append(char.ToUpperInvariant(s[i + 1])).Append(char.ToUpperInvariant(s[i + 2]));
                i += 2;
            }
            else if (IsUnreserved(c) || (c < 128 && allowed.Contains(c)))
            {
                sb.Append(c);
            }
            else
            {
                var text = char.IsHighSurrogate(c) && i + 1 < s.Length ? s.Substring(i++, 2) : c.ToString();
                foreach (var b in Encoding.UTF8.GetBytes(text)) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    private static bool IsUnreserved(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
