using System.Globalization;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Feeds;

public sealed class FeedParserTests
{
    private readonly FeedParser _parser = new(new PublishedDateParser(UnitFixture.Almaty));

    internal static string Show(DateTimeOffset? d) =>
        d?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "null";

    private IReadOnlyList<FeedEntry> Parse(string file, string feedUrl, string? charset = null) =>
        _parser.Parse(UnitFixture.Bytes("Feeds", file), charset, new Uri(feedUrl));

    [Fact]
    public void Parse_Rss20RelativeLinks_ResolvesAgainstFeedUrl()
    {
        var entries = Parse("rss-utf8-relative.xml", "https://example.kz/rss/feed.xml");

        Assert.Equal(
            [
                "https://example.kz/rss/articles/x.html",
                "https://example.kz/news/2022/01/tariffs.html",
                "https://partner.example.org/story/frost?id=17&lang=en",
            ],
            entries.Select(e => e.Link.AbsoluteUri));
    }

    [Fact]
    public void Parse_Rss20_ReadsTitlesTrimmedAndIds()
    {
        var entries = Parse("rss-utf8-relative.xml", "https://example.kz/rss/feed.xml");

        Assert.Equal(
            ["Талдықорғанда жаңа мектеп ашылды", "Тарифы на отопление пересмотрят", "Farmers in Zhetysu report a late frost"],
            entries.Select(e => e.Title));
        Assert.Equal(["jn-2022-0105-01", "jn-2022-0104-07", "jn-2022-0103-02"], entries.Select(e => e.Id));
    }

    [Fact]
    public void Parse_Rss20PubDates_KeepPublishersOffset()
    {
        var entries = Parse("rss-utf8-relative.xml", "https://example.kz/rss/feed.xml");

        Assert.Equal(
            ["2022-01-05T14:30:00+06:00", "2022-01-04T09:00:00+00:00", "2022-01-03T18:05:00+00:00"],
            entries.Select(e => Show(e.Published)));
    }

    [Fact]
    public void Parse_Rss20Description_BecomesSummaryAndEmptyIsNull()
    {
        var entries = Parse("rss-utf8-relative.xml", "https://example.kz/rss/feed.xml");

        Assert.Equal("<p>Мектеп 600 оқушыға арналған.</p>", entries[0].Summary);
        Assert.Equal("Акимат обещает пересчёт до весны.", entries[1].Summary);
        Assert.Null(entries[2].Summary);
    }

    [Fact]
    public void Parse_AtomWithPublished_ReadsEntries()
    {
        var entries = Parse("atom.xml", "https://vestnik.example.kz/atom.xml");

        Assert.Equal(2, entries.Count);
        Assert.Equal("В Костанае открыли круглосуточный пункт обогрева", entries[0].Title);
        Assert.Equal("https://vestnik.example.kz/2025/03/obogrev", entries[0].Link.AbsoluteUri);
        Assert.Equal("https://vestnik.example.kz/2025/03/nadbavki", entries[1].Link.AbsoluteUri);
        Assert.Equal("tag:vestnik.example.kz,2025:entry-101", entries[0].Id);
        Assert.Equal("Пункт рассчитан на сорок человек.", entries[0].Summary);
    }

    [Fact]
    public void Parse_AtomPublishedAndUpdatedDiffer_UsesPublished()
    {
        var entries = Parse("atom.xml", "https://vestnik.example.kz/atom.xml");

        Assert.Equal(["2025-03-03T10:00:00+05:00", "2025-03-02T16:20:00+05:00"], entries.Select(e => Show(e.Published)));
    }

    [Fact]
    public void Parse_JsonFeed11_ReadsItemsWithContentText()
    {
        var entries = Parse("jsonfeed.json", "https://dala.example.kz/feed.json");

        Assert.Equal(2, entries.Count);
        Assert.Equal(["Ауылдағы интернет туралы", "Көктемгі егіс басталды"], entries.Select(e => e.Title));
        Assert.Equal(["https://dala.example.kz/p/42", "https://dala.example.kz/p/43"], entries.Select(e => e.Link.AbsoluteUri));
        Assert.Equal("Біздің ауылда интернет әлі де баяу.\n\nМектеп оқушылары сабақты телефоннан тыңдайды.", entries[0].Content);
        Assert.Equal("Шаруалар егіске дайын.", entries[1].Content);
    }

    [Fact]
    public void Parse_JsonFeed11_ReadsDatesWithOffset()
    {
        var entries = Parse("jsonfeed.json", "https://dala.example.kz/feed.json");

        Assert.Equal(["2022-01-05T14:30:00+06:00", "2025-03-03T10:00:00+05:00"], entries.Select(e => Show(e.Published)));
    }

    [Fact]
    public void Parse_RussianMonthNamesInPubDate_ParsesWithOffset()
    {
        var entries = Parse("rss-ru-months.xml", "https://semey.example.kz/rss");

        Assert.Equal(3, entries.Count);
        Assert.Equal("2025-03-03T10:00:00+05:00", Show(entries[0].Published));
        Assert.Equal("2022-01-05T14:30:00+06:00", Show(entries[1].Published));
        Assert.Null(entries[2].Published);
    }

    [Fact]
    public void Parse_ItemWithoutLinkButPermalinkGuid_UsesGuidAsLink()
    {
        var entries = Parse("rss-guid.xml", "https://aktobe.example.kz/rss");

        var entry = Assert.Single(entries, e => e.Title == "Автобусы пойдут по новому графику");
        Assert.Equal("https://aktobe.example.kz/news/avtobusy-grafik", entry.Link.AbsoluteUri);
        Assert.Equal("2025-03-03T07:15:00+05:00", Show(entry.Published));
    }

    [Fact]
    public void Parse_ItemWithoutLinkAndTagGuid_IsLeftOut()
    {
        var entries = Parse("rss-guid.xml", "https://aktobe.example.kz/rss");

        Assert.DoesNotContain(entries, e => e.Title == "Запись без ссылки");
    }

    [Fact]
    public void Parse_ItemWithoutLinkAndNonPermalinkGuid_IsLeftOut()
    {
        // guid isPermaLink="false" is an opaque id, not a relative URL: "48213" must not become https://aktobe.example.kz/48213.
        var entries = Parse("rss-guid.xml", "https://aktobe.example.kz/rss");

        Assert.Equal(["https://aktobe.example.kz/news/avtobusy-grafik"], entries.Select(e => e.Link.AbsoluteUri));
    }
}
