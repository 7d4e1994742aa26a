using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

public sealed class DocumentStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly NlpDatabase _db;
    private readonly DocumentStore _store;

    public DocumentStoreTests()
    {
        _db = NlpDatabase.Open(_dir.File("nlp.db"));
        new RunStore(_db).UpsertSource(new Source("src", "Outlet", SourceType.Feed, new Uri("https://src.example/feed"), Language.Russian, SourceKind.News));
        _store = new DocumentStore(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private static Document Doc(string url, params string[] paragraphs) =>
        new(new Uri(url), new Uri(url), "src", new DateTimeOffset(2022, 1, 10, 3, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2022, 1, 9, 14, 30, 0, TimeSpan.FromHours(6)), "Заголовок", paragraphs);

    private static IReadOnlyList<Passage> Passages(Document d) =>
        d.Paragraphs.Select((p, i) => new Passage(i, p, Language.Russian, 0.9)).ToList();

    [Fact]
    public void Save_NewDocument_StoresItsPassagesAndIsKnownByUrl()
    {
        var doc = Doc("https://src.example/a", "Первый абзац новости о ценах на газ.", "Второй абзац о том, что люди думают уехать.");
        var outcome = _store.Save(doc, Passages(doc), new LanguageGuess(Language.Russian, 0.9), null);
        Assert.Equal(SaveStatus.New, outcome.Status);
        Assert.Equal(2, outcome.Passages);
        Assert.Equal((1L, 2L), _store.Counts());
        Assert.True(_store.IsKnown(new Uri("https://src.example/a")));
        Assert.False(_store.IsKnown(new Uri("https://src.example/b")));
    }

    [Fact]
    public void Save_SameCanonicalUrlAgain_StoresNothing()
    {
        var doc = Doc("https://src.example/a", "Текст новости, который сохраняется только один раз.");
        var first = _store.Save(doc, Passages(doc), new LanguageGuess(Language.Russian, 0.9), null);
        var second = _store.Save(doc, Passages(doc), new LanguageGuess(Language.Russian, 0.9), null);
        Assert.Equal(SaveStatus.AlreadyStored, second.Status);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal((1L, 1L), _store.Counts());
    }

    [Fact]
    public void Save_SameTextUnderAnotherUrl_IsADuplicateWithoutPassages()
    {
        var a = Doc("https://src.example/a", "Один и тот же текст, перепечатанный другим сайтом.");
        var b = Doc("https://mirror.example/copy", "один и тот же ТЕКСТ — перепечатанный другим сайтом!");
        var first = _store.Save(a, Passages(a), new LanguageGuess(Language.Russian, 0.9), null);
        var dup = _store.Save(b, Passages(b), new LanguageGuess(Language.Russian, 0.9), null);
        Assert.Equal(SaveStatus.Duplicate, dup.Status);
        Assert.Equal((2L, 1L), _store.Counts());
        using var cmd = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        cmd.Open();
        using var q = cmd.CreateCommand();
        q.CommandText = $"SELECT duplicate_of FROM documents WHERE id = {dup.DocumentId}";
        Assert.Equal(first.DocumentId, q.ExecuteScalar());
    }

    [Fact]
    public void Save_FailureWhileWritingPassages_LeavesNoDocument()
    {
        var doc = Doc("https://src.example/a", "Абзац один.", "Абзац два.");
        var clash = new[] { new Passage(0, "Абзац один.", Language.Russian, 0.9), new Passage(0, "Абзац два.", Language.Russian, 0.9) };
        Assert.Throws<SqliteException>(() => _store.Save(doc, clash, new LanguageGuess(Language.Russian, 0.9), null));
        Assert.Equal((0L, 0L), _store.Counts());
        Assert.False(_store.IsKnown(new Uri("https://src.example/a")));
    }

    [Fact]
    public void Save_KeepsPublishersOffset()
    {
        var doc = Doc("https://src.example/a", "Абзац о событиях девятого января в Алматы.");
        _store.Save(doc, Passages(doc), new LanguageGuess(Language.Russian, 0.9), null);
        var exported = new AnalysisQueries(_db).DocumentsAsync(null).ToBlockingEnumerable().Single();
        Assert.Equal(new DateTimeOffset(2022, 1, 9, 14, 30, 0, TimeSpan.FromHours(6)), exported.Published);
        Assert.Equal(TimeSpan.FromHours(6), exported.Published!.Value.Offset);
        Assert.Null(exported.Labels);
    }
}
