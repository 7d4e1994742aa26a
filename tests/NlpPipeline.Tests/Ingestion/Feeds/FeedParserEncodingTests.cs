using System.Text;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Feeds;

public sealed class FeedParserEncodingTests
{
    static FeedParserEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Uri FeedUrl = new("https://uralsk.example.kz/rss.xml");

    private static readonly string[] Titles =
        ["Цены на хлеб в Уральске выросли на десять процентов", "Жители Аксая жалуются на ямы во дворах"];

    private readonly FeedParser _parser = new(new PublishedDateParser(UnitFixture.Almaty));

    [Fact]
    public void Parse_Windows1251WithDeclaration_DecodesCyrillic()
    {
        var entries = _parser.Parse(UnitFixture.Bytes("Feeds", "rss-1251.xml"), null, FeedUrl);

        Assert.Equal(Titles, entries.Select(e => e.Title));
        Assert.Equal("Пекарни ссылаются на подорожание муки.", entries[0].Summary);
        Assert.Equal("2022-01-05T14:30:00+06:00", FeedParserTests.Show(entries[0].Published));
    }

    [Fact]
    public void Parse_Windows1251WithoutDeclaration_DecodesCyrillic()
    {
        var entries = _parser.Parse(UnitFixture.Bytes("Feeds", "rss-1251-nodecl.xml"), null, FeedUrl);

        Assert.Equal(Titles, entries.Select(e => e.Title));
        Assert.All(entries, e => Assert.DoesNotContain("\uFFFD", e.Title ?? ""));
    }

    [Fact]
    public void Parse_Windows1251WithoutDeclarationButHttpCharset_DecodesCyrillic()
    {
        var entries = _parser.Parse(UnitFixture.Bytes("Feeds", "rss-1251-nodecl.xml"), "windows-1251", FeedUrl);

        Assert.Equal(Titles, entries.Select(e => e.Title));
    }

    [Fact]
    public void Parse_Windows1251MislabelledUtf8ByHttp_DecodesCyrillic()
    {
        var entries = _parser.Parse(UnitFixture.Bytes("Feeds", "rss-1251.xml"), "utf-8", FeedUrl);

        Assert.Equal(Titles, entries.Select(e => e.Title));
    }

    [Fact]
    public void Parse_Utf8FeedWithBom_Parses()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. UnitFixture.Bytes("Feeds", "rss-utf8-relative.xml")];

        var entries = _parser.Parse(bytes, "utf-8", new Uri("https://example.kz/rss/feed.xml"));

        Assert.Equal(3, entries.Count);
        Assert.Equal("Талдықорғанда жаңа мектеп ашылды", entries[0].Title);
    }

    private static readonly string[] PetropavlTitles =
        ["Морозы до минус сорока ожидаются на севере области", "Молодые врачи уезжают работать в Россию"];

    [Fact]
    public void Issue3_Koi8RWithDeclaration_DecodesCyrillic()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "rss-koi8r.xml"), null, FeedUrl);

        Assert.Equal("koi8-r", document.Encoding);
        Assert.Equal("Вечерний Петропавловск", document.Title);
        Assert.Equal(PetropavlTitles, document.Items.Select(i => i.Title));
    }

    [Fact]
    public void Issue3_Koi8RWithoutAnyDeclaration_IsDetectedNotReadAs1251()
    {
        var entries = _parser.Parse(UnitFixture.Bytes("Feeds", "rss-koi8r-nodecl.xml"), null, FeedUrl);

        Assert.Equal(PetropavlTitles, entries.Select(e => e.Title));
        Assert.Equal("Синоптики советуют не выезжать на трассу без необходимости.", entries[0].Summary);
    }

    [Fact]
    public void Issue3_Koi8RDeclaredOnlyByHttp_Decodes()
    {
        var entries = _parser.Parse(UnitFixture.Bytes("Feeds", "rss-koi8r-nodecl.xml"), "KOI8-R", FeedUrl);

        Assert.Equal(PetropavlTitles, entries.Select(e => e.Title));
    }

    [Fact]
    public void Issue3_Rss091InCp866_Decodes()
    {
        var document = FeedParser.Read(UnitFixture.Bytes("Feeds", "rss091-cp866.xml"), null, new Uri("http://temirtau.example.kz/rss"));

        Assert.Equal("Доска объявлений Темиртау", document.Title);
        var item = Assert.Single(document.Items);
        Assert.Equal("Продаю квартиру в связи с переездом", item.Title);
        Assert.Equal("Двухкомнатная, пятый этаж, срочно: уезжаем в Новосибирск.", item.Summary);
    }

    [Theory]
    [InlineData("cp866")]
    [InlineData("ibm866")]
    [InlineData("866")]
    [InlineData("csIBM866")]
    public void Issue3_Cp866UnderItsAliases_Decodes(string label)
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"{label}\"?><rss><channel><title>Темиртау</title></channel></rss>";
        var bytes = Encoding.GetEncoding(866).GetBytes(xml);

        Assert.Equal("Темиртау", FeedParser.Read(bytes, null, FeedUrl).Title);
    }

    [Fact]
    public void Issue3_Utf16WithoutBom_IsRecognisedFromTheXmlPrologBytes()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><title>Ақтау</title><item><title>Теңіз</title><link>https://aktau.example.kz/1</link></item></channel></rss>";

        var document = FeedParser.Read(Encoding.Unicode.GetBytes(xml), null, FeedUrl);

        Assert.Equal("Ақтау", document.Title);
        Assert.Equal("Теңіз", Assert.Single(document.Items).Title);
    }

    [Fact]
    public void Parse_HtmlPage_ThrowsFeedFormatExceptionNamingUrl()
    {
        var url = new Uri("https://example.kz/404");

        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(UnitFixture.Bytes("Feeds", "not-a-feed.html"), "utf-8", url));

        Assert.Contains("https://example.kz/404", ex.Message);
        Assert.Equal(FeedProblem.NotAFeed, ex.Problem);
    }

    [Fact]
    public void Parse_GarbageBytes_ThrowsFeedFormatException()
    {
        var garbage = new byte[512];
        new Random(7).NextBytes(garbage);

        Assert.Throws<FeedFormatException>(() => _parser.Parse(garbage, null, FeedUrl));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("{\"title\": \"not a feed\"}")]
    [InlineData("<rss version=\"2.0\"><channel><title>оборвано")]
    public void Parse_NotAFeed_ThrowsFeedFormatException(string text)
    {
        Assert.Throws<FeedFormatException>(() => _parser.Parse(Encoding.UTF8.GetBytes(text), null, FeedUrl));
    }

    [Fact]
    public void Parse_ChannelWithoutItems_ReturnsEmptyList()
    {
        var rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Пусто</title><link>https://example.kz/</link></channel></rss>";

        Assert.Empty(_parser.Parse(Encoding.UTF8.GetBytes(rss), null, FeedUrl));
    }

    [Fact]
    public void Parse_LinkWithUnsupportedScheme_IsLeftOut()
    {
        var rss = """
            <rss version="2.0"><channel><title>Т</title>
              <item><title>Почта</title><link>mailto:editor@example.kz</link></item>
              <item><title>Файл</title><link>ftp://example.kz/a.txt</link></item>
              <item><title>Статья</title><link> https://example.kz/a.html </link></item>
            </channel></rss>
            """;

        var entries = _parser.Parse(Encoding.UTF8.GetBytes(rss), null, FeedUrl);

        Assert.Equal(["https://example.kz/a.html"], entries.Select(e => e.Link.AbsoluteUri));
    }

    [Fact]
    public void Parse_WebFeedLinkingToLocalFile_IsLeftOut()
    {
        // A remote feed must not make the fetcher read this machine's files; file:// links are for file:// feeds.
        var rss = """
            <rss version="2.0"><channel><title>Т</title>
              <item><title>Пароли</title><link>file:///etc/passwd</link></item>
              <item><title>Статья</title><link>//cdn.example.kz/a.html</link></item>
            </channel></rss>
            """;

        var entries = _parser.Parse(Encoding.UTF8.GetBytes(rss), null, FeedUrl);

        Assert.Equal(["https://cdn.example.kz/a.html"], entries.Select(e => e.Link.AbsoluteUri));
    }

    [Fact]
    public void Parse_FileFeedWithRelativeLinks_ResolvesToFiles()
    {
        var rss = """
            <rss version="2.0"><channel><title>Демо</title>
              <item><title>Бір</title><link>articles/a.html</link></item>
              <item><title>Екі</title><link>file:///srv/demo/articles/b.html</link></item>
            </channel></rss>
            """;

        var entries = _parser.Parse(Encoding.UTF8.GetBytes(rss), null, new Uri("file:///srv/demo/feed.xml"));

        Assert.Equal(["file:///srv/demo/articles/a.html", "file:///srv/demo/articles/b.html"], entries.Select(e => e.Link.AbsoluteUri));
    }
}
