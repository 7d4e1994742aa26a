using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;

namespace NlpPipeline.Tests.Ingestion.Feeds;

/// <summary>Issue 3: RSS 0.90/0.91, RDF (RSS 1.0), Atom 0.3 and ill-formed XML, each from a hand-written fixture.</summary>
public sealed class FeedParserFormatTests
{
    private readonly FeedParser _parser = new(new PublishedDateParser(UnitFixture.Almaty));

    private IReadOnlyList<FeedEntry> Parse(string file, string feedUrl, string? charset = null) =>
        _parser.Parse(UnitFixture.Bytes("Feeds", file), charset, new Uri(feedUrl));

    [Fact]
    public void Issue3_Rss10Rdf_ReadsItemsOutsideChannelWithDcDateAndContentEncoded()
    {
        var entries = Parse("rdf-rss10.xml", "https://kostanay.example.kz/rss.rdf");

        Assert.Equal(["Жастар ауылдан қалаға көшуде", "Урожай зерновых вырос на пятую часть"], entries.Select(e => e.Title));
        Assert.Equal("https://kostanay.example.kz/kk/zhastar", entries[0].Id);
        Assert.Equal(["2023-04-18T09:30:00+06:00", "2023-09-29T16:00:00+06:00"], entries.Select(e => FeedParserTests.Show(e.Published)));
        Assert.Equal("<p>Былтыр ауданнан үш жүзден астам жас кетті.</p><p>Әкімдік жаңа жұмыс орындарын уәде етті.</p>", entries[0].Content);
        Assert.Equal("Былтыр ауданнан үш жүзден астам жас кетті.", entries[0].Summary);
    }

    [Fact]
    public void Issue3_Rss090NetscapeNamespace_ReadsItems()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "rss090-netscape.xml"), null, new Uri("http://steppewire.example.kz/rss.rdf"));

        Assert.Equal(FeedFormat.Rdf, document.Format);
        Assert.Equal("Steppe Wire (1999 archive)", document.Title);
        Assert.Equal(["http://steppewire.example.kz/1999/04/tenge.html", "http://steppewire.example.kz/1999/05/graduates.html"], document.Items.Select(i => i.Link));
    }

    [Fact]
    public void Issue3_Rss091WithExternalDtdDoctype_ReadsWithoutFetchingTheDtd()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "rss091-doctype.xml"), null, new Uri("http://digest.example.org/rss.xml"));

        Assert.False(document.Recovered);
        var item = Assert.Single(document.Items);
        Assert.Equal("Remittances from Russia fall for a second quarter", item.Title);
        Assert.Equal("Families in the south feel it first.", item.Summary);
    }

    [Fact]
    public void Issue3_Atom03_ReadsIssuedAsPublishedAndDecodesBase64Title()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "atom03.xml"), null, new Uri("https://blog.example.kz/atom.xml"));
        var entries = Parse("atom03.xml", "https://blog.example.kz/atom.xml");

        Assert.Equal(FeedFormat.Atom, document.Format);
        Assert.Equal("Блог о переезде", document.Title);
        var entry = Assert.Single(entries);
        Assert.Equal("https://blog.example.kz/2006/03/dokumenty", entry.Link.AbsoluteUri);
        Assert.Equal("2006-03-01T21:10:00+06:00", FeedParserTests.Show(entry.Published));
        Assert.Equal("<p>Справки, апостиль, очередь в консульстве.</p>", entry.Content);
    }

    [Fact]
    public void Issue3_IllFormedRss_IsRecoveredWithHtmlEntitiesBareAmpersandsAndUnknownPrefixes()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "rss-illformed.xml"), null, new Uri("https://zhetysu.example.kz/rss"));
        var entries = Parse("rss-illformed.xml", "https://zhetysu.example.kz/rss");

        Assert.True(document.Recovered);
        Assert.Equal("Жетісу\u00A0жаңалықтары", document.Title);
        Assert.Equal(["Цены на бензин «АИ-92» снова выросли", "Талдықорғанда Q&A кездесуі өтті"], entries.Select(e => e.Title));
        Assert.Equal(["https://zhetysu.example.kz/news?id=501&lang=ru", "https://zhetysu.example.kz/news?id=502&lang=kk"], entries.Select(e => e.Link.AbsoluteUri));
        Assert.Equal("2022-02-21T12:00:00+06:00", FeedParserTests.Show(entries[0].Published));
    }

    [Fact]
    public void Issue3_TruncatedFeed_ThrowsMalformed()
    {
        var ex = Assert.Throws<FeedFormatException>(() => Parse("rss-truncated.xml", "https://atyrau.example.kz/rss"));

        Assert.Equal(FeedProblem.Malformed, ex.Problem);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("https://atyrau.example.kz/rss", ex.Message);
    }

    [Fact]
    public void Issue3_InvalidPubDate_KeepsItemWithoutDate()
    {
        var entries = Parse("rss-invalid-date.xml", "https://balqash.example.kz/rss");

        Assert.Equal(["https://balqash.example.kz/news/kol", "https://balqash.example.kz/news/aurukhana"], entries.Select(e => e.Link.AbsoluteUri));
        Assert.Null(entries[0].Published);
        Assert.Equal("2025-03-04T11:20:00+05:00", FeedParserTests.Show(entries[1].Published));
    }

    [Fact]
    public void Read_ItemsWithoutLinks_AreAllReturnedButParseLeavesThemOut()
    {
        var rss = "<rss version=\"2.0\"><channel><title>T</title><item><title>Бір</title></item><item><title>Екі</title><link>https://example.kz/2</link></item></channel></rss>"u8.ToArray();

        Assert.Equal(2, FeedParser.Read(rss, null, new Uri("https://example.kz/rss")).Items.Count);
        Assert.Single(_parser.Parse(rss, null, new Uri("https://example.kz/rss")));
    }

    [Fact]
    public void Read_AtomFeedWithRssStyleItems_ReadsThemAsEntries()
    {
        var atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Аралас</title>
              <item><title>Қате белгі</title><link href="https://example.kz/a"/></item>
              <entry><title>Дұрыс белгі</title><link href="https://example.kz/b"/></entry>
            </feed>
            """u8.ToArray();

        var document = FeedParser.Read(atom, null, new Uri("https://example.kz/atom"));

        Assert.Equal(["https://example.kz/a", "https://example.kz/b"], document.Items.Select(i => i.Link));
    }

    [Fact]
    public void Read_ForeignNamespaceTitle_DoesNotStandInForItemTitle()
    {
        var rss = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
              <item><media:title>Видео</media:title><title>Мақала</title><link>https://example.kz/a</link></item>
            </channel></rss>
            """u8.ToArray();

        Assert.Equal("Мақала", Assert.Single(FeedParser.Read(rss, null, new Uri("https://example.kz/rss")).Items).Title);
    }

    [Fact]
    public void Read_AtomContentOfBinaryMediaType_IsBase64Decoded()
    {
        var atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
              <entry><title>Бір</title><link href="https://example.kz/1"/>
                <content type="application/octet-stream">0JzQsNGC0LXRgNC40LDQuw==</content></entry>
            </feed>
            """u8.ToArray();

        Assert.Equal("Материал", Assert.Single(FeedParser.Read(atom, null, new Uri("https://example.kz/atom")).Items).Content);
    }

    [Fact]
    public void Read_ItemWithOnlyMediaTitle_UsesItAsFallback()
    {
        var rss = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
              <item><media:title>Бейнежазба</media:title><link>https://example.kz/v</link></item>
            </channel></rss>
            """u8.ToArray();

        Assert.Equal("Бейнежазба", Assert.Single(FeedParser.Read(rss, null, new Uri("https://example.kz/rss")).Items).Title);
    }

    [Fact]
    public void Read_MicrosoftCdfChannel_ReadsItemsWithHrefAndLastmod()
    {
        var cdf = """
            <?xml version="1.0"?>
            <CHANNEL HREF="http://old.example.kz/">
              <TITLE>Old Portal</TITLE>
              <ITEM HREF="http://old.example.kz/2001/visa.html" LASTMOD="2001-03-05T10:00">
                <TITLE>Visa queues at the consulate</TITLE>
                <ABSTRACT>People wait overnight.</ABSTRACT>
              </ITEM>
            </CHANNEL>
            """u8.ToArray();

        var document = FeedParser.Read(cdf, null, new Uri("http://old.example.kz/channel.cdf"));

        Assert.Equal(FeedFormat.Cdf, document.Format);
        var item = Assert.Single(document.Items);
        Assert.Equal(("http://old.example.kz/2001/visa.html", "Visa queues at the consulate", "People wait overnight.", "2001-03-05T10:00"),
            (item.Link, item.Title, item.Summary, item.Published));
    }

    [Fact]
    public void Read_EbcdicFeed_IsRecognisedFromItsPrologBytes()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var xml = "<?xml version=\"1.0\" encoding=\"ibm037\"?><rss version=\"2.0\"><channel><title>Mainframe News</title>" +
                  "<item><title>Batch jobs moved</title><link>http://host.example/1</link></item></channel></rss>";

        var document = FeedParser.Read(System.Text.Encoding.GetEncoding(37).GetBytes(xml), null, new Uri("http://host.example/rss"));

        Assert.Equal("Mainframe News", document.Title);
        Assert.Equal("Batch jobs moved", Assert.Single(document.Items).Title);
    }
}
