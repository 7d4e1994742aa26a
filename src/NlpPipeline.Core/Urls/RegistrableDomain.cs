using System.Collections.Frozen;
using System.Net;

namespace NlpPipeline.Core.Urls;

/// <summary>
/// The registrable domain of a host (the part a publisher registers: <c>tengrinews.kz</c> for
/// <c>m.tengrinews.kz</c>, <c>bbc.co.uk</c> for <c>www.bbc.co.uk</c>), used to decide whether a page's
/// declared canonical URL is on the same site. An approximation of the Public Suffix List that needs no
/// data file: the last two labels, or three when the second-to-last is a generic second level under a
/// two-letter country domain (<c>com.kz</c>, <c>org.ru</c>, <c>co.uk</c>), plus one more label on shared
/// hosting platforms where every subdomain belongs to someone else (<c>name.livejournal.com</c>).
/// IP addresses and single-label hosts are their own site.
/// </summary>
public static class RegistrableDomain
{
    private static readonly FrozenSet<string> GenericSecondLevel = new[]
    {
        "ac", "co", "com", "edu", "gov", "gv", "int", "mil", "net", "nom", "or", "org", "pp", "sch", "msk", "spb",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SharedHosting = new[]
    {
        "livejournal.com", "blogspot.com", "wordpress.com", "tumblr.com", "substack.com", "github.io", "narod.ru",
        "ucoz.ru", "ucoz.kz", "appspot.com", "herokuapp.com", "netlify.app", "vercel.app", "pages.dev", "web.app",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The registrable domain of <paramref name="host"/> in lower-case ASCII (punycode for IDN hosts).</summary>
    public static string Of(string host)
    {
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (h.Length == 0 || h.StartsWith('[') || IPAddress.TryParse(h, out _)) return h;
        var labels = h.Split('.');
        if (labels.Length <= 2) return h;
        var keep = labels[^1].Length == 2 && GenericSecondLevel.Contains(labels[^2]) ? 3 : 2;
        if (labels.Length > keep && SharedHosting.Contains(string.Join('.', labels[^keep..]))) keep++;
        return string.Join('.', labels[^Math.Min(keep, labels.Length)..]);
    }

    /// <summary>Whether two http(s) URLs belong to the same site (same registrable domain, any subdomain: www., m., …).</summary>
    public static bool SameSite(Uri a, Uri b) =>
        a.IsAbsoluteUri && b.IsAbsoluteUri && a.Host.Length > 0 && Of(IdnHost(a)) == Of(IdnHost(b));

    private static string IdnHost(Uri u) => u.HostNameType == UriHostNameType.IPv6 ? u.Host : u.IdnHost;
}
