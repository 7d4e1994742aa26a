using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>Issue 8: nlp db backup (online, checked, atomic), db check (exit 1 on problems), db vacuum (refused during a run).</summary>
public sealed class DbCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private string Db => _dir.File("nlp.db");

    public async Task InitializeAsync()
    {
        _server = new FixtureServer(TestPaths.Sites);
        var ingest = await NlpCli.RunAsync(new NlpPipeline.Cli.AppEnvironment(TimeProvider.System, _server.CreateHandler()),
            "ingest", "--sources", Path.Combine(TestPaths.Sites, "sources.json"), "--no-classify", "--db", Db);
        Assert.Equal(0, ingest.ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Backup_WhileARunHoldsTheLease_WritesACheckedSelfContainedCopy()
    {
        using var running = RunLease.Acquire(Db, LeaseHolder.Current("ingest"), LeaseOptions.Default, TimeProvider.System, NullLogger.Instance);
        var target = Path.Combine(_dir.Path, "backups", "nightly.db");

        var backup = await NlpCli.RunAsync("db", "backup", target, "--db", Db);

        Assert.Equal(0, backup.ExitCode);
        Assert.Contains("integrity ok", backup.Output);
        Assert.True(File.Exists(target));
        Assert.False(File.Exists(target + "-wal"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.tmp"));
        Assert.Equal(SqliteRows.Query(Db, "SELECT count(*) AS n FROM passages").Single()["n"], SqliteRows.Query(target, "SELECT count(*) AS n FROM passages").Single()["n"]);
        Assert.Equal("delete", SqliteRows.Query(target, "PRAGMA journal_mode").Single().Values.Single());
        // The copy is a working database in its own right.
        var check = await NlpCli.RunAsync("db", "check", "--db", target);
        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public async Task Check_HealthyDatabase_ExitsZeroWithCounts()
    {
        var check = await NlpCli.RunAsync("db", "check", "--db", Db);

        Assert.Equal(0, check.ExitCode);
        Assert.Matches(@"documents 8, passages \d+, predictions 0, ingestion_runs 1", check.Output);
        Assert.Contains("run lease: free", check.Output);
        Assert.Contains("OK:", check.Output);
    }

    [Fact]
    public async Task Check_OriginalDocumentWithoutPassages_ExitsOneNamingIt()
    {
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM passages WHERE document_id = (SELECT min(id) FROM documents WHERE duplicate_of IS NULL)";
            Assert.True(cmd.ExecuteNonQuery() > 0);
        }

        var check = await NlpCli.RunAsync("db", "check", "--db", Db);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("PROBLEM: 1 original document(s) without passages", check.Output);
        Assert.Contains("1 problem(s) found", check.Error);
    }

    private void Sql(string sql)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task Issue8_AfterIngest_EveryPassageIsIndexed_CheckSaysSo()
    {
        Assert.Equal(0L, SqliteRows.Query(Db, "SELECT count(*) AS n FROM passage_search_pending").Single()["n"]);
        Assert.Equal(SqliteRows.Query(Db, "SELECT count(*) AS n FROM passages").Single()["n"], SqliteRows.Query(Db, "SELECT count(*) AS n FROM passages_fts_docsize").Single()["n"]);

        var check = await NlpCli.RunAsync("db", "check", "--db", Db);

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("search index: every passage indexed", check.Output);
    }

    [Fact]
    public async Task Issue8_PendingPassages_CheckCountsThem_IndexIndexesThem()
    {
        var passages = (long)SqliteRows.Query(Db, "SELECT count(*) AS n FROM passages").Single()["n"]!;
        // As a killed run leaves it: passages stored, the index not yet told.
        Sql("INSERT INTO passages_fts(passages_fts) VALUES ('delete-all'); INSERT INTO passage_search_pending SELECT id FROM passages WHERE id > (SELECT min(id) FROM passages);");
        Sql("INSERT INTO passages_fts(rowid, text) SELECT id, text FROM passage_search_text WHERE id = (SELECT min(id) FROM passages)");

        var check = await NlpCli.RunAsync("db", "check", "--db", Db);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains($"search index: {passages - 1:N0} passage(s) waiting to be indexed", check.Output);

        var index = await NlpCli.RunAsync("db", "index", "--db", Db);
        Assert.Equal(0, index.ExitCode);
        Assert.Contains($"Indexed {passages - 1:N0} passage(s) for search", index.Output);
        Assert.Equal(passages, SqliteRows.Query(Db, "SELECT count(*) AS n FROM passages_fts_docsize").Single()["n"]);
        Assert.Contains("every passage indexed", (await NlpCli.RunAsync("db", "check", "--db", Db)).Output);
    }

    [Fact]
    public async Task Issue8_PassageNeitherIndexedNorPending_IsAProblem_ThatIndexRepairs()
    {
        Sql("INSERT INTO passages_fts(passages_fts, rowid, text) SELECT 'delete', id, text FROM passage_search_text WHERE id = (SELECT max(id) FROM passages)");

        var check = await NlpCli.RunAsync("db", "check", "--db", Db);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("PROBLEM: 1 passage(s) neither in the search index nor waiting for it", check.Output);

        var index = await NlpCli.RunAsync("db", "index", "--db", Db);
        Assert.Equal(0, index.ExitCode);
        Assert.Contains("Found 1 passage(s) stored without being queued for search", index.Output);
        Assert.Contains("Indexed 1 passage(s) for search", index.Output);
        var after = await NlpCli.RunAsync("db", "check", "--db", Db);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("every passage indexed", after.Output);
    }

    [Fact]
    public async Task Issue8_PassageInsertedWithPlainSql_IsNotQueued_ButDbIndexFindsIt()
    {
        // Since schema 13 nlp queues its own passages (DocumentStore); no trigger queues a row inserted by another program.
        Sql("INSERT INTO passages (document_id, ordinal, text, language) SELECT document_id, 99, 'Қолмен қосылған абзац.', 'kk' FROM passages LIMIT 1");
        Assert.Equal(0L, SqliteRows.Query(Db, "SELECT count(*) AS n FROM passage_search_pending").Single()["n"]);

        var index = await NlpCli.RunAsync("db", "index", "--db", Db);

        Assert.Equal(0, index.ExitCode);
        Assert.Contains("Found 1 passage(s) stored without being queued for search", index.Output);
        Assert.Equal(1L, SqliteRows.Query(Db, "SELECT count(*) AS n FROM passages_fts WHERE passages_fts MATCH 'колмен'").Single()["n"]);
    }

    [Fact]
    public async Task Vacuum_RefusedWhileARunHoldsTheLease_RunsOnceItIsFree()
    {
        var running = RunLease.Acquire(Db, LeaseHolder.Current("schedule"), LeaseOptions.Default, TimeProvider.System, NullLogger.Instance);

        var refused = await NlpCli.RunAsync("db", "vacuum", "--db", Db);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("another run is using", refused.Error);
        Assert.Contains("'schedule'", refused.Error);

        running.Dispose();
        var vacuum = await NlpCli.RunAsync("db", "vacuum", "--db", Db);
        Assert.Equal(0, vacuum.ExitCode);
        Assert.Matches(@"Vacuumed .*: [\d.]+ MB → [\d.]+ MB\.", vacuum.Output);
        Assert.Empty(SqliteRows.Query(Db, "SELECT * FROM run_lease"));
    }

    [Fact]
    public async Task Backup_PathIsADirectory_ExitsOne()
    {
        var result = await NlpCli.RunAsync("db", "backup", _dir.Path, "--db", Db);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a directory", result.Error);
    }
}
