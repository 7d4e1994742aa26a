namespace NlpPipeline.Core.Domain;

/// <summary>
/// When a stated publication time is believed. A time later than the fetch by more than
/// <see cref="FutureTolerance"/> is <see cref="DateTrust.Future"/>: a publisher's clock, a wrong offset
/// (a local time read as UTC is at most 14 hours off) or a scheduled post explain less than a day, a
/// placeholder ("2099-12-31") or a day/month swap does not. A time before <see cref="Earliest"/> is
/// <see cref="DateTrust.TooOld"/>: Kazakhstan's online media begin in the mid-1990s, so anything
/// earlier is a CMS default (1970-01-01, 1900-01-01, 0001-01-01), not a publication date.
/// </summary>
public static class PublicationDateRules
{
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTrust Check(DateTimeOffset? published, DateTimeOffset fetchedAt) => published switch
    {
        null => DateTrust.Undated,
        { } p when p < Earliest => DateTrust.TooOld,
        { } p when p > fetchedAt + FutureTolerance => DateTrust.Future,
        _ => DateTrust.Trusted,
    };
}
