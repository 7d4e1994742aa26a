using System.Globalization;
using Microsoft.Data.Sqlite;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp bench store` at a small size: the fill stores, scores and (unless --no-index) indexes every passage, and
/// leaves no band rows pending.</summary>
public sealed class StoreBenchTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private long Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Issue8_BenchStore_SmallFill_EveryPassageScoredBandsWritten_IndexedUnlessNoIndex(bool noIndex)
    {
        var db = _dir.File("bench.db");
        var added = await NlpCli.RunAsync("events", "add", "--name", "Test wave", "--start", "2022-01-02", "--end", "2022-01-12", "--db", db);
        Assert.True(added.ExitCode == 0, added.Error);
        string[] args = ["bench", "store", "--passages", "3000", "--no-scan", "--event", "Test wave", "--db", db];
        var r = await NlpCli.RunAsync(noIndex ? [.. args, "--no-index"] : args);

        Assert.True(r.ExitCode == 0, r.Error);
        var passages = Scalar(db, "SELECT count(*) FROM passages");
        Assert.InRange(passages, 3000, 3010);
        Assert.Equal(passages, Scalar(db, "SELECT count(*) FROM predictions"));
        Assert.Equal(0, Scalar(db, "SELECT count(*) FROM document_bands_staged"));
        Assert.Equal(24 * Scalar(db, "SELECT count(*) FROM documents WHERE fingerprint_words >= 50 AND duplicate_of IS NULL"),
            Scalar(db, "SELECT count(*) FROM document_bands"));
        Assert.Equal(noIndex ? passages : 0, Scalar(db, "SELECT count(*) FROM passage_search_pending"));
        if (noIndex) Assert.Contains($"search indexing skipped (--no-index): {passages.ToString("N0", CultureInfo.InvariantCulture)} passages wait in passage_search_pending", r.Output);
        else Assert.Contains("search indexing afterwards", r.Output);
    }

    [Fact]
    public async Task Issue8_BenchStore_UnknownEvent_FailsBeforeFilling()
    {
        var db = _dir.File("bench.db");
        var r = await NlpCli.RunAsync("bench", "store", "--passages", "3000", "--no-scan", "--event", "No such wave", "--db", db);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("No event matches 'No such wave'", r.Error);
        Assert.Equal(0, Scalar(db, "SELECT count(*) FROM passages"));
    }
}
