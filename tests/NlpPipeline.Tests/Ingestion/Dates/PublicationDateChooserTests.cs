using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Tests.Ingestion.Dates;

public sealed class PublicationDateChooserTests
{
    private static readonly DateTimeOffset Fetched = new(2022, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOrigin Meta = new(DateSource.Meta, "article:published_time");
    private static readonly DateOrigin Url = new(DateSource.UrlPath, "/2022/01/05");

    private static DateClaim Claim(int year, int month, int day, DateOrigin origin) => new(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(6)), origin);

    [Fact]
    public void Choose_TrustedFeedDate_Wins()
    {
        var (value, origin) = PublicationDateChooser.Choose([Claim(2022, 1, 20, DateOrigin.Feed), Claim(2022, 1, 19, Meta)], Fetched);

        Assert.Equal(new DateTimeOffset(2022, 1, 20, 10, 0, 0, TimeSpan.FromHours(6)), value);
        Assert.Equal(DateSource.Feed, origin.Source);
    }

    [Fact]
    public void Choose_FeedDateInTheFuture_FallsBackToPageMeta()
    {
        var (value, origin) = PublicationDateChooser.Choose([Claim(2030, 1, 1, DateOrigin.Feed), Claim(2022, 1, 19, Meta), Claim(2022, 1, 5, Url)], Fetched);

        Assert.Equal(19, value!.Value.Day);
        Assert.Equal(Meta, origin);
    }

    [Fact]
    public void Choose_OnlyPlaceholderDates_KeepsFirstClaimForItsFlag()
    {
        var (value, origin) = PublicationDateChooser.Choose([Claim(1970, 1, 1, Meta), Claim(2099, 12, 31, Url)], Fetched);

        Assert.Equal(1970, value!.Value.Year);
        Assert.Equal(Meta, origin);
        Assert.Equal(DateTrust.TooOld, PublicationDateRules.Check(value, Fetched));
    }

    [Fact]
    public void Choose_NoClaims_Undated()
    {
        var (value, origin) = PublicationDateChooser.Choose([], Fetched);

        Assert.Null(value);
        Assert.Equal(DateOrigin.None, origin);
    }
}
