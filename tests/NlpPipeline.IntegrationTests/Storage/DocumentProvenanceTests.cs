using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>Where a stored document's date came from, whether it is trusted, and near-copies stored as duplicates.</summary>
public sealed class DocumentProvenanceTests : IDisposable
{
    internal const string Story = """
        Жители Экибастуза второй месяц жалуются на перебои с отоплением: в нескольких микрорайонах температура в квартирах не поднимается выше четырнадцати градусов.

        В городской теплоэлектроцентрали объясняют проблемы изношенными трубами, которые не меняли с советских времён, и нехваткой угля после январских событий.

        Многие семьи с маленькими детьми говорят, что больше не видят будущего в городе. Одни собираются к родственникам в Павлодар, другие всерьёз рассматривают переезд в Омск или Новосибирск.

        Аким пообещал, что ремонт магистральной сети начнётся весной, а пока жителям раздадут обогреватели.
        """;

    internal const string StoryOnAnotherOutlet = """
        Перепечатка. Фото из архива редакции.

        Жители Экибастуза второй месяц жалуются на перебои с отоплением: в нескольких микрорайонах температура в квартирах не поднимается выше четырнадцати градусов.

        В городской теплоэлектроцентрали объясняют проблемы изношенными трубами, которые не меняли с советских времён, и нехваткой угля после январских событий.

        Многие семьи с маленькими детьми говорят, что больше не видят будущего в городе. Одни уже уехали к родственникам в Павлодар, другие всерьёз думают о переезде в Россию.

        Аким пообещал, что ремонт магистральной сети начнётся весной, а пока жителям раздадут обогреватели.

        Подписывайтесь на наш канал в Telegram.
        """;

    internal const string SameTopicOtherStory = """
        В Экибастузе прошёл сход жителей микрорайона Энергетик, где с декабря в квартирах холодно. Люди принесли с собой градусники и фотографии замёрзших окон.

        Пенсионер Виктор Ильич рассказал, что спит в куртке, а его соседка с тремя детьми уже продала квартиру и уезжает в Костанай. На встречу пришёл заместитель акима, но ответить на вопросы о сроках ремонта не смог.

        Депутаты маслихата потребовали проверить, куда ушли деньги, выделенные на модернизацию теплосетей в прошлом году.
        """;

    private readonly TempDir _dir = new();
    private readonly NlpDatabase _db;
    private readonly DocumentStore _store;
    private static readonly DateTimeOffset Fetched = new(2022, 2, 1, 3, 0, 0, TimeSpan.Zero);

    public DocumentProvenanceTests()
    {
        _db = NlpDatabase.Open(_dir.File("nlp.db"));
        var runs = new RunStore(_db);
        runs.UpsertSource(new Source("src", "Outlet", SourceType.Feed, new Uri("https://src.example/feed"), Language.Russian, SourceKind.News));
        runs.UpsertSource(new Source("other", "Other", SourceType.Feed, new Uri("https://other.example/feed"), Language.Russian, SourceKind.News));
        _store = new DocumentStore(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private static Document Doc(string url, string text, DateTimeOffset? published = null, DateOrigin? origin = null, string source = "src") =>
        new(new Uri(url), new Uri(url), source, Fetched, published, "Заголовок",
            text.Split("\n\n").Select(p => p.Trim()).Where(p => p.Length > 0).ToList(), origin);

    private SaveOutcome Save(Document d) =>
        _store.Save(d, d.Paragraphs.Select((p, i) => new Passage(i, p, Language.Russian, 0.9)).ToList(), new LanguageGuess(Language.Russian, 0.9), null);

    private Dictionary<string, object?> Row(long id)
    {
        using var c = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT date_source, date_detail, date_flag, duplicate_of, duplicate_kind, duplicate_similarity, fingerprint_words, " +
                          $"(SELECT count(*) FROM passages WHERE document_id = {id}) AS passages, " +
                          $"(SELECT count(*) FROM document_bands WHERE document_id = {id}) AS bands FROM documents WHERE id = {id}";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        return Enumerable.Range(0, r.FieldCount).ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i));
    }

    [Fact]
    public void Save_DatedFromPageMetadata_RecordsSourceDetailAndOkFlag()
    {
        var id = Save(Doc("https://src.example/a", Story, new DateTimeOffset(2022, 1, 25, 9, 0, 0, TimeSpan.FromHours(6)),
            new DateOrigin(DateSource.JsonLd, "NewsArticle.datePublished"))).DocumentId;

        var row = Row(id);
        Assert.Equal("json_ld", row["date_source"]);
        Assert.Equal("NewsArticle.datePublished", row["date_detail"]);
        Assert.Equal("ok", row["date_flag"]);
        Assert.Equal((long)NearDuplicates.Bands, row["bands"]);
    }

    [Theory]
    [InlineData(null, "none", "undated")]
    [InlineData("2099-12-31T00:00:00+05:00", "meta", "future")]
    [InlineData("1970-01-01T00:00:00+00:00", "meta", "too_old")]
    public void Save_UndatedOrUntrustedDate_StoredWithItsFlagAndPassages(string? published, string source, string flag)
    {
        var date = published is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
        var outcome = Save(Doc("https://src.example/a", Story, date, date is null ? null : new DateOrigin(DateSource.Meta, "date")));

        Assert.Equal(SaveStatus.New, outcome.Status);
        var row = Row(outcome.DocumentId);
        Assert.Equal(source, row["date_source"]);
        Assert.Equal(flag, row["date_flag"]);
        Assert.Equal(4L, row["passages"]);
        var exported = new AnalysisQueries(_db).DocumentsAsync(null).ToBlockingEnumerable().Single();
        Assert.Equal(flag, exported.DateTrust.ToWire());
    }

    [Fact]
    public void Save_NearCopyOnAnotherOutlet_DuplicateOfFirstCopyWithoutPassages()
    {
        var first = Save(Doc("https://src.example/a", Story));
        var copy = Save(Doc("https://other.example/reprint/77", StoryOnAnotherOutlet, source: "other"));

        Assert.Equal(SaveStatus.Duplicate, copy.Status);
        Assert.Equal(DuplicateKind.Near, copy.Kind);
        var row = Row(copy.DocumentId);
        Assert.Equal(first.DocumentId, row["duplicate_of"]);
        Assert.Equal("near", row["duplicate_kind"]);
        Assert.InRange((double)row["duplicate_similarity"]!, NearDuplicates.MinJaccard, 0.99);
        Assert.Equal(0L, row["passages"]);
        Assert.Equal(0L, row["bands"]);
        Assert.Equal((2L, 4L), _store.Counts());
    }

    private static (Document, IReadOnlyList<Passage>, LanguageGuess) Item(Document d) =>
        (d, d.Paragraphs.Select((p, i) => new Passage(i, p, Language.Russian, 0.9)).ToList(), new LanguageGuess(Language.Russian, 0.9));

    /// <summary>SaveAll prepares on another thread while it writes: the outcomes must be those of saving one by one, in order,
    /// copies of a story earlier in the same batch included.</summary>
    [Fact]
    public void Issue8_SaveAll_SameOutcomesAsOneByOne_IncludingCopiesInTheBatch()
    {
        var docs = new[]
        {
            Doc("https://src.example/a", Story),
            Doc("https://other.example/reprint/77", StoryOnAnotherOutlet, source: "other"),
            Doc("https://src.example/b", SameTopicOtherStory),
            Doc("https://mirror.example/a", Story, source: "other"),
            Doc("https://src.example/a", SameTopicOtherStory),
        };

        var outcomes = _store.SaveAll(docs.Select(Item).ToList(), null);

        Assert.Equal([SaveStatus.New, SaveStatus.Duplicate, SaveStatus.New, SaveStatus.Duplicate, SaveStatus.AlreadyStored], outcomes.Select(o => o.Status));
        Assert.Equal(DuplicateKind.Near, outcomes[1].Kind);
        Assert.Equal(DuplicateKind.Exact, outcomes[3].Kind);
        Assert.Equal(outcomes[0].DocumentId, Row(outcomes[1].DocumentId)["duplicate_of"]);
        Assert.Equal(outcomes[0].DocumentId, Row(outcomes[3].DocumentId)["duplicate_of"]);
        Assert.Equal(outcomes[0].DocumentId, outcomes[4].DocumentId);
        Assert.Equal(2 * NearDuplicates.Bands, _store.PendingBandRows);   // a bulk load writes its band rows later, sorted
        _store.FlushBands();
        Assert.Equal((long)NearDuplicates.Bands, Row(outcomes[2].DocumentId)["bands"]);

        using var other = NlpDatabase.Open(_dir.File("one-by-one.db"));
        new RunStore(other).UpsertSource(new Source("src", "Outlet", SourceType.Feed, new Uri("https://src.example/feed"), Language.Russian, SourceKind.News));
        new RunStore(other).UpsertSource(new Source("other", "Other", SourceType.Feed, new Uri("https://other.example/feed"), Language.Russian, SourceKind.News));
        var single = new DocumentStore(other);
        var one = docs.Select(Item).Select(d => single.Save(d.Item1, d.Item2, d.Item3, null)).ToList();
        Assert.Equal(one.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)), outcomes.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)));
    }

    /// <summary>Schema 13: the store queues its own passages for search (no trigger does), in the same transaction: every
    /// new original's passages exactly once, nothing for a duplicate or a known URL, nothing when the batch fails.</summary>
    [Fact]
    public void Issue8_SaveAndSaveAll_QueueExactlyTheirNewPassagesForSearch()
    {
        var first = Save(Doc("https://src.example/a", Story));
        Save(Doc("https://mirror.example/a", Story, source: "other"));   // exact copy: stored as a duplicate, no passages
        Assert.Equal(Ids("SELECT id FROM passages"), Ids("SELECT passage_id FROM passage_search_pending"));
        Assert.Equal(4, Ids("SELECT passage_id FROM passage_search_pending").Count);

        var bad = (Doc("https://src.example/empty", SameTopicOtherStory), (IReadOnlyList<Passage>)[], new LanguageGuess(Language.Russian, 0.9));
        Assert.Throws<ArgumentException>(() => _store.SaveAll([Item(Doc("https://src.example/b", SameTopicOtherStory)), bad], null));
        Assert.Equal(4, Ids("SELECT passage_id FROM passage_search_pending").Count);

        var outcomes = _store.SaveAll([Item(Doc("https://src.example/b", SameTopicOtherStory)), Item(Doc("https://src.example/a", Story))], null);
        Assert.Equal([SaveStatus.New, SaveStatus.AlreadyStored], outcomes.Select(o => o.Status));
        Assert.Equal(first.DocumentId, outcomes[1].DocumentId);
        Assert.Equal(7, Ids("SELECT passage_id FROM passage_search_pending").Count);
        Assert.Equal(Ids("SELECT id FROM passages"), Ids("SELECT passage_id FROM passage_search_pending"));
        _store.FlushBands();
    }

    private List<long> Ids(string sql) => SqliteRows.Query(_dir.File("nlp.db"), sql).Select(r => (long)r.Values.Single()!).Order().ToList();

    [Fact]
    public void Issue8_SaveAll_OneBadDocument_StoresNone()
    {
        var good = Item(Doc("https://src.example/a", Story));
        var bad = (Doc("https://src.example/empty", SameTopicOtherStory), (IReadOnlyList<Passage>)[], new LanguageGuess(Language.Russian, 0.9));

        Assert.Throws<ArgumentException>(() => _store.SaveAll([good, bad], null));
        Assert.Equal((0L, 0L), _store.Counts());
        Assert.Equal(SaveStatus.New, _store.SaveAll([good], null).Single().Status);
    }

    [Fact]
    public void Save_SameTopicDifferentStory_StoredAsNewStory()
    {
        Save(Doc("https://src.example/a", Story));
        var other = Save(Doc("https://other.example/news/skhod", SameTopicOtherStory, source: "other"));

        Assert.Equal(SaveStatus.New, other.Status);
        Assert.Null(Row(other.DocumentId)["duplicate_of"]);
    }

    [Fact]
    public void Save_ShortTexts_OnlyExactCopiesAreDuplicates()
    {
        const string monday = "Курс доллара на KASE открылся на отметке 431 тенге. Обменники Алматы продают доллар по 435 тенге.";
        const string tuesday = "Курс доллара на KASE открылся на отметке 433 тенге. Обменники Алматы продают доллар по 437 тенге.";

        var a = Save(Doc("https://src.example/kurs-1", monday));
        var b = Save(Doc("https://src.example/kurs-2", tuesday));
        var c = Save(Doc("https://other.example/kurs-copy", "«" + monday.ToUpperInvariant() + "»", source: "other"));

        Assert.Equal(SaveStatus.New, b.Status);
        Assert.Equal(SaveStatus.Duplicate, c.Status);
        Assert.Equal(DuplicateKind.Exact, c.Kind);
        Assert.Equal(a.DocumentId, Row(c.DocumentId)["duplicate_of"]);
        Assert.Equal(0L, Row(a.DocumentId)["bands"]);
        Assert.Equal(16L, Row(a.DocumentId)["fingerprint_words"]);
    }

    [Fact]
    public void BandLookup_SearchesTheIndexRatherThanScanning()
    {
        using var c = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT document_id FROM document_bands WHERE band_key IN (1, 2, 3) GROUP BY document_id";
        using var r = cmd.ExecuteReader();
        var plan = new List<string>();
        while (r.Read()) plan.Add(r.GetString(3));

        Assert.Contains(plan, p => p.Contains("SEARCH document_bands USING PRIMARY KEY (band_key=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN document_bands", StringComparison.Ordinal));
    }
}
