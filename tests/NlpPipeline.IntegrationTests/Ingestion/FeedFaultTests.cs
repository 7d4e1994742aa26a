using Microsoft.Data.Sqlite;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Ingestion;

/// <summary>
/// Issue 3 faults over loopback HTTP (fixtures in tests/Fixtures/FeedFaults): a truncated feed, an XXE
/// feed and a billion-laughs feed each fail their source with a classified reason while the run goes on;
/// an undeclared KOI8-R feed and page are stored as correct Unicode.
/// </summary>
public sealed class FeedFaultTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private AppEnvironment _env = null!;
    private static string Folder => Path.Combine(TestPaths.Fixtures, "FeedFaults");
    private string Db => _dir.File("faults.db");

    public Task InitializeAsync()
    {
        _server = new FixtureServer(Folder);
        _env = new AppEnvironment(TimeProvider.System, _server.CreateHandler());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private List<string> Texts(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(r.IsDBNull(0) ? "" : r.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Issue3_MalformedAndHostileFeeds_FailTheirSourceWithAClassifiedReasonAndTheRunGoesOn()
    {
        var run = await NlpCli.RunAsync(_env, "--db", Db, "ingest", "--sources", Path.Combine(Folder, "sources.json"), "--no-classify");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("1 source(s) ok, 3 failed", run.Output);
        Assert.Matches(@"truncated\s+FAILED\s.*malformed feed: .*truncated", run.Output);
        Assert.Matches(@"xxe\s+FAILED\s.*malformed feed: .*external entity 'secret'", run.Output);
        Assert.Matches(@"laughs\s+FAILED\s.*malformed feed: .*billion-laughs", run.Output);
        Assert.Matches(@"uralsk\s+ok\s+1\s", run.Output);
        Assert.DoesNotContain("root:", string.Join("\n", Texts("SELECT text FROM passages UNION ALL SELECT coalesce(title, '') FROM documents")));
        Assert.DoesNotContain("root:", run.Output + run.Error);
    }

    [Fact]
    public async Task Issue3_UndeclaredKoi8RFeedAndPage_AreStoredAsCorrectUnicode()
    {
        await NlpCli.RunAsync(_env, "--db", Db, "ingest", "--sources", Path.Combine(Folder, "sources.json"), "--no-classify");

        Assert.Equal(["Выпускники выбирают вузы Самары и Саратова"], Texts("SELECT title FROM documents"));
        var passages = Texts("SELECT text FROM passages ORDER BY ordinal");
        Assert.StartsWith("В этом году в российские вузы подали документы", passages[0]);
        Assert.Equal(["ru"], Texts("SELECT language FROM documents"));
    }
}
