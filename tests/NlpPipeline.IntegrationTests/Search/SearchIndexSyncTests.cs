using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.IntegrationTests.Search;

/// <summary>
/// The FTS index follows the passages table: filled by migration 0008 for rows already there; since migration 0011 new
/// passages wait in passage_search_pending until <see cref="PassageSearchIndex"/> indexes them (every search does first),
/// and triggers take deleted and changed passages out.
/// </summary>
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

    private static long Scalar(string path, string sql) => (long)SqliteRows.Query(path, sql)[0].Values.Single()!;

    private static readonly string[] Schema10 =
    [
        "0001_initial", "0002_language_confidence", "0003_http_cache", "0004_document_provenance", "0005_telegram_state", "0006_imports",
        "0007_weekly_aggregates", "0008_search_and_views", "0009_annotation", "0010_run_lease_and_runs",
    ];

    [Fact]
    public void Issue8_Migration0011_StoreFrom0010WithData_StillSearches_AndNewPassagesToo()
    {
        var path = _dir.File("v10.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            var sql = string.Concat(Schema10.Select(m => Migration(m) + $";\nINSERT INTO schema_version VALUES ({int.Parse(m[..4], System.Globalization.CultureInfo.InvariantCulture)}, '{m}', '2026-01-01T00:00:00.000Z');\n"));
            cmd.CommandText = $"""
                PRAGMA application_id = {NlpDatabase.ApplicationId};
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                {sql}
                INSERT INTO sources (id, outlet, kind, source_kind, url, first_seen, last_seen) VALUES ('s', 'S', 'feed', 'news', 'https://s.example/', 'x', 'x');
                INSERT INTO documents (canonical_url, fetched_url, source_id, fetched_at, text, language, content_hash, date_flag)
                    VALUES ('https://s.example/a', 'https://s.example/a', 's', '2022-02-01T00:00:00.000Z', 'Біз Қазақстаннан көшеміз. Ёлка.', 'kk', 'h', 'undated');
                INSERT INTO passages (document_id, ordinal, text, language) VALUES (1, 0, 'Біз Қазақстаннан көшеміз.', 'kk'), (1, 1, 'Ёлка.', 'ru');
                """;
            cmd.ExecuteNonQuery();
        }
        Assert.Equal(2, Matches(path, "\"казакстаннан\" OR \"елка\""));   // schema 10's trigger indexed them

        using var db = NlpDatabase.Open(path);
        Assert.Equal(0, new PassageSearchIndex(db).Pending());   // nothing to index again
        Assert.Equal(2, Scalar(path, "SELECT count(*) FROM passages_fts_docsize"));
        Assert.Equal([1L], Find(db, "казакстаннан"));
        Assert.Equal([2L], Find(db, "елка"));

        new RunStore(db).UpsertSource(new Source("s", "S", SourceType.Feed, new Uri("https://s.example/"), null, SourceKind.News));
        var doc = new Document(new Uri("https://s.example/b"), new Uri("https://s.example/b"), "s", DateTimeOffset.UnixEpoch.AddYears(52), null, null,
            ["Жастар шетелге көшіп жатыр."]);
        var saved = new DocumentStore(db).Save(doc, [new Passage(0, doc.Paragraphs[0], Language.Kazakh, 0.9)], new LanguageGuess(Language.Kazakh, 0.9), null);
        Assert.Equal(1, new PassageSearchIndex(db).Pending());
        Assert.Equal(0, Matches(path, "\"шетелге\""));   // stored, not yet indexed
        Assert.Single(Find(db, "шетелге"));                 // the search indexed it first
        Assert.Equal(0, new PassageSearchIndex(db).Pending());
        Assert.Equal(1, Matches(path, "\"шетелге\""));

        // A migrated (indexed) passage still leaves the index when deleted.
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM passages WHERE id = 1";
            cmd.ExecuteNonQuery();
        }
        Assert.Empty(Find(db, "казакстаннан"));
        Assert.Equal(2, Scalar(path, "SELECT count(*) FROM passages_fts_docsize"));
        Assert.Equal(saved.DocumentId, Scalar(path, "SELECT document_id FROM passages WHERE id = 3"));
    }

    [Fact]
    public void Issue8_PassageDeletedBeforeIndexing_LeavesNothingBehind()
    {
        var path = _dir.File("pending.db");
        using var db = NlpDatabase.Open(path);
        new RunStore(db).UpsertSource(new Source("s", "S", SourceType.Feed, new Uri("https://s.example/"), null, SourceKind.News));
        var store = new DocumentStore(db);
        var kept = new Document(new Uri("https://s.example/a"), new Uri("https://s.example/a"), "s", DateTimeOffset.UnixEpoch.AddYears(52), null, null, ["Тіл саясаты туралы."]);
        var gone = new Document(new Uri("https://s.example/b"), new Uri("https://s.example/b"), "s", DateTimeOffset.UnixEpoch.AddYears(52), null, null, ["Жаңа заң қабылданды."]);
        store.Save(kept, [new Passage(0, kept.Paragraphs[0], Language.Kazakh, 0.9)], new LanguageGuess(Language.Kazakh, 0.9), null);
        var saved = store.Save(gone, [new Passage(0, gone.Paragraphs[0], Language.Kazakh, 0.9)], new LanguageGuess(Language.Kazakh, 0.9), null);
        Assert.Equal(2, new PassageSearchIndex(db).Pending());

        using (var c = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=True"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DELETE FROM documents WHERE id = {saved.DocumentId}";   // cascades to its pending passage
            cmd.ExecuteNonQuery();
        }

        Assert.Equal(1, new PassageSearchIndex(db).Pending());
        Assert.Equal(1, new PassageSearchIndex(db).CatchUp());
        Assert.Empty(Find(db, "заң"));
        Assert.Single(Find(db, "тіл"));
        Assert.Equal(1, Scalar(path, "SELECT count(*) FROM passages_fts_docsize"));
        Assert.Empty(new DatabaseMaintenance(db).Check().Problems);
    }

    /// <summary>The index holds exactly <see cref="SearchFolding.Fold"/> of the stored text, the folding queries get.</summary>
    [Theory]
    [InlineData("Қазақстаннан көшіп кетті", "казакстаннан", "Қазақстаннан")]
    [InlineData("Әкімдік үйді өртеді, ұлы қызы кетті", "акимдик уйди", "ӘКІМДІК ҮЙДІ")]
    [InlineData("Ғалым һәм ақын", "галым хам", "ҒАЛЫМ ҺӘМ")]
    [InlineData("Ёлки подорожали, всё дорого", "елки все", "ЁЛКИ ВСЁ")]
    [InlineData("Qazaqstandyq jastar şetelge köşip ketti", "qazaqstandyq setelge kosip", "ŞETELGE KÖŞIP")]
    public void Issue8_IndexedText_FoldsLikeTheQuery(string stored, string plainQuery, string markedQuery)
    {
        var path = _dir.File("fold.db");
        using var db = NlpDatabase.Open(path);
        new RunStore(db).UpsertSource(new Source("s", "S", SourceType.Feed, new Uri("https://s.example/"), null, SourceKind.News));
        var doc = new Document(new Uri("https://s.example/a"), new Uri("https://s.example/a"), "s", DateTimeOffset.UnixEpoch.AddYears(52), null, null, [stored]);
        var saved = new DocumentStore(db).Save(doc, [new Passage(0, stored, Language.Kazakh, 0.9)], new LanguageGuess(Language.Kazakh, 0.9), null);
        Assert.Equal(1, new PassageSearchIndex(db).CatchUp());

        Assert.Single(Find(db, plainQuery));
        Assert.Single(Find(db, markedQuery));
        // Every word is in the index as folded, and not with the Kazakh letters the folding replaced.
        foreach (var word in stored.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Equal(1, Matches(path, "\"" + SearchFolding.Fold(word) + "\""));
            if (word.Any(c => "әғқңөұүһіӘҒҚҢӨҰҮҺІ".Contains(c))) Assert.Equal(0, Matches(path, "\"" + word + "\""));   // ё and Latin accents the tokenizer folds too
        }
        Assert.Equal(saved.DocumentId, Scalar(path, "SELECT document_id FROM passages"));
    }

    private static string Migration(string name)
    {
        using var stream = typeof(NlpDatabase).Assembly.GetManifestResourceStream($"Migrations/{name}.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
