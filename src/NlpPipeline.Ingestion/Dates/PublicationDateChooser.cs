using NlpPipeline.Core.Domain;

namespace NlpPipeline.Ingestion.Dates;

/// <summary>
/// Picks a document's publication time from what the feed item, the page and the URL state, in that order
/// of preference: the first claim <see cref="PublicationDateRules"/> trusts wins. When none is trusted the
/// first claim is kept anyway (stored with its flag, so the wrong date stays visible and is not used),
/// and without any claim the document is undated.
/// </summary>
public static class PublicationDateChooser
{
    public static (DateTimeOffset? Value, DateOrigin Origin) Choose(IEnumerable<DateClaim> claims, DateTimeOffset fetchedAt)
    {
        DateClaim? first = null;
        foreach (var claim in claims)
        {
            if (PublicationDateRules.Check(claim.Value, fetchedAt) == DateTrust.Trusted) return (claim.Value, claim.Origin);
            first ??= claim;
        }
        return first is null ? (null, DateOrigin.None) : (first.Value, first.Origin);
    }
}
