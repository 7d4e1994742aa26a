using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.IntegrationTests.Search;

/// <summary>Full-text search (FTS5, migration 0008) and label filters over a store with known contents.</summary>
public sealed class PassageSearchTests : IDisposable
{
    private readonly LabelledStore _store = new();
    private readonly NlpDatabase _db;

    public PassageSearchTests() => _db = NlpDatabase.Open(_store.Path);

    public void Dispose()
    {
        _db.Dispose();
        _store.Dispose();
    }

    private List<long> Find(PassageFilter filter, string? model = LabelledStore.Latest) =>
        new PassageQueries(_db).SearchAsync(filter, model, null).ToBlockingEnumerable().Select(h => h.Passage.PassageId).Order().ToList();

    private List<long> Text(string text) => Find(new PassageFilter(text));

    [Fact]
    public void BundledSqlite_HasFts5_AndTheIndexTable()
    {
        var rows = SqliteRows.Query(_store.Path, "SELECT sqlite_compileoption_used('ENABLE_FTS5') AS fts5, (SELECT count(*) FROM sqlite_master WHERE name = 'passages_fts') AS tables");
        Assert.Equal(1L, rows[0]["fts5"]);
        Assert.Equal(1L, rows[0]["tables"]);
    }

    [Fact]
    public void Search_KazakhLetters_FoldBothWays()
    {
        Assert.Equal([_store.P4], Text("қазақ"));                 // the Russian "казак" in P4
        Assert.Equal([_store.P4], Text("КАЗАК"));
        Assert.Equal([_store.P1], Text("казакстаннан"));          // "Қазақстаннан" in P1
        Assert.Equal([_store.P1], Text("Қазақстаннан"));
        Assert.Equal([_store.P2], Text("жана мектеп"));           // "жаңа мектеп"
        Assert.Equal([_store.P2], Text("куанышты"));              // "қуанышты"
    }

    [Fact]
    public void Search_RussianYo_FoldsToYe_ButShortIStaysApart()
    {
        Assert.Equal([_store.P3], Text("елки"));
        Assert.Equal([_store.P3], Text("ЁЛКИ"));
        Assert.Equal([_store.P4], Text("мой"));
        Assert.Empty(Text("мои"));
    }

    [Fact]
    public void Search_LatinDiacriticsAndCase_Fold()
    {
        Assert.Equal([_store.P5], Text("kosip"));
        Assert.Equal([_store.P5], Text("KÖŞIP"));
        Assert.Equal([_store.P5], Text("setelge"));
        Assert.Equal([_store.P5], Text("qazaqstandyq"));
    }

    [Fact]
    public void Search_AllWordsMustOccur_PhrasesKeepOrder_StarMatchesPrefix()
    {
        Assert.Equal([_store.P3, _store.P6], Text("уехать"));
        Assert.Equal([_store.P3], Text("уехать цены"));
        Assert.Equal([_store.P3], Text("\"решили уехать\""));
        Assert.Empty(Text("\"уехать решили\""));
        Assert.Equal([_store.P1], Text("көш*"));                  // көшіп, Cyrillic only
        Assert.Equal([_store.P5], Text("kös*"));
        Assert.Empty(Text("көш"));
    }

    [Theory]
    [InlineData("уехать OR мектеп")]          // OR is a word to find, not an operator
    [InlineData("уехать NOT цены")]
    [InlineData("NEAR(уехать мектеп)")]
    [InlineData("text:мектеп уехать")]
    public void Search_OperatorsInUserText_AreWordsNotSyntax(string text) => Assert.Empty(Text(text));

    [Theory]
    [InlineData("(уехать")]
    [InlineData("-уехать")]
    [InlineData("уехать)")]
    [InlineData("^уехать")]
    [InlineData("уехать\"")]
    [InlineData("\"уехать")]
    [InlineData("уехать *")]
    [InlineData("{уехать}")]
    public void Search_PunctuationInUserText_CannotBreakTheQuery(string text) => Assert.Equal([_store.P3, _store.P6], Text(text));

    [Fact]
    public void Search_SqlInUserText_IsOnlySearchedFor()
    {
        Assert.Empty(Text("'; DROP TABLE passages; --"));
        Assert.Equal(6L, SqliteRows.Query(_store.Path, "SELECT count(*) AS n FROM passages")[0]["n"]);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"\"")]
    [InlineData(" - ( ) ")]
    public void ToFtsQuery_NoWord_IsNull(string text) => Assert.Null(SearchFolding.ToFtsQuery(text));

    [Fact]
    public void ToFtsQuery_QuotesEveryWord()
    {
        Assert.Equal("\"казак\" \"OR\" \"кош\"*", SearchFolding.ToFtsQuery("қазақ OR көш*"));
        Assert.Equal("\"don t\" \"Алма Ата\"", SearchFolding.ToFtsQuery("don't Алма-Ата"));
    }

    [Fact]
    public void Fold_ReplacesExactlyTheListedLetters_OneCharacterForOne()
    {
        var map = SearchFolding.Letters.ToDictionary(l => l.From, l => l.To);
        var all = new string(Enumerable.Range(1, 0x2FFF).Select(i => (char)i).ToArray());
        var folded = SearchFolding.Fold(all);
        Assert.Equal(all.Length, folded.Length);
        for (var i = 0; i < all.Length; i++)
            Assert.Equal(map.GetValueOrDefault(all[i], all[i]), folded[i]);
    }

    [Fact]
    public void Fold_AgreesWithTheIndexView_ForEveryFoldedLetter()
    {
        var letters = new string(SearchFolding.Letters.Select(l => l.From).ToArray()) + " qazaq й Й";
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.Path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO passages (document_id, ordinal, text, language) VALUES ($d, 9, $t, 'kk')";
            cmd.Parameters.AddWithValue("$d", _store.D1);
            cmd.Parameters.AddWithValue("$t", letters);
            cmd.ExecuteNonQuery();
        }
        var folded = SqliteRows.Query(_store.Path, "SELECT s.text FROM passage_search_text s JOIN passages p ON p.id = s.id WHERE p.ordinal = 9")[0]["text"];
        Assert.Equal(SearchFolding.Fold(letters), folded);
        Assert.Equal("аАгГкКнНоОуУуУхХиИеЕ qazaq й Й", folded);
    }

    [Fact]
    public void Search_Snippet_MarksTheStoredWords_AndRelevanceIsPositive()
    {
        var hit = Assert.Single(new PassageQueries(_db).SearchAsync(new PassageFilter("казакстаннан"), LabelledStore.Latest, null).ToBlockingEnumerable());
        Assert.Contains("**Қазақстаннан**", hit.Snippet);
        Assert.True(hit.Relevance > 0);
    }

    [Fact]
    public void Search_LabelFilters_UseTheGivenModel()
    {
        Assert.Equal([_store.P3], Find(new PassageFilter(Intent: Intent.Planning)));
        Assert.Equal([_store.P1, _store.P3], Find(new PassageFilter(Topic: Topic.WagesPrices)));
        Assert.Equal([_store.P1, _store.P3, _store.P5], Find(new PassageFilter(Sentiment: Sentiment.Negative)));
        Assert.Equal([_store.P3], Find(new PassageFilter("уехать", Sentiment: Sentiment.Negative)));
        Assert.Equal([_store.P1], Find(new PassageFilter(Intent: Intent.Departed), LabelledStore.Older));
        Assert.Equal([_store.P5], Find(new PassageFilter(Intent: Intent.Departed)));
    }

    [Fact]
    public void Search_WithoutLabelFilters_ReturnsUnscoredPassagesWithoutLabels()
    {
        var hits = new PassageQueries(_db).SearchAsync(new PassageFilter("уехать"), LabelledStore.Latest, null).ToBlockingEnumerable().ToList();
        Assert.Equal(2, hits.Count);
        Assert.Null(hits.Single(h => h.Passage.PassageId == _store.P6).Passage.Labels);
        Assert.Equal(Intent.Planning, hits.Single(h => h.Passage.PassageId == _store.P3).Passage.Labels!.Intent);
    }

    [Fact]
    public void Search_LanguageAndSource_Filter()
    {
        Assert.Equal([_store.P1, _store.P2, _store.P5], Find(new PassageFilter(Language: Language.Kazakh)));
        Assert.Equal([_store.P3, _store.P4, _store.P6], Find(new PassageFilter(SourceId: LabelledStore.Channel)));
    }

    [Fact]
    public void Search_Dates_AreAlmatyDays_AndLeaveOutUndated()
    {
        var almaty = ResearchCalendar.Almaty;
        PassageFilter Day(int month, int day) => new(PublishedFrom: almaty.StartOf(new DateOnly(2022, month, day)), PublishedBefore: almaty.StartOf(new DateOnly(2022, month, day + 1)));
        Assert.Equal([_store.P1, _store.P2], Find(Day(1, 6)));                  // 20:30 UTC on the 5th is the 6th in Almaty
        Assert.Empty(Find(Day(1, 5)));
        Assert.Equal([_store.P3, _store.P4, _store.P6], Find(new PassageFilter(PublishedFrom: almaty.StartOf(new DateOnly(2022, 1, 7)))));
        Assert.DoesNotContain(_store.P5, Find(new PassageFilter(PublishedBefore: almaty.StartOf(new DateOnly(2030, 1, 1)))));
        Assert.Contains(_store.P5, Find(new PassageFilter()));
    }

    [Fact]
    public void Search_NeverReturnsDuplicates()
    {
        var hits = new PassageQueries(_db).SearchAsync(new PassageFilter(), LabelledStore.Latest, null).ToBlockingEnumerable().ToList();
        Assert.Equal(6, hits.Count);
        Assert.DoesNotContain(hits, h => h.Passage.DocumentId == _store.D4);
    }

    [Fact]
    public void Search_WithoutText_NewestFirst_UndatedLast_AndLimited()
    {
        var ids = new PassageQueries(_db).SearchAsync(new PassageFilter(), LabelledStore.Latest, 4).ToBlockingEnumerable().Select(h => h.Passage.PassageId).ToList();
        Assert.Equal([_store.P6, _store.P3, _store.P4, _store.P1], ids);
        var all = new PassageQueries(_db).SearchAsync(new PassageFilter(), LabelledStore.Latest, null).ToBlockingEnumerable().ToList();
        Assert.Equal(_store.P5, all[^1].Passage.PassageId);
    }
}
