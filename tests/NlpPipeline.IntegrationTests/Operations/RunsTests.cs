using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>Issue 8: every writing run is recorded (nlp runs list|show), exit codes follow what the run achieved, and the lease is honoured.</summary>
[Collection(ModelCollection.Name)]
public sealed class RunsTests(TrainedModelFixture model) : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private AppEnvironment _env = null!;
    private string Db => _dir.File("nlp.db");
    private static string Sources => Path.Combine(TestPaths.Sites, "sources.json");

    public Task InitializeAsync()
    {
        _server = new FixtureServer(TestPaths.Sites);
        _env = new AppEnvironment(TimeProvider.System, _server.CreateHandler());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync(_env, [.. args, "--db", Db]);

    private List<Dictionary<string, object?>> Rows(string sql) => SqliteRows.Query(Db, sql);

    [Fact]
    public async Task Ingest_RecordsRunWithSourcesModelAndCounts_ListAndShowReportIt()
    {
        var ingest = await Nlp("ingest", "--sources", Sources, "--model", model.ModelsDir);
        Assert.Equal(0, ingest.ExitCode);   // two sources fail, the run completed

        var row = Rows("SELECT id, command, status, sources_ok, sources_failed, documents_new, passages, passages_scored, model_version, pid, host, finished_at FROM ingestion_runs").Single();
        Assert.Equal("ingest", row["command"]);
        Assert.Equal("completed", row["status"]);
        Assert.Equal(4L, row["sources_ok"]);
        Assert.Equal(2L, row["sources_failed"]);
        Assert.Equal(7L, row["documents_new"]);
        var passages = (long)Rows("SELECT count(*) AS n FROM passages").Single()["n"]!;
        Assert.Equal(passages, row["passages"]);
        Assert.Equal(passages, row["passages_scored"]);
        Assert.Equal(File.ReadAllText(Path.Combine(model.ModelsDir, "current")).Trim(), row["model_version"]);
        Assert.Equal((long)Environment.ProcessId, row["pid"]);
        Assert.NotNull(row["finished_at"]);
        Assert.Empty(Rows("SELECT * FROM run_lease"));   // released

        var list = await Nlp("runs", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($@"\s+{row["id"]}\s+ingest\s+completed\s+\S+ \S+\s+\S+\s+6\s+2\s+7\s+{passages}\s+{passages}\s+{row["model_version"]}", list.Output);

        var show = await Nlp("runs", "show", row["id"]!.ToString()!);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("sources   4 ok, 2 failed", show.Output);
        Assert.Matches(@"gone\s+failed new 0, known 0, dup 0, passages 0; .*404", show.Output);
        Assert.Matches(@"qazaqline\s+ok\s+new 2, known 0, dup 0, passages \d+; skipped fetch_failed 1", show.Output);

        var json = await Nlp("runs", "show", row["id"]!.ToString()!, "--format", "json");
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(6, doc.RootElement.GetProperty("summary").GetProperty("sources").GetArrayLength());
        Assert.Equal(passages, doc.RootElement.GetProperty("passages_scored").GetInt64());
    }

    [Fact]
    public async Task Ingest_EverySourceFails_ExitsOneAndRecordsRunFailed()
    {
        var sources = _dir.File("dead.json");
        File.WriteAllText(sources, """
            {"fetch": {"per_host_interval_seconds": 0.01, "retry_base_delay_seconds": 0.01},
             "sources": [
               {"id": "gone", "outlet": "Gone", "kind": "feed", "url": "http://misc.example/missing.xml"},
               {"id": "not-a-feed", "outlet": "Misc", "kind": "feed", "url": "http://misc.example/not-a-feed.xml"}]}
            """);

        var run = await Nlp("ingest", "--sources", sources, "--no-classify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0 source(s) ok, 2 failed", run.Output);
        Assert.Equal("failed", Rows("SELECT status FROM ingestion_runs").Single()["status"]);
        var list = await Nlp("runs", "list", "--format", "json");
        using var doc = JsonDocument.Parse(list.Output);
        Assert.Equal("failed", doc.RootElement[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task WritingCommands_WhileAnotherRunHoldsTheLease_ExitOneNamingItAndWriteNothing()
    {
        using (NlpDatabase.Open(Db)) { }
        using var held = RunLease.Acquire(Db, LeaseHolder.Current("schedule"), LeaseOptions.Default, TimeProvider.System, NullLogger.Instance);

        var ingest = await Nlp("ingest", "--sources", Sources, "--no-classify");
        var classify = await Nlp("classify", "--model", model.ModelsDir);

        foreach (var refused in new[] { ingest, classify })
        {
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"another run is using {Db}: 'schedule' (pid {Environment.ProcessId} on {Environment.MachineName})", refused.Error);
            Assert.Contains("last heartbeat", refused.Error);
        }
        Assert.Empty(Rows("SELECT * FROM ingestion_runs"));
        Assert.Empty(Rows("SELECT * FROM documents"));
        Assert.Empty(_server.Requests);
        // Read-only commands still work while a run is active.
        Assert.Equal(0, (await Nlp("runs", "list")).ExitCode);
    }

    [Fact]
    public async Task Classify_IsRecordedAsARunWithModelAndCount()
    {
        Assert.Equal(0, (await Nlp("ingest", "--sources", Sources, "--no-classify")).ExitCode);

        Assert.Equal(0, (await Nlp("classify", "--model", model.ModelsDir)).ExitCode);

        var runs = Rows("SELECT command, status, passages_scored, model_version FROM ingestion_runs ORDER BY id");
        Assert.Equal(["ingest", "classify"], runs.Select(r => (string)r["command"]!));
        Assert.Equal(0L, runs[0]["passages_scored"]);
        Assert.Null(runs[0]["model_version"]);
        Assert.Equal("completed", runs[1]["status"]);
        Assert.Equal(Rows("SELECT count(*) AS n FROM passages").Single()["n"], runs[1]["passages_scored"]);
        Assert.NotNull(runs[1]["model_version"]);
    }
}
