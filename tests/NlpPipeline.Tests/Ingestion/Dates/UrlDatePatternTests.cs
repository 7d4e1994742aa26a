using System.Globalization;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Tests.Ingestion.Dates;

public sealed class UrlDatePatternTests
{
    private readonly PublishedDateParser _dates = new(UnitFixture.Almaty);

    [Theory]
    [InlineData("https://qazaqline.example/kk/2022/01/02/gaz-bagasy", "2022-01-02T00:00:00+06:00", "/2022/01/02")]
    [InlineData("https://site.kz/news/2025/3/7/", "2025-03-07T00:00:00+05:00", "/2025/3/7")]
    [InlineData("https://dala-habar.example/articles/2022-02-28-tenge-qunsyzdandy.html", "2022-02-28T00:00:00+06:00", "/2022-02-28")]
    [InlineData("https://site.kz/news/item_2021-12-16.html", "2021-12-16T00:00:00+06:00", "/item_2021-12-16")]
    public void Read_DateInPath_MidnightLocalWithPattern(string url, string expected, string detail)
    {
        var claim = UrlDatePattern.Read(new Uri(url), _dates);

        Assert.NotNull(claim);
        Assert.Equal(expected, claim.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        Assert.Equal(new DateOrigin(DateSource.UrlPath, detail), claim.Origin);
    }

    [Theory]
    [InlineData("https://dala.example.kz/kk/news/2025/03/emhana")]     // a month, not a day
    [InlineData("https://site.kz/news/2022/02/30/slug")]                // no such day
    [InlineData("https://site.kz/news/20220105-slug")]                  // eight digits may be an id
    [InlineData("https://site.kz/archive/2022/13/01/slug")]
    [InlineData("https://site.kz/a/31650000.html")]
    [InlineData("https://site.kz/news?date=2022-01-05")]                // the query is not the path
    public void Read_NoFullDateInPath_Null(string url) =>
        Assert.Null(UrlDatePattern.Read(new Uri(url), _dates));
}
