using System.Globalization;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Pages;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Pages;

/// <summary>Title, canonical URL, publication time and language as <see cref="MainTextExtractor"/> reads them.</summary>
public sealed class PageMetadataTests
{
    private readonly MainTextExtractor _extractor = new(new PublishedDateParser(UnitFixture.Almaty));

    private static string Show(DateTimeOffset? d) =>
        d?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "null";

    private PageContent Extract(string file, string url) => MainTextExtractorTests.Extract(_extractor, file, url);

    private PageContent Head(string head, string body = "<p>Текст</p>", string url = "https://example.kz/news/1") =>
        _extractor.Extract($"<html><head>{head}</head><body>{body}</body></html>", new Uri(url));

    [Fact]
    public void Extract_ArticleLayout_ReadsMetadata()
    {
        var page = Extract("article-layout.html", "https://pavlodar.example.kz/news/proezd-2022?utm_source=tg");

        Assert.Equal("В Павлодаре подорожал проезд в автобусах", page.Title);
        Assert.Equal("https://pavlodar.example.kz/news/proezd-2022", page.CanonicalUrl?.AbsoluteUri);
        Assert.Equal("2022-01-05T14:30:00+06:00", Show(page.Published));
        Assert.Equal("ru", page.DeclaredLanguage);
    }

    [Fact]
    public void Extract_RelativeCanonicalAndJsonLdArray_ResolvesAndReadsDate()
    {
        var page = Extract("story-body.html", "https://dala.example.kz/kk/news/2025/03/emhana?from=main");

        Assert.Equal("Ақтөбеде жаңа емхана ашылды", page.Title);
        Assert.Equal("https://dala.example.kz/kk/news/2025/03/emhana", page.CanonicalUrl?.AbsoluteUri);
        Assert.Equal("2025-03-03T10:00:00+05:00", Show(page.Published));
        Assert.Equal("kk", page.DeclaredLanguage);
    }

    [Fact]
    public void Extract_OldCmsWithoutOgTitleOrH1_UsesTitleElementAndHasNoDate()
    {
        var page = Extract("old-cms.html", "http://kokshe.example.kz/index.php?id=5123&print=0");

        Assert.Equal("Новости Кокшетау :: Отопительный сезон", page.Title);
        Assert.Equal("http://kokshe.example.kz/index.php?id=5123", page.CanonicalUrl?.AbsoluteUri);
        Assert.Null(page.Published);
        Assert.Null(page.DeclaredLanguage);
    }

    [Fact]
    public void Extract_TimeDatetimeWithoutColonInOffset_ReadsOffset()
    {
        var page = Extract("forum-post.html", "https://forum.example.kz/threads/pereezd-v-astanu.8841/");

        Assert.Equal("Переезд в Астану из Шымкента: стоит ли?", page.Title);
        Assert.Equal("https://forum.example.kz/threads/pereezd-v-astanu.8841/", page.CanonicalUrl?.AbsoluteUri);
        Assert.Equal("2025-03-03T10:00:00+05:00", Show(page.Published));
    }

    [Fact]
    public void Extract_NoCanonical_CanonicalIsNull()
    {
        var page = Extract("sidebar-wrapper.html", "https://taraz.example.kz/news/ipoteka");

        Assert.Null(page.CanonicalUrl);
        Assert.Equal("В Таразе запустили приём заявок на льготную ипотеку", page.Title);
        Assert.Equal("2025-03-03T10:00:00+05:00", Show(page.Published));
    }

    [Fact]
    public void Extract_OgUrlOnly_UsesOgUrlAsCanonical()
    {
        var page = Head("""<meta property="og:url" content="/news/1-slug">""");

        Assert.Equal("https://example.kz/news/1-slug", page.CanonicalUrl?.AbsoluteUri);
    }

    [Theory]
    [InlineData("""<link rel="canonical" href="javascript:void(0)">""")]
    [InlineData("""<link rel="canonical" href="   ">""")]
    [InlineData("""<link rel="canonical" href="ftp://example.kz/news/1">""")]
    public void Extract_CanonicalNotHttp_IsNull(string head)
    {
        Assert.Null(Head(head).CanonicalUrl);
    }

    [Fact]
    public void Extract_OgTitleWithExtraWhitespace_IsNormalised()
    {
        var page = Head("<meta property=\"og:title\" content=\"  Заголовок \n  статьи  \"><title>Другое</title>", "<h1>Третье</h1>");

        Assert.Equal("Заголовок статьи", page.Title);
    }

    [Fact]
    public void Extract_NoOgTitle_UsesH1BeforeTitleElement()
    {
        var page = Head("<title>Сайт | Раздел</title>", "<h1> Заголовок <b>статьи</b> </h1><p>Текст</p>");

        Assert.Equal("Заголовок статьи", page.Title);
    }

    [Theory]
    [InlineData("""<meta property="article:published_time" content="2022-01-05T14:30:00+06:00">""", "2022-01-05T14:30:00+06:00")]
    [InlineData("""<meta itemprop="datePublished" content="2025-03-03T10:00:00+05:00">""", "2025-03-03T10:00:00+05:00")]
    [InlineData("""<meta name="pubdate" content="05.01.2022 14:30">""", "2022-01-05T14:30:00+06:00")]
    [InlineData("""<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-03-03T10:00:00+05:00"}]}</script>""", "2025-03-03T10:00:00+05:00")]
    public void Extract_DateSources_ReadWithOffset(string head, string expected)
    {
        Assert.Equal(expected, Show(Head(head).Published));
    }

    [Fact]
    public void Extract_BrokenJsonLdThenTimeElement_FallsBackToTime()
    {
        var page = Head(
            """<script type="application/ld+json">{"datePublished": "2022-01-05T14:30:00+06:00",</script>""",
            """<p>Текст <time datetime="2025-03-03T10:00:00+05:00">3 марта</time></p>""");

        Assert.Equal("2025-03-03T10:00:00+05:00", Show(page.Published));
    }

    [Fact]
    public void Extract_InvalidMetaDateThenValidJsonLd_UsesJsonLd()
    {
        var page = Head("""
            <meta property="article:published_time" content="скоро">
            <script type="application/ld+json">{"datePublished": "5 января 2022 года, 14:30"}</script>
            """);

        Assert.Equal("2022-01-05T14:30:00+06:00", Show(page.Published));
    }

    private static string Claims(PageContent page) =>
        string.Join(" | ", (page.DateClaims ?? []).Select(c => $"{Show(c.Value)} {c.Origin.Source.ToWire()} {c.Origin.Detail}"));

    [Fact]
    public void Extract_JsonLdGraphWithWebPageFirst_ArticleDateBeforeWebPageDate()
    {
        var page = Head("""
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","datePublished":"2022-01-06T09:00:00+06:00"},
              {"@type":["NewsArticle"],"headline":"Газ","datePublished":"2022-01-05T14:30:00+06:00",
               "comment":[{"@type":"Comment","datePublished":"2022-01-07T08:00:00+06:00"}]}]}</script>
            """);

        Assert.Equal("2022-01-05T14:30:00+06:00 json_ld NewsArticle.datePublished | 2022-01-06T09:00:00+06:00 json_ld WebPage.datePublished", Claims(page));
        Assert.Equal("2022-01-05T14:30:00+06:00", Show(page.Published));
    }

    [Fact]
    public void Extract_JsonLdNestedArticleWithValueObject_ReadsIt()
    {
        var page = Head("""
            <script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle",
              "datePublished":{"@value":"2023-05-12T09:15:00+06:00"}}}</script>
            """);

        Assert.Equal("2023-05-12T09:15:00+06:00 json_ld ReportageNewsArticle.datePublished", Claims(page));
    }

    [Fact]
    public void Extract_MetaKeysInAnyCase_PrimaryMetaThenJsonLdThenOtherMeta()
    {
        var page = Head("""
            <meta name="DC.Date.Issued" content="2022-01-04">
            <meta name="date" content="2026-11-28T08:00:00+05:00">
            <script type="application/ld+json">{"@type":"Article","datePublished":"2022-01-05T10:00:00+06:00"}</script>
            <meta property="article:published_time" content="2022-01-05T14:30:00+06:00">
            """);

        Assert.Equal(
            "2022-01-05T14:30:00+06:00 meta article:published_time | 2022-01-05T10:00:00+06:00 json_ld Article.datePublished | " +
            "2022-01-04T00:00:00+06:00 meta dc.date.issued | 2026-11-28T08:00:00+05:00 meta date",
            Claims(page));
    }

    [Fact]
    public void Extract_TimeElements_MarkedFirstThenArticleAndNeverTheHeaderClock()
    {
        var page = Head("", """
            <header><time datetime="2026-11-28">Сегодня 28 ноября</time></header>
            <article><p>Текст <time datetime="2022-01-03T09:00:00+06:00">3 января</time></p>
            <span class="date-published"><time datetime="2022-01-05T14:30:00+06:00">5 января</time></span>
            <time itemprop="datePublished" datetime="2022-01-05T14:00:00+06:00">5 января</time></article>
            <div><time datetime="2022-01-01T00:00:00+06:00">1 января</time></div>
            """);

        Assert.Equal(
            "2022-01-05T14:00:00+06:00 time_element time datePublished | 2022-01-05T14:30:00+06:00 time_element time published | " +
            "2022-01-03T09:00:00+06:00 time_element time in article | " +
            "2022-01-01T00:00:00+06:00 time_element time",
            Claims(page));
    }

    [Fact]
    public void Extract_NoMetadataDate_DateFromCanonicalUrlPath()
    {
        var page = Head("""<link rel="canonical" href="https://qazaqline.example/kk/2022/01/02/gaz-bagasy">""", url: "https://qazaqline.example/kk/articles/gaz-bagasy.html");

        Assert.Equal("2022-01-02T00:00:00+06:00 url_path /2022/01/02", Claims(page));
    }

    [Fact]
    public void Extract_KazakhLatinDateInMeta_Read()
    {
        var page = Head("""<meta name="pubdate" content="17 qańtar 2022, 12:30">""");

        Assert.Equal("2022-01-17T12:30:00+06:00 meta pubdate", Claims(page));
    }
}
