using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.IntegrationTests.Search;

/// <summary>The FTS index follows the passages table: filled by migration 0008 for rows already there, kept by triggers after.</summary>
public sealed class SearchIndexSyncTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<long> Find(NlpDatabase db, string text) =>
        new PassageQueries(db).SearchAsync(new PassageFilter(text), null, null).ToBlockingEnumerable().Select(h => h.Passage.PassageId).ToList();

    private static long Matches(string path, string ftsQuery)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH $q";
        cmd.Parameters.AddWithValue("$q", ftsQuery);
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void Migration0008_IndexesPassagesStoredBefore()
    {
        var path = _dir.File("v6.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            var sql = string.Concat(new[] { "0001_initial", "0002_language_confidence", "0003_http_cache", "0004_document_provenance", "0005_telegram_state", "0006_imports" }
                .Select((m, i) => Migration(m) + $";\nINSERT INTO schema_version VALUES ({i + 1}, '{m}', '2026-01-01T00:00:00.000Z');\n"));
            cmd.CommandText = $"""
                PRAGMA application_id = {NlpDatabase.ApplicationId};
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                {sql}
                INSERT INTO sources (id, outlet, kind, source_kind, url, first_seen, last_seen) VALUES ('s', 'S', 'feed', 'news', 'https://s.example/', 'x', 'x');
                INSERT INTO documents (canonical_url, fetched_url, source_id, fetched_at, text, language, content_hash, date_flag)
                    VALUES ('https://s.example/a', 'https://s.example/a', 's', '2022-02-01T00:00:00.000Z', 'Біз Қазақстаннан көшеміз.', 'kk', 'h', 'undated');
                INSERT INTO passages (document_id, ordinal, text, language) VALUES (1, 0, 'Біз Қазақстаннан көшеміз.', 'kk');
                """;
            cmd.ExecuteNonQuery();
        }
        using var db = NlpDatabase.Open(path);
        Assert.Equal([1L], Find(db, "казакстаннан"));
        Assert.Equal([1L], Find(db, "біз"));
    }

    [Fact]
    public void Triggers_NewPassagesAreFound_DeletedOnesAreGone_EvenByCascade()
    {
        var path = _dir.File("sync.db");
        using var db = NlpDatabase.Open(path);
        new RunStore(db).UpsertSource(new Source("s", "S", SourceType.Feed, new Uri("https://s.example/"), null, SourceKind.News));
        var doc = new Document(new Uri("https://s.example/a"), new Uri("https://s.example/a"), "s", DateTimeOffset.UnixEpoch.AddYears(52), null, null,
            ["Көші-қон туралы жаңа заң қабылданды."]);
        var saved = new DocumentStore(db).Save(doc, [new Passage(0, doc.Paragraphs[0], Language.Kazakh, 0.9)], new LanguageGuess(Language.Kazakh, 0.9), null);
        Assert.Single(Find(db, "коши кон"));
        Assert.Equal(0, Matches(path, "\"заң\""));   // a raw FTS query is not folded: only the folded form is indexed
        Assert.Equal(1, Matches(path, "\"зан\""));

        using (var c = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=True"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"UPDATE passages SET text = 'Тіл саясаты туралы.' WHERE document_id = {saved.DocumentId}";
            cmd.ExecuteNonQuery();
        }
        Assert.Empty(Find(db, "заң"));
        Assert.Single(Find(db, "тіл саясаты"));

        using (var c = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=True"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DELETE FROM documents WHERE id = {saved.DocumentId}";
            cmd.ExecuteNonQuery();
        }
        Assert.Equal(0L, SqliteRows.Query(path, "SELECT count(*) AS n FROM passages")[0]["n"]);
        Assert.Empty(Find(db, "тіл"));
        Assert.Equal(0, Matches(path, "\"тил\""));
    }

    private static string Migration(string name)
    {
        using var stream = typeof(NlpDatabase).Assembly.GetManifestResourceStream($"Migrations/{name}.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
