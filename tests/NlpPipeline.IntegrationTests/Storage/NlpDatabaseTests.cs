using Microsoft.Data.Sqlite;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

public sealed class NlpDatabaseTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static object? Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    [Fact]
    public void Open_NewFileInMissingFolder_CreatesSchemaWithWalAndForeignKeys()
    {
        var path = _dir.File("sub/dir/nlp.db");
        using (var db = NlpDatabase.Open(path))
        {
            Assert.Equal(NlpDatabase.LatestSchemaVersion, db.SchemaVersion);
        }
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode"));
        var tables = new[] { "sources", "fetch_log", "ingestion_runs", "documents", "passages", "predictions", "models", "events", "schema_version" };
        foreach (var t in tables)
            Assert.Equal(1L, Scalar(path, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{t}'"));
    }

    [Fact]
    public void Open_ExistingDatabase_AppliesNothingTwice()
    {
        var path = _dir.File("nlp.db");
        NlpDatabase.Open(path).Dispose();
        NlpDatabase.Open(path).Dispose();
        Assert.Equal((long)NlpDatabase.LatestSchemaVersion, Scalar(path, "SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public void Open_DatabaseAtSchema1_IsMigratedKeepingItsRows()
    {
        var path = _dir.File("v1.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var stream = typeof(NlpDatabase).Assembly.GetManifestResourceStream("Migrations/0001_initial.sql")!;
            var v1 = new StreamReader(stream).ReadToEnd();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"PRAGMA application_id = {NlpDatabase.ApplicationId}; " +
                              "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); " +
                              v1 + "; INSERT INTO schema_version VALUES (1, '0001_initial', '2026-01-01T00:00:00.000Z'); " +
                              "INSERT INTO sources VALUES ('s', 'S', 'feed', 'news', 'https://s.example/', NULL, 'x', 'x'); " +
                              "INSERT INTO documents (canonical_url, fetched_url, source_id, fetched_at, text, language, content_hash) " +
                              "VALUES ('https://s.example/a', 'https://s.example/a', 's', '2026-01-01T00:00:00.000Z', 'Текст', 'ru', 'h')";
            cmd.ExecuteNonQuery();
        }
        using (var db = NlpDatabase.Open(path))
            Assert.Equal(NlpDatabase.LatestSchemaVersion, db.SchemaVersion);
        Assert.Equal(1L, Scalar(path, "SELECT count(*) FROM documents"));
        Assert.IsType<DBNull>(Scalar(path, "SELECT language_confidence FROM documents"));
        Assert.Equal((long)NlpDatabase.LatestSchemaVersion, Scalar(path, "SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public void Open_ForeignKeysAreEnforced()
    {
        using var db = NlpDatabase.Open(_dir.File("nlp.db"));
        var doc = new NlpPipeline.Core.Domain.Document(new Uri("https://x.example/a"), new Uri("https://x.example/a"), "no-such-source",
            DateTimeOffset.UnixEpoch, null, "t", ["Some paragraph of text that is long enough."]);
        var passages = new[] { new NlpPipeline.Core.Domain.Passage(0, "Some paragraph of text that is long enough.", NlpPipeline.Core.Labels.Language.English, 0.9) };
        Assert.Throws<SqliteException>(() => new DocumentStore(db).Save(doc, passages, new NlpPipeline.Core.Text.LanguageGuess(NlpPipeline.Core.Labels.Language.English, 0.9), null));
    }

    [Fact]
    public void Open_SchemaNewerThanThisBuild_IsRefusedWithClearMessage()
    {
        var path = _dir.File("nlp.db");
        NlpDatabase.Open(path).Dispose();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version(version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00.000Z')";
            cmd.ExecuteNonQuery();
        }
        var ex = Assert.Throws<StorageException>(() => NlpDatabase.Open(path));
        Assert.Contains("schema version 99", ex.Message);
        Assert.Contains("newer nlp", ex.Message);
    }

    [Fact]
    public void Open_SqliteDatabaseOfAnotherProgram_IsRefusedAndLeftUntouched()
    {
        var path = _dir.File("other.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)";
            cmd.ExecuteNonQuery();
        }
        var ex = Assert.Throws<StorageException>(() => NlpDatabase.Open(path));
        Assert.Contains("not an NlpPipeline one", ex.Message);
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'documents'"));
    }

    [Fact]
    public void Open_TextFile_IsRefusedAsNotADatabase()
    {
        var path = _dir.File("notes.db");
        File.WriteAllText(path, "These are my notes, not a database. They are long enough to fill a header page of SQLite.");
        var ex = Assert.Throws<StorageException>(() => NlpDatabase.Open(path));
        Assert.Contains("not an NlpPipeline database", ex.Message);
    }
}
