using NlpPipeline.Ingestion.Sources;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Sources;

/// <summary>Our own file is wrong: fail fast, naming the file, the line and the key or value.</summary>
public sealed class SourcesFileErrorTests
{
    private static SourcesFileException Error(string json) =>
        Assert.Throws<SourcesFileException>(() => SourcesFileTests.Parse(json));

    [Fact]
    public void Parse_UnknownTopLevelKey_NamesKeyAndLine()
    {
        var ex = Error("""
            {
              "sources": [],
              "defaults": {}
            }
            """);

        Assert.StartsWith("sources.json:3: ", ex.Message);
        Assert.Contains("\"defaults\"", ex.Message);
    }

    [Fact]
    public void Parse_UnknownKeyInEntry_NamesKeyAndLine()
    {
        var ex = Error("""
            {
              "sources": [
                {
                  "id": "a",
                  "outlet": "A",
                  "kind": "feed",
                  "url": "https://a.example.kz/rss",
                  "langauge": "ru"
                }
              ]
            }
            """);

        Assert.StartsWith("sources.json:8: ", ex.Message);
        Assert.Contains("\"langauge\"", ex.Message);
        Assert.Contains("sources[0]", ex.Message);
    }

    [Fact]
    public void Parse_UnknownKeyInSecondEntry_NamesIndex()
    {
        var ex = Error("""
            {"sources": [
              {"id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss"},
              {"id": "b", "outlet": "B", "kind": "feed", "url": "https://b.example.kz/rss", "delay": "2s"}
            ]}
            """);

        Assert.StartsWith("sources.json:3: sources[1]: unknown key \"delay\"", ex.Message);
    }

    [Theory]
    [InlineData("url")]
    [InlineData("id")]
    [InlineData("outlet")]
    [InlineData("kind")]
    public void Parse_MissingRequiredField_NamesFieldAndEntryLine(string field)
    {
        var fields = new Dictionary<string, string> { ["id"] = "a", ["outlet"] = "A", ["kind"] = "feed", ["url"] = "https://a.example.kz/rss" };
        fields.Remove(field);
        var entry = string.Join(", ", fields.Select(kv => $"\"{kv.Key}\": \"{kv.Value}\""));

        var ex = Error($"{{\n  \"sources\": [\n    {{{entry}}}\n  ]\n}}");

        Assert.Equal($"sources.json:3: sources[0]: missing \"{field}\"", ex.Message);
    }

    [Fact]
    public void Parse_BlankId_CountsAsMissing()
    {
        var ex = Error("""{"sources": [{"id": "  ", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss"}]}""");

        Assert.Equal("sources.json:1: sources[0]: missing \"id\"", ex.Message);
    }

    [Theory]
    [InlineData("kind", "rss")]
    [InlineData("kind", "Feed")]
    [InlineData("language", "kz")]
    [InlineData("language", "RU")]
    [InlineData("source_kind", "blog")]
    public void Parse_BadValue_NamesValueAndLine(string key, string value)
    {
        var fields = new Dictionary<string, string> { ["id"] = "a", ["outlet"] = "A", ["kind"] = "feed", ["url"] = "https://a.example.kz/rss", [key] = value };
        var lines = string.Join(",\n", fields.Select(kv => $"      \"{kv.Key}\": \"{kv.Value}\""));
        var json = $"{{\n  \"sources\": [\n    {{\n{lines}\n    }}\n  ]\n}}";
        var line = 1 + json.Split('\n').TakeWhile(l => !l.Contains($"\"{key}\"")).Count();

        var ex = Error(json);

        Assert.StartsWith($"sources.json:{line}: source \"a\": {key} \"{value}\" is not one of", ex.Message);
    }

    [Theory]
    [InlineData("ftp://a.example.kz/rss")]
    [InlineData("tg://resolve?domain=x")]
    public void Parse_UrlWithUnsupportedScheme_NamesUrlAndLine(string url)
    {
        var ex = Error($$"""
            {"sources": [
              {"id": "a", "outlet": "A", "kind": "feed",
               "url": "{{url}}"}
            ]}
            """);

        Assert.StartsWith("sources.json:3: source \"a\": url", ex.Message);
        Assert.Contains(url, ex.Message);
    }

    [Fact]
    public void Parse_NonStringValue_NamesKeyAndLine()
    {
        var ex = Error("""
            {"sources": [
              {"id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss",
               "language": ["ru", "kk"]}
            ]}
            """);

        Assert.Equal("sources.json:3: sources[0].language must be a string", ex.Message);
    }

    [Fact]
    public void Parse_DuplicateIds_NamesIdAndCount()
    {
        var ex = Error("""
            {"sources": [
              {"id": "same", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss"},
              {"id": "other", "outlet": "B", "kind": "page", "url": "https://b.example.kz/1"},
              {"id": "same", "outlet": "C", "kind": "feed", "url": "https://c.example.kz/rss"}
            ]}
            """);

        Assert.Equal("sources.json: source id \"same\" appears 2 times", ex.Message);
    }

    [Fact]
    public void Parse_InvalidJson_NamesLine()
    {
        var ex = Error("""
            {
              "sources": [
                {"id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss"}
                {"id": "b", "outlet": "B", "kind": "feed", "url": "https://b.example.kz/rss"}
              ]
            }
            """);

        Assert.StartsWith("sources.json:4: invalid JSON", ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void Parse_SecondRootObjectAfterFirst_IsInvalidJson()
    {
        // A bad merge that leaves two objects must not silently drop the second one's sources.
        var ex = Error("""
            {"sources": [{"id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example.kz/rss"}]}
            {"sources": [{"id": "b", "outlet": "B", "kind": "feed", "url": "https://b.example.kz/rss"}]}
            """);

        Assert.StartsWith("sources.json:2: invalid JSON", ex.Message);
    }

    [Theory]
    [InlineData("""{"feeds": []}""", "sources.json:1: unknown key \"feeds\"")]
    [InlineData("{}", "sources.json:1: missing \"sources\" array")]
    [InlineData("""["a"]""", "sources.json:1: the file must be a JSON object")]
    [InlineData("""{"sources": {}}""", "sources.json:1: \"sources\" must be an array")]
    [InlineData("""{"sources": ["https://a.example.kz/rss"]}""", "sources.json:1: each entry of \"sources\" must be an object")]
    [InlineData("", "sources.json:1: invalid JSON")]
    public void Parse_WrongShape_Explains(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Error(json).Message);
    }

    [Fact]
    public void Parse_TelegramUrlNotAPreviewPage_NamesSourceLineAndExpectedForm()
    {
        var ex = Error("""
            {"sources": [
              {"id": "tg", "outlet": "Vlast", "kind": "telegram",
               "url": "https://t.me/vlastkz"}
            ]}
            """);

        Assert.StartsWith("sources.json:3: ", ex.Message);
        Assert.Contains("source \"tg\"", ex.Message);
        Assert.Contains("/s/NAME", ex.Message);
    }
}
