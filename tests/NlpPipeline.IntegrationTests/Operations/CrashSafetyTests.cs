using System.Text.Json;
using NlpPipeline.Cli;
using NlpPipeline.Cli.Benchmarks;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>
/// Issue 8, crash safety: a real `nlp ingest` of a loopback site runs in a child process and is killed with
/// SIGKILL at a deterministic point (NLP_TEST_PAUSE_AT: while fetching, inside a document's transaction,
/// during classification). The database must pass integrity_check with no original document lacking its
/// passages; the next run takes the dead run's lease over by itself and stores every item exactly once.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class CrashSafetyTests(TrainedModelFixture model) : IAsyncLifetime
{
    private const int Items = 24;
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private string Db => _dir.File("nlp.db");
    private string Sources => _dir.File("sources.json");

    public Task InitializeAsync()
    {
        var site = Path.Combine(_dir.Path, "site");
        Directory.CreateDirectory(site);
        static string Link(int i) => $"/news/{i}.html";
        File.WriteAllText(Path.Combine(site, "feed.xml"), SyntheticArticles.Feed("Loopback news", "http://127.0.0.1/", Enumerable.Range(0, Items), Link));
        var routes = new List<object> { new { url = "http://127.0.0.1/feed.xml", file = "feed.xml", content_type = "application/rss+xml" } };
        for (var i = 0; i < Items; i++)
        {
            File.WriteAllText(Path.Combine(site, $"{i}.html"), SyntheticArticles.Page(i, Link));
            // Slow pages, so that a run spends seconds fetching (the pause points make the kills deterministic anyway).
            routes.Add(new { url = $"http://127.0.0.1{Link(i)}", file = $"{i}.html", content_type = "text/html; charset=utf-8", fault = new { delay_ms = 100 } });
        }
        File.WriteAllText(Path.Combine(site, "manifest.json"), JsonSerializer.Serialize(new { routes }));
        _server = new FixtureServer(site);
        File.WriteAllText(Sources, JsonSerializer.Serialize(new
        {
            fetch = new { per_host_interval_seconds = 0.02, retry_base_delay_seconds = 0.01 },
            sources = new[] { new { id = "loopback", outlet = "Loopback News", kind = "feed", url = $"http://127.0.0.1:{_server.Port}/feed.xml" } },
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private List<Dictionary<string, object?>> Rows(string sql) => SqliteRows.Query(Db, sql);

    private NlpProcess StartPausedAt(string stage, string marker) => new(_dir.Path,
        new Dictionary<string, string> { [TestPause.Variable] = stage, [TestPause.MarkerVariable] = marker, ["NLP_DB"] = "" },
        "ingest", "--sources", Sources, "--db", Db, "--model", model.ModelsDir);

    [Theory]
    [InlineData("fetch:8")]      // the 8th request logged: some articles stored, the rest not yet fetched
    [InlineData("write:4")]      // inside the 4th new document's transaction, its row written, its passages not
    [InlineData("classify:1")]   // every document stored, the first batch of predictions scored but not saved
    public async Task Ingest_KilledWithSigkill_StoreStaysConsistentAndRerunCompletesExactlyOnce(string stage)
    {
        var marker = _dir.File("paused");
        using var child = StartPausedAt(stage, marker);
        child.WaitForFile(marker, TimeSpan.FromSeconds(90));

        // While it is alive and paused, a second run is refused and names it.
        var refused = await NlpCli.RunAsync(AppEnvironment.CreateDefault(), "ingest", "--sources", Sources, "--db", Db, "--no-classify");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"'ingest' (pid {child.Pid} on {Environment.MachineName}, run 1)", refused.Error);

        var storedBeforeKill = (long)Rows("SELECT count(*) AS n FROM documents").Single()["n"]!;
        child.KillHard();

        Assert.Equal("ok", Rows("PRAGMA integrity_check").Single().Values.Single());
        Assert.Empty(Rows("PRAGMA foreign_key_check"));
        Assert.Empty(OriginalsWithoutPassages());
        Assert.Equal((long)child.Pid, Rows("SELECT pid FROM run_lease").Single()["pid"]);   // the dead run's lease is still there
        Assert.Equal(storedBeforeKill, Rows("SELECT count(*) AS n FROM documents").Single()["n"]);
        if (stage.StartsWith("write", StringComparison.Ordinal))
            Assert.Equal(3L, storedBeforeKill);   // the 4th document's half-done transaction left nothing
        if (stage.StartsWith("classify", StringComparison.Ordinal))
        {
            Assert.Equal((long)Items, storedBeforeKill);
            Assert.Equal(0L, Rows("SELECT count(*) AS n FROM predictions").Single()["n"]);
        }
        else
        {
            Assert.InRange(storedBeforeKill, 1, Items - 1);
        }

        var rerun = await NlpCli.RunAsync(AppEnvironment.CreateDefault(), "ingest", "--sources", Sources, "--db", Db, "--model", model.ModelsDir);

        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("Taking over the run lease", rerun.Error);
        Assert.Contains($"pid {child.Pid}", rerun.Error);
        Assert.Equal("ok", Rows("PRAGMA integrity_check").Single().Values.Single());
        Assert.Empty(OriginalsWithoutPassages());
        Assert.Empty(Rows("SELECT * FROM run_lease"));
        // Every item of the feed is stored exactly once, and every passage has exactly one prediction.
        var perItem = Rows("SELECT canonical_url, count(*) AS n FROM documents GROUP BY canonical_url");
        Assert.Equal(Items, perItem.Count);
        Assert.All(perItem, r => Assert.Equal(1L, r["n"]));
        Assert.Equal(Enumerable.Range(0, Items).Select(i => $"http://127.0.0.1:{_server.Port}/news/{i}.html").Order(),
            perItem.Select(r => (string)r["canonical_url"]!).Order());
        var counts = Rows("SELECT (SELECT count(*) FROM passages) AS p, (SELECT count(*) FROM predictions) AS x, (SELECT count(DISTINCT passage_id) FROM predictions) AS d").Single();
        Assert.Equal(counts["p"], counts["x"]);
        Assert.Equal(counts["p"], counts["d"]);
        var runs = Rows("SELECT status, documents_new FROM ingestion_runs ORDER BY id");
        Assert.Equal(["interrupted", "completed"], runs.Select(r => (string)r["status"]!));
        Assert.Equal(Items - storedBeforeKill, runs[1]["documents_new"]);
    }

    private List<Dictionary<string, object?>> OriginalsWithoutPassages() => Rows("""
        SELECT d.id FROM documents d WHERE d.duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)
        """);
}
