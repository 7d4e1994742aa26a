using NlpPipeline.Core.Urls;

namespace NlpPipeline.Tests.Core.Urls;

public sealed class UrlCanonicalizerTests
{
    private static string Canonical(string url) => UrlCanonicalizer.Canonicalize(new Uri(url)).AbsoluteUri;

    [Theory]
    [InlineData("HTTPS://Tengrinews.KZ/kazakhstan_news/article-123/", "https://tengrinews.kz/kazakhstan_news/article-123")]
    [InlineData("https://tengrinews.kz:443/news", "https://tengrinews.kz/news")]
    [InlineData("http://tengrinews.kz:80/news", "http://tengrinews.kz/news")]
    [InlineData("http://tengrinews.kz:8080/news", "http://tengrinews.kz:8080/news")]
    [InlineData("https://user:secret@vlast.kz/novosti/4821", "https://vlast.kz/novosti/4821")]
    [InlineData("https://vlast.kz./novosti/4821", "https://vlast.kz/novosti/4821")]
    public void Canonicalize_SchemeHostPortUserInfo_Normalised(string url, string expected) =>
        Assert.Equal(expected, Canonical(url));

    [Theory]
    [InlineData("https://vlast.kz/", "https://vlast.kz/")]
    [InlineData("https://vlast.kz", "https://vlast.kz/")]
    [InlineData("https://vlast.kz/novosti/", "https://vlast.kz/novosti")]
    [InlineData("https://vlast.kz/novosti/4821.html", "https://vlast.kz/novosti/4821.html")]
    [InlineData("https://vlast.kz/a/./b/../c/", "https://vlast.kz/a/c")]
    public void Canonicalize_TrailingSlash_DroppedExceptOnRoot(string url, string expected) =>
        Assert.Equal(expected, Canonical(url));

    [Theory]
    [InlineData("https://kaz.tengrinews.kz/news/1#comments", "https://kaz.tengrinews.kz/news/1")]
    [InlineData("https://kaz.tengrinews.kz/news/1#", "https://kaz.tengrinews.kz/news/1")]
    [InlineData("https://old.example.kz/#!/news/1", "https://old.example.kz/#!/news/1")]
    public void Canonicalize_Fragment_DroppedUnlessHashbang(string url, string expected) =>
        Assert.Equal(expected, Canonical(url));

    [Theory]
    [InlineData("https://azattyq.org/a/31650000.html?utm_source=telegram&utm_medium=social&utm_campaign=jan", "https://azattyq.org/a/31650000.html")]
    [InlineData("https://azattyq.org/a/1.html?fbclid=IwAR0xyz&id=5", "https://azattyq.org/a/1.html?id=5")]
    [InlineData("https://azattyq.org/a/1.html?GCLID=abc&yclid=123&ysclid=l0abc&_openstat=ZGlyZWN0", "https://azattyq.org/a/1.html")]
    [InlineData("https://azattyq.org/a/1.html?mc_cid=1a&mc_eid=2b&igshid=MzRl&msclkid=9", "https://azattyq.org/a/1.html")]
    [InlineData("https://azattyq.org/a/1.html?pk_campaign=x&mtm_source=y&at_medium=z&_ga=2.1&_gl=1*abc", "https://azattyq.org/a/1.html")]
    [InlineData("https://azattyq.org/a/1.html?ref=tg", "https://azattyq.org/a/1.html")]
    [InlineData("https://azattyq.org/a/1.html?ref_src=twsrc%5Etfw", "https://azattyq.org/a/1.html")]
    [InlineData("https://shop.example.kz/item?ref=10452", "https://shop.example.kz/item?ref=10452")]
    [InlineData("https://forum.example.kz/viewtopic.php?utm=1&t=88", "https://forum.example.kz/viewtopic.php?t=88&utm=1")]
    public void Canonicalize_TrackingParameters_Removed(string url, string expected) =>
        Assert.Equal(expected, Canonical(url));

    [Fact]
    public void Canonicalize_ParametersInAnyOrder_SameUrlWithRepeatedNamesInOriginalOrder()
    {
        var a = Canonical("https://old-cms.example.kz/index.php?page=2&id=5123&tag=b&tag=a");
        var b = Canonical("https://old-cms.example.kz/index.php?tag=b&id=5123&&tag=a&page=2&utm_source=rss");

        Assert.Equal("https://old-cms.example.kz/index.php?id=5123&page=2&tag=b&tag=a", a);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("https://example.kz/%7euser/a%2fb?q=%41%e2%82%ac", "https://example.kz/~user/a%2Fb?q=A%E2%82%AC")]
    [InlineData("https://example.kz/a%20b", "https://example.kz/a%20b")]
    [InlineData("https://example.kz/news?q=a%26b", "https://example.kz/news?q=a%26b")]
    public void Canonicalize_PercentEncoding_UnreservedDecodedOthersUpperHex(string url, string expected) =>
        Assert.Equal(expected, Canonical(url));

    [Fact]
    public void Canonicalize_CyrillicPathEscapedOrNot_SameUrl()
    {
        var raw = Canonical("https://sputnik.kz/новости/2022/01/05/статья/");
        var escaped = Canonical("https://sputnik.kz/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8/2022/01/05/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F");

        Assert.Equal(escaped, raw);
        Assert.StartsWith("https://sputnik.kz/%D0%BD%D0%BE%D0%B2", raw);
    }

    [Fact]
    public void Canonicalize_IdnHostUnicodeOrPunycode_SamePunycodeHost()
    {
        var unicode = Canonical("https://Пример.ҚАЗ/жаңалықтар");
        var puny = Canonical("https://xn--e1afmkfd.xn--80ao21a/%D0%B6%D0%B0%D2%A3%D0%B0%D0%BB%D1%8B%D2%9B%D1%82%D0%B0%D1%80");

        Assert.Equal(puny, unicode);
        Assert.StartsWith("https://xn--e1afmkfd.xn--80ao21a/", unicode);
    }

    [Fact]
    public void Canonicalize_AlreadyCanonical_Unchanged()
    {
        var once = Canonical("HTTPS://WWW.Inform.KZ/ru/news/?b=2&utm_source=x&a=1#top");
        Assert.Equal(once, Canonical(once));
        Assert.Equal("https://www.inform.kz/ru/news?a=1&b=2", once);
    }

    [Fact]
    public void Canonicalize_FileUrl_ReturnedAsIs()
    {
        var file = new Uri("file:///data/pages/a.html#x");
        Assert.Same(file, UrlCanonicalizer.Canonicalize(file));
    }

    [Theory]
    [InlineData("https://m.tengrinews.kz/news/1?utm_source=tg", "https://tengrinews.kz/news/1/", "https://tengrinews.kz/news/1")]
    [InlineData("https://tengrinews.kz/news/1", "https://www.tengrinews.kz/news/1", "https://www.tengrinews.kz/news/1")]
    [InlineData("https://kaz.tengrinews.kz/news/1", "https://tengrinews.kz/kk/news/1", "https://tengrinews.kz/kk/news/1")]
    [InlineData("http://www.bbc.co.uk/russian/a-1", "https://www.bbc.com/russian/a-1", "http://www.bbc.co.uk/russian/a-1")]
    [InlineData("https://mirror.example/copy/relocation", "https://steppewire.example/stories/relocation", "https://mirror.example/copy/relocation")]
    [InlineData("https://aqparat.com.kz/news/7", "https://other.com.kz/news/7", "https://aqparat.com.kz/news/7")]
    [InlineData("https://alice.livejournal.com/1234.html", "https://bob.livejournal.com/99.html", "https://alice.livejournal.com/1234.html")]
    public void Choose_DeclaredCanonical_WinsOnlyOnSameSite(string fetched, string declared, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Choose(new Uri(fetched), new Uri(declared)).AbsoluteUri);

    [Theory]
    [InlineData("https://kokshe.example.kz/news/5123", "https://kokshe.example.kz/", "https://kokshe.example.kz/news/5123")]
    [InlineData("https://kokshe.example.kz/news/5123", "https://www.kokshe.example.kz", "https://kokshe.example.kz/news/5123")]
    [InlineData("https://kokshe.example.kz/?utm_source=x", "https://www.kokshe.example.kz/", "https://www.kokshe.example.kz/")]
    [InlineData("https://kokshe.example.kz/index.php?id=5123", "https://kokshe.example.kz/?id=5123", "https://kokshe.example.kz/?id=5123")]
    public void Choose_CanonicalIsTheHomePage_IgnoredUnlessThePageIsToo(string fetched, string declared, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Choose(new Uri(fetched), new Uri(declared)).AbsoluteUri);

    [Fact]
    public void Choose_NoDeclaredCanonical_CanonicalFetchedUrl() =>
        Assert.Equal("https://vlast.kz/novosti/1", UrlCanonicalizer.Choose(new Uri("https://vlast.kz/novosti/1/?utm_medium=rss"), null).AbsoluteUri);

    [Fact]
    public void Choose_LocalFileWithDeclaredCanonical_DeclaredWins() =>
        Assert.Equal("https://dala-habar.example/articles/a.html",
            UrlCanonicalizer.Choose(new Uri("file:///srv/demo/articles/a.html"), new Uri("https://dala-habar.example/articles/a.html?utm_source=x")).AbsoluteUri);
}
