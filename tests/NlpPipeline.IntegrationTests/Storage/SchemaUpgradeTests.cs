using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>A database written by schema 2 (before date provenance and near-duplicates) is upgraded in place.</summary>
public sealed class SchemaUpgradeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Migration(string name)
    {
        using var stream = typeof(NlpDatabase).Assembly.GetManifestResourceStream($"Migrations/{name}.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static void Execute(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static List<object?[]> Rows(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read()) rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? null : r.GetValue(i)).ToArray());
        return rows;
    }

    private string Schema2Database()
    {
        var path = _dir.File("v2.db");
        static string Q(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        var story = Q(DocumentProvenanceTests.Story);
        Execute(path, $"""
            PRAGMA application_id = {NlpDatabase.ApplicationId};
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            {Migration("0001_initial")};
            {Migration("0002_language_confidence")};
            INSERT INTO schema_version VALUES (1, '0001_initial', '2026-01-01T00:00:00.000Z'), (2, '0002_language_confidence', '2026-01-01T00:00:00.000Z');
            INSERT INTO sources VALUES ('s', 'S', 'feed', 'news', 'https://s.example/', NULL, 'x', 'x');
            INSERT INTO documents (canonical_url, fetched_url, source_id, fetched_at, published_utc, published_offset_minutes, text, language, content_hash, duplicate_of) VALUES
              ('https://s.example/dated', 'https://s.example/dated', 's', '2022-02-01T00:00:00.000Z', '2022-01-25T03:00:00.000Z', 360, {story}, 'ru', 'h1', NULL),
              ('https://s.example/undated', 'https://s.example/undated', 's', '2022-02-01T00:00:00.000Z', NULL, NULL, 'Текст без даты.', 'ru', 'h2', NULL),
              ('https://s.example/future', 'https://s.example/future', 's', '2022-02-01T00:00:00.000Z', '2022-02-05T00:00:00.000Z', 360, 'Текст из будущего.', 'ru', 'h3', NULL),
              ('https://s.example/epoch', 'https://s.example/epoch', 's', '2022-02-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', 0, 'Текст от 1970 года.', 'ru', 'h4', NULL),
              ('https://mirror.example/dated', 'https://mirror.example/dated', 's', '2022-02-01T00:00:00.000Z', '2022-01-25T03:00:00.000Z', 360, {story}, 'ru', 'h1', 1);
            INSERT INTO passages (document_id, ordinal, text, language, language_confidence) VALUES (1, 0, 'Абзац.', 'ru', 0.9);
            """);
        return path;
    }

    [Fact]
    public void Open_Schema2Database_AddsProvenanceKeepingRowsAndFlagsOldDates()
    {
        var path = Schema2Database();

        using (var db = NlpDatabase.Open(path))
            Assert.Equal(NlpDatabase.LatestSchemaVersion, db.SchemaVersion);

        Assert.Contains(Rows(path, "SELECT version, name FROM schema_version"), r => (long)r[0]! == 4 && (string)r[1]! == "0004_document_provenance");
        var docs = Rows(path, "SELECT canonical_url, date_source, date_flag, duplicate_kind, duplicate_similarity, fingerprint_words FROM documents ORDER BY id");
        Assert.Equal(5, docs.Count);
        Assert.Equal([null, "ok", null, null, null], docs[0][1..]);
        Assert.Equal(["none", "undated", null, null, null], docs[1][1..]);
        Assert.Equal("future", docs[2][2]);
        Assert.Equal("too_old", docs[3][2]);
        Assert.Equal(["exact", 1.0], docs[4][3..5]);
        Assert.Equal(1L, Rows(path, "SELECT count(*) FROM passages")[0][0]);
    }

    [Fact]
    public void IndexPendingFingerprints_AfterUpgrade_IndexesOldOriginalsOnceSoNearCopiesOfThemAreFound()
    {
        var path = Schema2Database();
        using var db = NlpDatabase.Open(path);
        var store = new DocumentStore(db);

        Assert.Equal(4, store.IndexPendingFingerprints());
        Assert.Equal(0, store.IndexPendingFingerprints());
        Assert.Equal((long)NearDuplicates.Bands, Rows(path, "SELECT count(*) FROM document_bands WHERE document_id = 1")[0][0]);

        var copy = new Document(new Uri("https://other.example/reprint"), new Uri("https://other.example/reprint"), "s",
            new DateTimeOffset(2022, 2, 2, 0, 0, 0, TimeSpan.Zero), null, null,
            DocumentProvenanceTests.StoryOnAnotherOutlet.Split("\n\n").Select(p => p.Trim()).ToList());
        var outcome = store.Save(copy, [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null);

        Assert.Equal(SaveStatus.Duplicate, outcome.Status);
        Assert.Equal(DuplicateKind.Near, outcome.Kind);
        Assert.Equal(1L, Rows(path, $"SELECT duplicate_of FROM documents WHERE id = {outcome.DocumentId}")[0][0]);
    }
}
