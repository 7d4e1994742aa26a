using NlpPipeline.Core.Domain;

namespace NlpPipeline.Tests.Core.Domain;

public sealed class PublicationDateRulesTests
{
    private static readonly DateTimeOffset Fetched = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_NoDate_Undated() => Assert.Equal(DateTrust.Undated, PublicationDateRules.Check(null, Fetched));

    [Theory]
    [InlineData("2026-11-28T13:00:00+05:00")]        // an hour before the fetch
    [InlineData("2026-11-29T07:59:00+00:00")]        // within a day after it: clock or offset slip
    [InlineData("1990-01-01T00:00:00+00:00")]
    [InlineData("2022-01-05T14:30:00+06:00")]
    public void Check_PlausibleDate_Trusted(string date) =>
        Assert.Equal(DateTrust.Trusted, PublicationDateRules.Check(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Fetched));

    [Theory]
    [InlineData("2026-11-29T08:01:00+00:00")]
    [InlineData("2099-12-31T00:00:00+06:00")]
    [InlineData("2027-11-05T10:00:00+05:00")]        // 11 May read as 5 November
    public void Check_MoreThanADayAfterFetch_Future(string date) =>
        Assert.Equal(DateTrust.Future, PublicationDateRules.Check(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Fetched));

    [Theory]
    [InlineData("1970-01-01T00:00:00+00:00")]
    [InlineData("1989-12-31T18:00:00+00:00")]
    [InlineData("1900-01-01T00:00:00+06:00")]
    public void Check_Before1990_TooOld(string date) =>
        Assert.Equal(DateTrust.TooOld, PublicationDateRules.Check(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Fetched));

    [Fact]
    public void DatedBy_NoOriginGiven_FeedWhenDatedNoneOtherwise()
    {
        var dated = new Document(new Uri("https://a.kz/1"), new Uri("https://a.kz/1"), "s", Fetched, Fetched.AddDays(-1), null, ["p"]);
        var undated = dated with { PublishedAt = null };

        Assert.Equal(DateSource.Feed, dated.DatedBy.Source);
        Assert.Equal(DateTrust.Trusted, dated.DateTrust);
        Assert.Equal(DateSource.None, undated.DatedBy.Source);
        Assert.Equal(DateTrust.Undated, undated.DateTrust);
    }

    [Fact]
    public void WireNames_AreTheStoredSpellings()
    {
        Assert.Equal(["feed", "json_ld", "meta", "time_element", "url_path", "none"], DateSourceNames.Table.Names);
        Assert.Equal(["ok", "undated", "future", "too_old"], DateTrustNames.Table.Names);
    }
}
