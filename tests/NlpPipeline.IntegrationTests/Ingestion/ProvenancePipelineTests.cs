using System.Text.Json;
using Microsoft.Data.Sqlite;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Ingestion;

/// <summary>
/// Issue 3, "understanding what was fetched", over loopback HTTP (tests/Fixtures/Provenance): a feed link with
/// tracking parameters and another spelling of a stored story's URL (not downloaded again), an invalid feed
/// date (dated from JSON-LD), a future feed date (dated from the page's meta), an undatable item and a 1970
/// placeholder (stored with their flags), a date only in the URL, a header clock that must not date a page,
/// an m. canonical (same site, accepted), a cross-site canonical (ignored), and a syndicated near-copy.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class ProvenancePipelineTests(TrainedModelFixture model) : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private AppEnvironment _env = null!;
    private static string Fixtures => Path.Combine(TestPaths.Fixtures, "Provenance");
    private string Db => _dir.File("nlp.db");

    public Task InitializeAsync()
    {
        _server = new FixtureServer(Fixtures);
        _env = new AppEnvironment(TimeProvider.System, _server.CreateHandler());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync(_env, [.. args, "--db", Db]);

    private Task<NlpCli.Result> Ingest() => Nlp("ingest", "--sources", Path.Combine(Fixtures, "sources.json"), "--model", model.ModelsDir);

    private Dictionary<string, Dictionary<string, object?>> Documents()
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT d.id, d.canonical_url, d.published_utc, d.published_offset_minutes, d.date_source, d.date_detail, d.date_flag,
                   d.duplicate_of, d.duplicate_kind, (SELECT count(*) FROM passages p WHERE p.document_id = d.id) AS passages
            FROM documents d
            """;
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, Dictionary<string, object?>>();
        while (r.Read())
            rows[r.GetString(1)] = Enumerable.Range(0, r.FieldCount).ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i));
        return rows;
    }

    [Fact]
    public async Task Ingest_ProvenanceSites_CanonicalUrlsDateOriginsFlagsAndNearCopy()
    {
        var run = await Ingest();

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Output.Contains("Documents: 6 new, 1 already stored, 1 duplicate(s)"), run.Output);
        Assert.DoesNotContain(_server.Requests, u => u.Contains("fbclid", StringComparison.Ordinal));   // known by canonical URL: not downloaded

        var docs = Documents();
        Assert.Equal(7, docs.Count);

        var heating = docs["http://dalanews.example/ru/news/otoplenie-ekibastuz"];      // tracking parameters and trailing slash gone
        Assert.Equal(["json_ld", "NewsArticle.datePublished", "ok"], new[] { heating["date_source"], heating["date_detail"], heating["date_flag"] });
        Assert.Equal("2022-01-18T03:00:00.000Z", heating["published_utc"]);
        Assert.Equal(360L, heating["published_offset_minutes"]);

        var tariffs = docs["http://m.dalanews.example/ru/news/tarify-na-gaz"];          // m. canonical: same site, accepted
        Assert.Equal(["meta", "article:published_time", "ok"], new[] { tariffs["date_source"], tariffs["date_detail"], tariffs["date_flag"] });
        Assert.Equal("2022-01-19T05:00:00.000Z", tariffs["published_utc"]);           // the feed's 2099 date was not believed

        var undated = docs["http://dalanews.example/ru/news/bez-daty"];
        Assert.Equal(["none", "undated"], new[] { undated["date_source"], undated["date_flag"] });
        Assert.Null(undated["published_utc"]);
        Assert.Equal(2L, undated["passages"]);                                          // stored, not dropped

        var epoch = docs["http://dalanews.example/ru/news/epoch"];
        Assert.Equal(["feed", "too_old", "1970-01-01T00:00:00.000Z"], new[] { epoch["date_source"], epoch["date_flag"], epoch["published_utc"] });

        var letters = docs["http://dalanews.example/ru/2022/01/21/uehat-ili-ostatsya"];
        Assert.Equal(["url_path", "/2022/01/21", "ok"], new[] { letters["date_source"], letters["date_detail"], letters["date_flag"] });
        Assert.Equal("2022-01-20T18:00:00.000Z", letters["published_utc"]);

        var kazakh = docs["http://kazinfo.example/kk/zhylu-maselesi"];                 // the header's "today" clock is not the date
        Assert.Equal(["time_element", "time in article", "ok"], new[] { kazakh["date_source"], kazakh["date_detail"], kazakh["date_flag"] });
        Assert.Equal("2022-01-20T09:00:00.000Z", kazakh["published_utc"]);
        Assert.Null(kazakh["duplicate_of"]);                                            // same topic, other story

        // Cross-site rel=canonical ignored: the reprint keeps its own URL. The two hosts are read in parallel, so
        // either copy may be stored first; the other one must be its near duplicate, without passages.
        var copy = docs["http://kazinfo.example/perepechatka/teplo"];
        var (original, duplicate) = copy["duplicate_of"] is null ? (copy, heating) : (heating, copy);
        Assert.Equal(original["id"], duplicate["duplicate_of"]);
        Assert.Null(original["duplicate_of"]);
        Assert.Equal("near", duplicate["duplicate_kind"]);
        Assert.Equal(0L, duplicate["passages"]);
    }

    [Fact]
    public async Task Ingest_Rerun_DownloadsNoArticleAgain()
    {
        Assert.Equal(0, (await Ingest()).ExitCode);
        while (_server.Requests.TryDequeue(out _)) { }

        var again = await Ingest();

        Assert.True(again.Output.Contains("Documents: 0 new, 8 already stored, 0 duplicate(s)"), again.Output);
        // Each run asks for robots.txt once per site; beyond that only the two feeds are requested.
        Assert.Equal(["http://dalanews.example/ru/rss.xml", "http://kazinfo.example/feed.xml"],
            _server.Requests.Where(u => !u.EndsWith("/robots.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReportWeekly_UndatedLeftOutAndCountedUnlessIncluded()
    {
        Assert.Equal(0, (await Ingest()).ExitCode);

        var table = await Nlp("report", "weekly", "--from", "2022-01-10", "--to", "2022-01-30");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2 document(s) without a trusted publication time (undated, or dated in the future or before 1990) were left out", table.Output);
        Assert.Matches(@"2022-W03\s+2022-01-17\s+4\s", table.Output);                 // four dated stories; the near-copy counts once

        using var excluded = JsonDocument.Parse((await Nlp("report", "weekly", "--format", "json")).Output);
        Assert.Equal(2, excluded.RootElement.GetProperty("undated_excluded").GetInt32());
        Assert.Equal(4, excluded.RootElement.GetProperty("weeks").EnumerateArray().Sum(w => w.GetProperty("documents").GetInt32()));

        using var included = JsonDocument.Parse((await Nlp("report", "weekly", "--format", "json", "--include-undated")).Output);
        var weeks = included.RootElement.GetProperty("weeks").EnumerateArray().ToList();
        Assert.True(included.RootElement.GetProperty("include_undated").GetBoolean());
        Assert.Equal(0, included.RootElement.GetProperty("undated_excluded").GetInt32());
        Assert.Equal(6, weeks.Sum(w => w.GetProperty("documents").GetInt32()));
        Assert.Equal(2, weeks.Sum(w => w.GetProperty("dated_by_fetch").GetInt32()));
    }
}
