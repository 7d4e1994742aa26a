using System.Text;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;

namespace NlpPipeline.Tests.Ingestion.Feeds;

/// <summary>Issue 3: feed XML never resolves DTDs or external entities.</summary>
public sealed class FeedParserSecurityTests
{
    private static readonly Uri FeedUrl = new("https://shymkent.example.kz/rss");
    private readonly FeedParser _parser = new(new PublishedDateParser(UnitFixture.Almaty));

    [Fact]
    public void Issue3_XxeSystemEntityPointingAtLocalFile_IsRefusedAndLeaksNothing()
    {
        var secretPath = Path.Combine(Path.GetTempPath(), $"nlp-xxe-{Guid.NewGuid():N}.txt");
        const string marker = "XXE-MARKER-7f3a9c-секрет";
        File.WriteAllText(secretPath, marker);
        try
        {
            var feed = UnitFixture.Text("Feeds", "rss-xxe.xml").Replace("MARKER_FILE_PATH", secretPath);

            var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(Encoding.UTF8.GetBytes(feed), null, FeedUrl));

            Assert.Equal(FeedProblem.Malformed, ex.Problem);
            Assert.Contains("external entity 'secret'", ex.Message);
            Assert.DoesNotContain(marker, ex.ToString());
        }
        finally
        {
            File.Delete(secretPath);
        }
    }

    [Fact]
    public void Issue3_BillionLaughs_IsRefusedAsMalformedBeforeExpanding()
    {
        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(UnitFixture.Bytes("Feeds", "rss-billion-laughs.xml"), null, FeedUrl));

        Assert.Equal(FeedProblem.Malformed, ex.Problem);
        Assert.Contains("billion-laughs", ex.Message);
        Assert.Null(ex.InnerException);   // refused by our own check, not by an XML reader's expansion limit
    }

    [Fact]
    public void Read_QuadraticBlowupOfOneLargeEntity_IsRefused()
    {
        var value = new string('a', 4000);
        var refs = string.Concat(Enumerable.Repeat("&big;", 400));
        var feed = $"<!DOCTYPE rss [<!ENTITY big \"{value}\">]><rss><channel><title>{refs}</title></channel></rss>";

        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Read(Encoding.UTF8.GetBytes(feed), null, FeedUrl));

        Assert.Equal(FeedProblem.Malformed, ex.Problem);
    }

    [Fact]
    public void Read_ParameterEntityToExternalDtd_IsNeverFetchedAndFeedStillReads()
    {
        var feed = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://127.0.0.1:9/xhtml-lat1.ent">
              %HTMLlat1;
            ]>
            <rss version="2.0"><channel><title>Т</title><item><title>Бір</title><link>https://example.kz/1</link></item></channel></rss>
            """;

        var document = FeedParser.Read(Encoding.UTF8.GetBytes(feed), null, FeedUrl);

        Assert.Equal(["https://example.kz/1"], document.Items.Select(i => i.Link));
    }

    [Fact]
    public void Read_PlainInternalEntity_IsSubstituted()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "rss-internal-entity.xml"), null, new Uri("https://oral.example.kz/rss"));

        Assert.Equal("https://oral.example.kz/news/kezdesu", Assert.Single(document.Items).Link);
    }

    [Fact]
    public void Read_DoctypeInsideCdataOrComment_IsLeftAlone()
    {
        var feed = "<!-- <!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]> --><rss><channel><title>T</title>" +
                   "<item><title><![CDATA[<!DOCTYPE кодта>]]></title><link>https://example.kz/1</link></item></channel></rss>";

        var item = Assert.Single(FeedParser.Read(Encoding.UTF8.GetBytes(feed), null, FeedUrl).Items);

        Assert.Equal("<!DOCTYPE кодта>", item.Title);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_HostileNestingDepth_IsRefusedAsMalformed(bool wellFormed)
    {
        const int depth = 50_000;
        var open = string.Concat(Enumerable.Repeat("<a>", depth));
        var close = wellFormed ? string.Concat(Enumerable.Repeat("</a>", depth)) : "&nbsp;";
        var feed = $"<rss><channel><title>{open}x{close}</title></channel></rss>";

        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Read(Encoding.UTF8.GetBytes(feed), null, FeedUrl));

        Assert.Equal(FeedProblem.Malformed, ex.Problem);
        Assert.Contains("nested over 1000 deep", ex.Message);
    }

    [Fact]
    public void Read_ManyStrayEndTags_AreIgnored()
    {
        var stray = string.Concat(Enumerable.Repeat("</b>", 200_000));
        var feed = $"<rss><channel><title>Т&nbsp;{stray}</title><item><title>Бір</title><link>https://example.kz/1</link></item></channel></rss>";

        var document = FeedParser.Read(Encoding.UTF8.GetBytes(feed), null, FeedUrl);

        Assert.True(document.Recovered);
        Assert.Equal("https://example.kz/1", Assert.Single(document.Items).Link);
    }

    [Fact]
    public void Read_IllFormedFeedWithThousandsOfUnclosedHtmlBreaks_IsNotMistakenForDeepNesting()
    {
        var items = string.Concat(Enumerable.Range(1, 1500).Select(n =>
            $"<item><title>Жазба {n}</title><link>https://example.kz/{n}</link><description><p>Бірінші жол<br>екінші жол</p></description></item>"));
        var feed = $"<rss version=\"2.0\"><channel><title>Блог</title>{items}</channel></rss>";

        var document = FeedParser.Read(Encoding.UTF8.GetBytes(feed), null, FeedUrl);

        Assert.True(document.Recovered);
        Assert.Equal(1500, document.Items.Count);
    }
}
