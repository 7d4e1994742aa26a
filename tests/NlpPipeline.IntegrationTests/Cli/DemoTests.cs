using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.Storage;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp demo` on the bundled sample with the committed model: what a newcomer sees first.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_BundledSample_IngestsClassifiesAndReportsAroundJanuary2022()
    {
        var root = TestPaths.RepoRoot;
        var db = _dir.File("demo.db");
        File.WriteAllText(db, "");   // a stale empty file: the demo starts fresh
        var r = await NlpCli.RunAsync("demo", "--db", db,
            "--demo-dir", Path.Combine(root, "corpora", "demo"),
            "--events", Path.Combine(root, "corpora", "events.json"),
            "--model", Path.Combine(root, "models"));

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("4 source(s) ok, 0 failed", r.Output);
        Assert.Contains("Documents: 76 new, 0 already stored, 0 duplicate(s)", r.Output);
        Assert.Matches(@"Documents by language: .*kk \d+", r.Output);
        Assert.Matches(@"Documents by language: .*ru \d+", r.Output);
        Assert.Matches(@"Documents by language: .*en \d+", r.Output);
        // 2021-W48 .. 2022-W09: five weeks before the unrest, seven after; its weeks are marked.
        Assert.Matches(@"2021-W47\s+2021-11-22\s+0\s+0", r.Output);
        Assert.Matches(@"2021-W52 .*\* January 2022 unrest", r.Output);
        Assert.Matches(@"2022-W01 .*\* January 2022 unrest", r.Output);
        Assert.Matches(@"2022-W02 .*\* January 2022 unrest", r.Output);
        Assert.DoesNotMatch(@"2022-W03 .*January 2022 unrest", r.Output);
        Assert.Contains("2022-W09", r.Output);

        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM documents),
                   (SELECT count(*) FROM passages),
                   (SELECT count(*) FROM predictions),
                   (SELECT count(*) FROM documents WHERE published_utc < '2021-11-30T18:00:00.000Z' OR published_utc >= '2022-02-28T18:00:00.000Z'),
                   (SELECT count(DISTINCT language) FROM documents)
            """;
        using var row = cmd.ExecuteReader();
        row.Read();
        Assert.Equal(76L, row.GetInt64(0));
        Assert.Equal(row.GetInt64(1), row.GetInt64(2));
        Assert.Equal(0L, row.GetInt64(3));              // every item dated 2021-12-01 .. 2022-02-28, Almaty time
        Assert.True(row.GetInt64(4) >= 3);
    }

    private static Task<NlpCli.Result> Demo(string db) => NlpCli.RunAsync("demo", "--db", db,
        "--demo-dir", Path.Combine(TestPaths.RepoRoot, "corpora", "demo"),
        "--events", Path.Combine(TestPaths.RepoRoot, "corpora", "events.json"),
        "--model", Path.Combine(TestPaths.RepoRoot, "models"));

    [Fact]
    public async Task Demo_RefusesToDeleteADatabaseWithOtherSourcesDocuments()
    {
        using var store = new LabelledStore();
        var before = SqliteRows.Query(store.Path, "SELECT count(*) AS n FROM documents").Single()["n"];
        var r = await Demo(store.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not the demo's", r.Error);
        Assert.Contains(LabelledStore.News, r.Error);
        Assert.Equal(before, SqliteRows.Query(store.Path, "SELECT count(*) AS n FROM documents").Single()["n"]);
    }

    [Fact]
    public async Task Demo_RefusesADatabaseARunIsUsing_AndTakesTheLeaseItself()
    {
        var db = _dir.File("busy.db");
        using (NlpDatabase.Open(db)) { }
        using (RunLease.Acquire(db, LeaseHolder.Current("ingest"), LeaseOptions.Default, TimeProvider.System, NullLogger.Instance))
        {
            var refused = await Demo(db);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("ingest", refused.Error);
            Assert.True(File.Exists(db));
        }
        var r = await Demo(db);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(0L, SqliteRows.Query(db, "SELECT count(*) AS n FROM run_lease").Single()["n"]);   // released when done
    }
}
