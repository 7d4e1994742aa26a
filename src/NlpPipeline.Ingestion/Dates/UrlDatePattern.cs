using System.Text.RegularExpressions;
using NlpPipeline.Core.Domain;

namespace NlpPipeline.Ingestion.Dates;

/// <summary>
/// A publication day written into an article's URL path, as many news sites do: <c>/2022/01/05/slug</c>,
/// <c>/2022-01-05/slug</c> or <c>/news/2022-01-05-slug</c>. Year, month and day must all be there (a
/// <c>/2022/01/</c> archive path names a month, not a day) and form a real date; the day starts at
/// midnight in the parser's local zone. The last resort: the page's own metadata is preferred.
/// </summary>
public static partial class UrlDatePattern
{
    public static DateClaim? Read(Uri url, PublishedDateParser dates)
    {
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString;
        var m = Slashed().Match(path);
        if (!m.Success) m = Dashed().Match(path);
        if (!m.Success) return null;
        var text = $"{m.Groups["y"].Value}-{m.Groups["m"].Value}-{m.Groups["d"].Value}";
        return dates.TryParse(text, out var value) ? new DateClaim(value, new DateOrigin(DateSource.UrlPath, m.Value)) : null;
    }

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})/(?<m>0?[1-9]|1[0-2])/(?<d>0?[1-9]|[12]\d|3[01])(?=/|$|[-_.])")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"/(?:[^/]*?[-_])?(?<y>(?:19|20)\d{2})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\d|3[01])(?=/|$|[-_.])")]
    private static partial Regex Dashed();
}
