using System.Text;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Ingestion.Sources;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Sources;

public sealed class SourcesFileTests
{
    private static readonly string BaseDir = Path.Combine(Path.GetTempPath(), "nlp-sources-test", "config");

    internal static IReadOnlyList<Source> Parse(string json, string baseDir = "") =>
        SourcesFile.Parse(Encoding.UTF8.GetBytes(json), "sources.json", baseDir.Length == 0 ? BaseDir : baseDir);

    private const string ThreeKinds = """
        {
          "sources": [
            { "id": "pavlodar-rss", "outlet": "Павлодар Ньюс", "kind": "feed", "url": "https://pavlodar.example.kz/rss.xml", "language": "ru" },
            { "id": "dala-page", "outlet": "Дала Ақпарат", "kind": "page", "url": "http://dala.example.kz/kk/news/1", "language": "kk" },
            { "id": "tg-zhetysu", "outlet": "Жетісу live", "kind": "telegram", "url": "https://t.me/s/zhetysu_live_example" }
          ]
        }
        """;

    [Fact]
    public void Parse_FeedPageAndTelegram_ReadsEveryField()
    {
        var sources = Parse(ThreeKinds);

        Assert.Equal(
            [
                new Source("pavlodar-rss", "Павлодар Ньюс", SourceType.Feed, new Uri("https://pavlodar.example.kz/rss.xml"), Language.Russian, SourceKind.News),
                new Source("dala-page", "Дала Ақпарат", SourceType.Page, new Uri("http://dala.example.kz/kk/news/1"), Language.Kazakh, SourceKind.News),
                new Source("tg-zhetysu", "Жетісу live", SourceType.Telegram, new Uri("https://t.me/s/zhetysu_live_example"), null, SourceKind.Social),
            ],
            sources);
    }

    [Fact]
    public void Parse_NoSourceKind_TelegramIsSocialAndFeedIsNews()
    {
        var sources = Parse(ThreeKinds);

        Assert.Equal([SourceKind.News, SourceKind.News, SourceKind.Social], sources.Select(s => s.Kind));
    }

    [Fact]
    public void Parse_ExplicitSourceKind_OverridesDefault()
    {
        var sources = Parse("""
            {"sources": [
              {"id": "blog", "outlet": "Блог Айжан", "kind": "feed", "url": "https://blog.example.kz/feed", "source_kind": "social"},
              {"id": "tg-news", "outlet": "Новости КЗ", "kind": "telegram", "url": "https://t.me/s/news_example", "source_kind": "news"}
            ]}
            """);

        Assert.Equal([SourceKind.Social, SourceKind.News], sources.Select(s => s.Kind));
    }

    [Theory]
    [InlineData("feeds/demo.xml")]
    [InlineData("./feeds/demo.xml")]
    [InlineData("../config/feeds/demo.xml")]
    public void Parse_RelativePath_ResolvesAgainstFileFolderToFileUri(string path)
    {
        var source = Assert.Single(Parse($$"""{"sources": [{"id": "demo", "outlet": "Демо", "kind": "feed", "url": "{{path}}"}]}"""));

        Assert.True(source.Url.IsFile);
        Assert.Equal(Path.Combine(BaseDir, "feeds", "demo.xml"), source.Url.LocalPath);
    }

    [Theory]
    [InlineData("https://example.kz/rss?lang=ru&page=1")]
    [InlineData("http://old.example.kz/export/rss.php")]
    [InlineData("file:///srv/demo/feeds/demo.xml")]
    public void Parse_AbsoluteUrl_KeptAsIs(string url)
    {
        var source = Assert.Single(Parse($$"""{"sources": [{"id": "x", "outlet": "X", "kind": "feed", "url": "{{url}}"}]}"""));

        Assert.Equal(new Uri(url), source.Url);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAllowed()
    {
        var sources = Parse("""
            {
              // nightly sources
              "sources": [
                {"id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss",},
              ],
            }
            """);

        Assert.Equal(["a"], sources.Select(s => s.Id));
    }

    [Fact]
    public void Parse_ValuesWithSurroundingSpaces_AreTrimmed()
    {
        var source = Assert.Single(Parse("""{"sources": [{"id": " a ", "outlet": " A ", "kind": " page ", "url": " https://a.example.kz/x "}]}"""));

        Assert.Equal(("a", "A", SourceType.Page, "https://a.example.kz/x"), (source.Id, source.Outlet, source.Type, source.Url.AbsoluteUri));
    }

    [Fact]
    public void Parse_EmptySourcesArray_ReturnsEmptyList()
    {
        Assert.Empty(Parse("""{"sources": []}"""));
    }

    [Fact]
    public void Parse_Utf8BomAtStart_Reads()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ThreeKinds)];

        var sources = SourcesFile.Parse(json, "sources.json", BaseDir);

        Assert.Equal(3, sources.Count);
    }

    [Fact]
    public void Load_FixtureFile_ResolvesRelativePathAgainstItsFolder()
    {
        var path = UnitFixture.PathOf("Sources", "sources.json");

        var sources = SourcesFile.Load(path);

        Assert.Equal(["demo-feed", "demo-page"], sources.Select(s => s.Id));
        Assert.Equal(new Uri(UnitFixture.PathOf("Sources", "demo", "feed.xml")), sources[0].Url);
        Assert.Equal("file", sources[0].Url.Scheme);
        Assert.Equal(new Uri("https://demo.example.kz/news/1"), sources[1].Url);
    }

    [Fact]
    public void Load_FileNotFound_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-sources-{Guid.NewGuid():N}.json");

        var ex = Assert.Throws<SourcesFileException>(() => SourcesFile.Load(path));

        Assert.Contains(path, ex.Message);
    }
}
