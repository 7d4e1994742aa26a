using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Export;

public class DocumentJsonlWriterTests
{
    private static readonly ExportedDocument Scored = new(
        Id: 41, CanonicalUrl: "https://news.example.kz/2022/01/05/fuel", SourceId: "example-kz", Outlet: "Example News",
        Published: DateTimeOffset.Parse("2022-01-05T10:15:00+06:00"), FetchedAt: DateTimeOffset.Parse("2022-01-06T03:00:00Z"),
        Title: "Бензин \"қымбаттады\"", Text: "Жалақы өте аз.\n\nБіз кетеміз.", Language: Language.Kazakh, DuplicateOf: null,
        Labels: new DocumentLabels(Intent.Planning, [Topic.Jobs, Topic.WagesPrices], 0.123456), ModelVersion: "intent-2024.1");

    private static readonly ExportedDocument Unscored = new(
        42, "https://news.example.kz/2022/01/06/copy", "example-kz", "Example News",
        Published: null, FetchedAt: DateTimeOffset.Parse("2022-01-06T09:00:00+06:00"),
        Title: null, Text: "Copy.", Language.English, DuplicateOf: 41, Labels: null, ModelVersion: null);

    private static async IAsyncEnumerable<ExportedDocument> Stream(params ExportedDocument[] documents)
    {
        foreach (var d in documents)
        {
            await Task.Yield();
            yield return d;
        }
    }

    private static async Task<(int Count, string[] Lines)> Write(params ExportedDocument[] documents)
    {
        var w = new StringWriter { NewLine = "\n" };
        var count = await DocumentJsonlWriter.WriteAsync(w, Stream(documents));
        return (count, w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task WriteAsync_TwoDocuments_OneParseableLineEach()
    {
        var (count, lines) = await Write(Scored, Unscored);
        Assert.Equal(2, count);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task WriteAsync_Scored_FieldsAndPublisherOffsetKept()
    {
        var (_, lines) = await Write(Scored);
        using var doc = JsonDocument.Parse(lines[0]);
        var r = doc.RootElement;

        Assert.Equal(41, r.GetProperty("id").GetInt64());
        Assert.Equal("https://news.example.kz/2022/01/05/fuel", r.GetProperty("canonical_url").GetString());
        Assert.Equal("example-kz", r.GetProperty("source").GetString());
        Assert.Equal("Example News", r.GetProperty("outlet").GetString());
        Assert.Equal("2022-01-05T10:15:00+06:00", r.GetProperty("published").GetString());
        Assert.Equal("2022-01-06T03:00:00+00:00", r.GetProperty("fetched_at").GetString());
        Assert.Equal("Бензин \"қымбаттады\"", r.GetProperty("title").GetString());
        Assert.Equal("Жалақы өте аз.\n\nБіз кетеміз.", r.GetProperty("text").GetString());
        Assert.Equal("kk", r.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("duplicate_of").ValueKind);
        Assert.Equal("planning", r.GetProperty("intent").GetString());
        Assert.Equal(["jobs", "wages_prices"], r.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0.1235, r.GetProperty("sentiment_score").GetDouble());
        Assert.Equal("intent-2024.1", r.GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task WriteAsync_Cyrillic_WrittenUnescaped()
    {
        var (_, lines) = await Write(Scored);
        Assert.Contains("Жалақы өте аз.", lines[0]);
        Assert.DoesNotContain("\\u04", lines[0]);
    }

    [Fact]
    public async Task WriteAsync_NoLabels_LabelFieldsNull()
    {
        var (_, lines) = await Write(Unscored);
        using var doc = JsonDocument.Parse(lines[0]);
        var r = doc.RootElement;

        Assert.Equal(JsonValueKind.Null, r.GetProperty("published").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("intent").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("topics").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("sentiment_score").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("model_version").ValueKind);
        Assert.Equal(41, r.GetProperty("duplicate_of").GetInt64());
        Assert.Equal("2022-01-06T09:00:00+06:00", r.GetProperty("fetched_at").GetString());
        Assert.Equal("en", r.GetProperty("language").GetString());
    }

    [Fact]
    public async Task WriteAsync_DateProvenance_SourceDetailAndFlag()
    {
        var (_, lines) = await Write(Scored with { DatedBy = new DateOrigin(DateSource.JsonLd, "NewsArticle.datePublished") });
        using var doc = JsonDocument.Parse(lines[0]);
        var r = doc.RootElement;

        Assert.Equal("json_ld", r.GetProperty("date_source").GetString());
        Assert.Equal("NewsArticle.datePublished", r.GetProperty("date_detail").GetString());
        Assert.Equal("ok", r.GetProperty("date_flag").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("published_claimed").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_FutureDate_PublishedNullAndClaimKept()
    {
        var future = Scored with
        {
            Published = DateTimeOffset.Parse("2099-12-31T00:00:00+05:00"), DatedBy = new DateOrigin(DateSource.Meta, "date"), DateTrust = DateTrust.Future,
        };
        var (_, lines) = await Write(future);
        using var doc = JsonDocument.Parse(lines[0]);
        var r = doc.RootElement;

        Assert.Equal(JsonValueKind.Null, r.GetProperty("published").ValueKind);
        Assert.Equal("future", r.GetProperty("date_flag").GetString());
        Assert.Equal("2099-12-31T00:00:00+05:00", r.GetProperty("published_claimed").GetString());
    }

    [Theory]
    [InlineData("2024-06-30T23:30:00+05:00", "2024-06-30T23:30:00+05:00")]
    [InlineData("2022-01-02T19:30:00Z", "2022-01-02T19:30:00+00:00")]
    [InlineData("2022-01-02T19:30:00-03:30", "2022-01-02T19:30:00-03:30")]
    public void Iso_Instant_KeepsOffset(string instant, string expected)
    {
        Assert.Equal(expected, DocumentJsonlWriter.Iso(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public async Task WriteAsync_NoDocuments_WritesNothing()
    {
        var (count, lines) = await Write();
        Assert.Equal(0, count);
        Assert.Empty(lines);
    }
}
