using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>
/// Issue 8: a bulk load (<see cref="DocumentStore.SaveAll"/>) keeps new originals' band keys in memory and in
/// document_bands_staged, and writes them to document_bands sorted, later. Every decision must be the one saving the
/// same documents one by one makes, and staged keys left behind must be seen by the next save.
/// </summary>
public sealed class BulkBandIndexTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Words =
        (DocumentProvenanceTests.Story + " " + DocumentProvenanceTests.SameTopicOtherStory)
        .Split([' ', '\n', ',', '.', ':'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    /// <summary>
    /// Originals of 60–200 words (some drawn from a small shared vocabulary, so unrelated texts share words), near-copies
    /// (a stretch rewritten, a credit line and another site's footer), exact copies under another URL, short posts
    /// (matched by hash only), a re-sent URL, and texts built from halves of two originals: a mix where candidates from
    /// the band index are real and some are rejected by the exact comparison.
    /// </summary>
    private static List<Document> MixedSet(int seed)
    {
        var random = new Random(seed);
        var originals = new List<string[]>();
        var docs = new List<Document>();
        string Sentence(IEnumerable<string> words) => string.Join(' ', words) + ".";
        Document Make(int n, string site, IEnumerable<string> paragraphs)
        {
            var url = new Uri($"https://{site}.example/news/{n}");
            return new Document(url, url, site == "a" ? "src" : "other", new DateTimeOffset(2022, 2, 1, 0, 0, 0, TimeSpan.Zero), null, "T",
                paragraphs.Where(p => p.Length > 0).ToList());
        }
        for (var n = 0; n < 240; n++)
        {
            var kind = originals.Count < 5 ? 0 : random.Next(7);
            switch (kind)
            {
                case 0 or 1 or 2:   // an original
                    var words = Enumerable.Range(0, 60 + random.Next(140)).Select(_ => Words[random.Next(Words.Length)] + (random.Next(5) == 0 ? random.Next(100).ToString() : "")).ToArray();
                    originals.Add(words);
                    docs.Add(Make(n, "a", words.Chunk(30).Select(Sentence)));
                    break;
                case 3:   // a near-copy: a stretch rewritten, a credit line and a footer
                    var source = originals[random.Next(originals.Count)].ToArray();
                    var from = random.Next(Math.Max(1, source.Length - 15));
                    for (var i = from; i < Math.Min(source.Length, from + 2 + random.Next(14)); i++) source[i] = Words[random.Next(Words.Length)];
                    docs.Add(Make(n, "b", new[] { "Перепечатка с сайта партнёров." }.Concat(source.Chunk(30).Select(Sentence)).Append("Подписывайтесь на наш канал.")));
                    break;
                case 4:   // the same text under another URL
                    docs.Add(Make(n, "b", originals[random.Next(originals.Count)].Chunk(30).Select(Sentence)));
                    break;
                case 5:   // half of one story and half of another
                    var x = originals[random.Next(originals.Count)];
                    var y = originals[random.Next(originals.Count)];
                    docs.Add(Make(n, "b", x.Take(x.Length / 2).Concat(y.Skip(y.Length / 2)).Chunk(30).Select(Sentence)));
                    break;
                default:   // a short post, or a URL stored before
                    docs.Add(random.Next(2) == 0
                        ? Make(n, "a", [Sentence(Enumerable.Range(0, 8).Select(_ => Words[random.Next(Words.Length)]))])
                        : Make(random.Next(n), "a", ["Повтор."]));
                    break;
            }
        }
        return docs;
    }

    private static (Document, IReadOnlyList<Passage>, LanguageGuess) Item(Document d) =>
        (d, d.Paragraphs.Select((p, i) => new Passage(i, p, Language.Russian, 0.9)).ToList(), new LanguageGuess(Language.Russian, 0.9));

    private NlpDatabase Open(string name)
    {
        var db = NlpDatabase.Open(_dir.File(name));
        var runs = new RunStore(db);
        runs.UpsertSource(new Source("src", "Outlet", SourceType.Feed, new Uri("https://a.example/feed"), Language.Russian, SourceKind.News));
        runs.UpsertSource(new Source("other", "Other", SourceType.Feed, new Uri("https://b.example/feed"), Language.Russian, SourceKind.News));
        return db;
    }

    private static List<object?[]> Rows(NlpDatabase db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read()) rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? null : r.GetValue(i)).ToArray());
        return rows;
    }

    private const string Decisions = "SELECT id, canonical_url, duplicate_of, duplicate_kind, duplicate_similarity, fingerprint_words FROM documents ORDER BY id";
    private const string Bands = "SELECT band_key, document_id FROM document_bands ORDER BY band_key, document_id";

    [Theory]
    [InlineData(int.MaxValue)]   // nothing written to document_bands until the end
    [InlineData(600)]            // written every few batches
    [InlineData(1)]              // written at the start of every next batch
    public void Issue8_SaveAll_WithPendingBands_SameDecisionsAsOneByOne_OnMixedSetWithNearCopies(int flushRows)
    {
        var docs = MixedSet(seed: 8);
        using var single = Open("single.db");
        var one = new DocumentStore(single);
        var expected = docs.Select(Item).Select(d => one.Save(d.Item1, d.Item2, d.Item3, null)).ToList();

        using var bulk = Open("bulk.db");
        var store = new DocumentStore(bulk) { BandFlushRows = flushRows };
        var outcomes = new List<SaveOutcome>();
        var pendingSeen = 0;
        foreach (var batch in docs.Chunk(10))
        {
            outcomes.AddRange(store.SaveAll(batch.Select(Item).ToList(), null));
            if (store.PendingBandRows > 0) pendingSeen++;
        }
        if (flushRows > 1) Assert.True(pendingSeen > 0, "the lookups must have met pending rows");
        store.FlushBands();

        // The set really exercises the detection: near and exact copies, rejected candidates, short posts.
        Assert.InRange(expected.Count(o => o.Kind == DuplicateKind.Near), 15, 240);
        Assert.InRange(expected.Count(o => o.Kind == DuplicateKind.Exact), 15, 240);
        Assert.Contains(expected, o => o.Status == SaveStatus.AlreadyStored);
        Assert.Equal(expected.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)), outcomes.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)));
        Assert.Equal(Rows(single, Decisions), Rows(bulk, Decisions));
        Assert.Equal(Rows(single, Bands), Rows(bulk, Bands));
        Assert.Equal(0L, Rows(bulk, "SELECT count(*) FROM document_bands_staged")[0][0]);
        Assert.Equal(0, store.PendingBandRows);
    }

    /// <summary>One batch longer than the preparing thread's lead (512 documents), so the writer both takes documents that
    /// thread prepared and prepares some itself: the same decisions and rows as saving one by one. A document that cannot be
    /// prepared, late in such a batch, fails all of it.</summary>
    [Fact]
    public void Issue8_SaveAll_OneBatchPastThePreparingLead_SameDecisionsAsOneByOne_AndABadDocumentFailsAll()
    {
        var docs = MixedSet(seed: 8).Concat(MixedSet(seed: 9)).Concat(MixedSet(seed: 10)).ToList();
        using var single = Open("single.db");
        var one = new DocumentStore(single);
        var expected = docs.Select(Item).Select(d => one.Save(d.Item1, d.Item2, d.Item3, null)).ToList();

        using var bulk = Open("bulk.db");
        var store = new DocumentStore(bulk);
        var items = docs.Select(Item).ToList();
        var bad = items.ToList();
        bad.Insert(600, (docs[0], [], new LanguageGuess(Language.Russian, 0.9)));
        Assert.Throws<ArgumentException>(() => store.SaveAll(bad, null));
        Assert.Equal((0L, 0L), store.Counts());

        var outcomes = store.SaveAll(items, null);
        store.FlushBands();
        Assert.Equal(720, outcomes.Count);
        Assert.Equal(expected.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)), outcomes.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)));
        Assert.Equal(Rows(single, Decisions), Rows(bulk, Decisions));
        Assert.Equal(Rows(single, Bands), Rows(bulk, Bands));
        Assert.Equal(Rows(single, "SELECT id, document_id, ordinal, text, language FROM passages ORDER BY id"), Rows(bulk, "SELECT id, document_id, ordinal, text, language FROM passages ORDER BY id"));
    }

    /// <summary>The filters over stored band keys and documents fill past their capacity in the middle of a load (sized here
    /// for 20 keys: the first original fills it): the rest of that load must still see its own documents, so a re-sent URL
    /// is found as stored and a copy as a duplicate, exactly as saving one by one; the next load builds the filters again.</summary>
    [Fact]
    public void Issue8_SaveAll_FiltersFullInTheMiddleOfALoad_SameDecisionsAsOneByOne()
    {
        var docs = MixedSet(seed: 12);
        using var single = Open("single.db");
        var one = new DocumentStore(single);
        var expected = docs.Select(Item).Select(d => one.Save(d.Item1, d.Item2, d.Item3, null)).ToList();

        using var bulk = Open("bulk.db");
        var store = new DocumentStore(bulk) { BandFlushRows = 10 };
        var outcomes = store.SaveAll(docs.Take(200).Select(Item).ToList(), null).Concat(store.SaveAll(docs.Skip(200).Select(Item).ToList(), null)).ToList();
        store.FlushBands();

        Assert.Contains(expected.Skip(20), o => o.Status == SaveStatus.AlreadyStored);
        Assert.Contains(expected.Skip(20), o => o.Kind == DuplicateKind.Near);
        Assert.Contains(expected.Skip(20), o => o.Kind == DuplicateKind.Exact);
        Assert.Equal(expected.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)), outcomes.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)));
        Assert.Equal(Rows(single, Decisions), Rows(bulk, Decisions));
        Assert.Equal(Rows(single, Bands), Rows(bulk, Bands));
    }

    /// <summary>Band rows past <see cref="DocumentStore.BandFlushRows"/> are flushed at the start of the next load, while its
    /// documents are prepared (the preparing thread then runs past its usual lead): the rows in document_bands are those of
    /// saving one by one, and until then they wait in document_bands_staged. A next load whose document cannot be prepared
    /// fails as a whole: none of its documents is stored, and the earlier load's rows are in document_bands, written once.</summary>
    [Fact]
    public void Issue8_FlushAtTheStartOfTheNextLoad_SameRowsAsOneByOne_AndAFailingLoadLeavesNothingHalfWritten()
    {
        var first = MixedSet(seed: 12);
        var second = MixedSet(seed: 13).Select(d => d with { Url = new Uri(d.Url.AbsoluteUri + "?2"), CanonicalUrl = new Uri(d.CanonicalUrl.AbsoluteUri + "?2") }).ToList();
        using var single = Open("single.db");
        var one = new DocumentStore(single);
        foreach (var d in first.Select(Item)) one.Save(d.Item1, d.Item2, d.Item3, null);
        var firstBands = Rows(single, Bands);

        using var bulk = Open("bulk.db");
        var store = new DocumentStore(bulk) { BandFlushRows = 100 };
        store.SaveAll(first.Select(Item).ToList(), null);
        Assert.True(store.PendingBandRows >= 100, "the first load's rows wait for the next load");
        Assert.Equal(0L, Rows(bulk, "SELECT count(*) FROM document_bands")[0][0]);
        var staged = (long)Rows(bulk, "SELECT count(*) FROM document_bands_staged")[0][0]!;
        Assert.Equal(store.PendingBandRows, staged * NearDuplicates.Bands - Rows(bulk, "SELECT band_keys FROM document_bands_staged").Sum(r => DuplicateKeysIn((byte[])r[0]!)));

        var bad = second.Select(Item).ToList();
        bad.Insert(700 % bad.Count, (second[0], [], new LanguageGuess(Language.Russian, 0.9)));   // no passages: cannot be prepared
        var counts = store.Counts();
        Assert.Throws<ArgumentException>(() => store.SaveAll(bad, null));
        Assert.Equal(counts, store.Counts());
        Assert.Equal(firstBands, Rows(bulk, Bands));
        Assert.Equal(0L, Rows(bulk, "SELECT count(*) FROM document_bands_staged")[0][0]);
        Assert.Equal(0, store.PendingBandRows);

        // The same second load, whole, on both stores: the same decisions and rows.
        var expected = second.Select(Item).Select(d => one.Save(d.Item1, d.Item2, d.Item3, null)).ToList();
        var outcomes = store.SaveAll(second.Select(Item).ToList(), null);
        store.FlushBands();
        Assert.Contains(expected, o => o.Kind == DuplicateKind.Near);
        Assert.Equal(expected.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)), outcomes.Select(o => (o.Status, o.DocumentId, o.Passages, o.Kind)));
        Assert.Equal(Rows(single, Decisions), Rows(bulk, Decisions));
        Assert.Equal(Rows(single, Bands), Rows(bulk, Bands));
    }

    /// <summary>Keys a staged row holds more than once (a document adds each key once).</summary>
    private static int DuplicateKeysIn(byte[] blob)
    {
        var keys = Enumerable.Range(0, blob.Length / 8).Select(i => BitConverter.ToInt64(blob, i * 8)).ToList();
        return keys.Count - keys.Distinct().Count();
    }

    /// <summary>The flush writes band rows without the foreign-key check (their documents are stored already); the check is back
    /// on for everything after it, and every row it wrote points at its document.</summary>
    [Fact]
    public void Issue8_FlushBands_TurnsForeignKeysBackOn_AndEveryBandRowHasItsDocument()
    {
        using var bulk = Open("fk.db");
        var store = new DocumentStore(bulk);
        foreach (var batch in MixedSet(seed: 3).Chunk(25)) store.SaveAll(batch.Select(Item).ToList(), null);
        Assert.True(store.PendingBandRows > 0);
        store.FlushBands();

        using (var fk = bulk.Command("PRAGMA foreign_keys")) Assert.Equal(1L, fk.ExecuteScalar());
        Assert.True((long)Rows(bulk, "SELECT count(*) FROM document_bands")[0][0]! > 100);
        Assert.Empty(Rows(bulk, "PRAGMA foreign_key_check"));
        Assert.Equal(0L, Rows(bulk, "SELECT count(*) FROM document_bands b WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = b.document_id)")[0][0]);
    }

    /// <summary>The bulk load's filter over document_bands must never hide a stored original: between two bulk loads of
    /// the same store, another connection stores a story (its band rows go straight to document_bands); the next bulk
    /// load must see its copy as a near-duplicate, so the filter is built again when the database changed under it.</summary>
    [Fact]
    public void Issue8_BandFilter_SeesAnOriginalAnotherConnectionStoredBetweenBulkLoads()
    {
        var path = _dir.File("two.db");
        using var db = Open("two.db");
        var loader = new DocumentStore(db);
        var first = MixedSet(seed: 5).Take(40).ToList();
        loader.SaveAll(first.Select(Item).ToList(), null);
        loader.FlushBands();

        using (var other = NlpDatabase.Open(path))
            Assert.Equal(SaveStatus.New, new DocumentStore(other).Save(new Document(new Uri("https://a.example/story"), new Uri("https://a.example/story"), "src",
                DateTimeOffset.UnixEpoch, null, null, DocumentProvenanceTests.Story.Split("\n\n").Select(p => p.Trim()).ToList()),
                [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null).Status);

        var copy = loader.SaveAll([Item(new Document(new Uri("https://b.example/reprint"), new Uri("https://b.example/reprint"), "other",
            DateTimeOffset.UnixEpoch, null, null, DocumentProvenanceTests.StoryOnAnotherOutlet.Split("\n\n").Select(p => p.Trim()).ToList()))], null).Single();

        Assert.Equal(SaveStatus.Duplicate, copy.Status);
        Assert.Equal(DuplicateKind.Near, copy.Kind);
    }

    /// <summary>The filter of stored URLs and content hashes misses nothing: a URL and a text stored one by one on the bulk
    /// loader's own store after its first load, and a URL and a text another connection stored before its next, are found by
    /// that next load (the URL as already stored, the text as an exact copy).</summary>
    [Fact]
    public void Issue8_DocumentFilter_SeesDocumentsSavedOneByOneAndByAnotherConnection()
    {
        var path = _dir.File("docs.db");
        using var db = Open("docs.db");
        var loader = new DocumentStore(db);
        loader.SaveAll(MixedSet(seed: 6).Take(30).Select(Item).ToList(), null);
        Document Story(string url, string text) => new(new Uri(url), new Uri(url), "src", DateTimeOffset.UnixEpoch, null, null, [text]);
        Assert.Equal(SaveStatus.New, loader.Save(Story("https://a.example/own", "Своя новость о ценах на жильё в Алматы."), [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null).Status);
        var own = loader.SaveAll([
            Item(Story("https://a.example/own", "Другой текст под тем же адресом.")),
            Item(Story("https://b.example/own-copy", "СВОЯ новость — о ценах на жильё в Алматы!")),
        ], null);
        using (var other = NlpDatabase.Open(path))
            Assert.Equal(SaveStatus.New, new DocumentStore(other).Save(Story("https://a.example/theirs", "Чужая новость о визах и очередях."), [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null).Status);
        var theirs = loader.SaveAll([
            Item(Story("https://a.example/theirs", "Ещё один текст под чужим адресом.")),
            Item(Story("https://b.example/their-copy", "Чужая новость: о визах и очередях")),
        ], null);

        var outcomes = own.Concat(theirs).ToList();
        Assert.Equal([SaveStatus.AlreadyStored, SaveStatus.Duplicate, SaveStatus.AlreadyStored, SaveStatus.Duplicate], outcomes.Select(o => o.Status));
        Assert.All(new[] { outcomes[1], outcomes[3] }, o => Assert.Equal(DuplicateKind.Exact, o.Kind));
    }

    /// <summary>The filter of stored documents is built from the URL and content-hash indexes, never by walking the table
    /// that holds the texts.</summary>
    [Theory]
    [InlineData(DocumentStore.StoredUrlsSql)]
    [InlineData(DocumentStore.StoredHashesSql)]
    public void Issue8_DocumentFilter_IsBuiltFromCoveringIndexes(string sql)
    {
        using var db = Open("plan.db");
        using var cmd = db.Command("EXPLAIN QUERY PLAN " + sql);
        using var r = cmd.ExecuteReader();
        var plan = new List<string>();
        while (r.Read()) plan.Add(r.GetString(3));
        Assert.Equal("SCAN documents USING COVERING INDEX", string.Join(" ", plan.Single().Split(' ').Take(5)));
    }

    /// <summary>Keys of the stored-documents filter: a content hash gives its first 64 bits, a URL a hash of its characters;
    /// every document added is found, and few that were not.</summary>
    [Fact]
    public void Issue8_DocumentKeyFilter_FindsEveryDocumentAdded_AndFewOthers()
    {
        Assert.Equal(unchecked((long)0x0123456789abcdefUL), DocumentKeyFilter.HashKey("0123456789abcdef" + new string('0', 48)));
        Assert.NotEqual(DocumentKeyFilter.UrlKey("https://a.example/1"), DocumentKeyFilter.UrlKey("https://a.example/2"));
        var filter = new DocumentKeyFilter(50_000);
        var added = Enumerable.Range(0, 50_000).Select(i => ($"https://a.example/news/{i}", ContentHash.Of("текст " + i))).ToList();
        foreach (var (url, hash) in added) filter.Add(url, hash);
        Assert.All(added, d => Assert.True(filter.MayHaveUrl(d.Item1) && filter.MayHaveHash(d.Item2)));
        var others = Enumerable.Range(0, 50_000).Count(i => filter.MayHaveUrl($"https://b.example/news/{i}") || filter.MayHaveHash(ContentHash.Of("другой " + i)));
        Assert.InRange(others, 0, 200);
    }

    [Fact]
    public void Issue8_BandKeyFilter_FindsEveryKeyAdded_AndFewOthers_AtCapacity()
    {
        var filter = new BandKeyFilter(200_000);
        var random = new Random(11);
        var added = Enumerable.Range(0, (int)filter.Capacity).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        foreach (var key in added) filter.Add(key);

        Assert.All(added, key => Assert.True(filter.MayContain(key)));
        var others = Enumerable.Range(0, 200_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).Count(filter.MayContain);
        Assert.InRange(others / 200_000.0, 0, 0.003);   // about 0.04 % in theory at 20 bits per key
        Assert.True(filter.MayContainAny([random.NextInt64(), added[12_345], random.NextInt64()]));
        Assert.False(new BandKeyFilter(10).MayContainAny(added.Take(24).ToArray()));
    }

    /// <summary>A bulk load killed before it wrote its band rows leaves them staged; the next save (a new process) moves them
    /// first, so a copy of a story from that load is still found.</summary>
    [Fact]
    public void Issue8_StagedBandsOfAnUnflushedLoad_AreMovedByTheNextSave_SoItsStoriesAreFound()
    {
        var path = _dir.File("killed.db");
        using (var db = Open("killed.db"))
        {
            var loader = new DocumentStore(db);
            var stored = loader.SaveAll([Item(new Document(new Uri("https://a.example/1"), new Uri("https://a.example/1"), "src",
                DateTimeOffset.UnixEpoch, null, null, DocumentProvenanceTests.Story.Split("\n\n").Select(p => p.Trim()).ToList()))], null);
            Assert.Equal(SaveStatus.New, stored.Single().Status);
            Assert.Equal(NearDuplicates.Bands, loader.PendingBandRows);
            Assert.Equal(1L, Rows(db, "SELECT count(*) FROM document_bands_staged")[0][0]);
            Assert.Equal(0L, Rows(db, "SELECT count(*) FROM document_bands")[0][0]);
        }   // the loader goes away without FlushBands, as a killed process would

        using var again = NlpDatabase.Open(path);
        var copy = new DocumentStore(again).Save(new Document(new Uri("https://b.example/reprint"), new Uri("https://b.example/reprint"), "other",
            DateTimeOffset.UnixEpoch, null, null, DocumentProvenanceTests.StoryOnAnotherOutlet.Split("\n\n").Select(p => p.Trim()).ToList()),
            [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null);

        Assert.Equal(SaveStatus.Duplicate, copy.Status);
        Assert.Equal(DuplicateKind.Near, copy.Kind);
        Assert.Equal((long)NearDuplicates.Bands, Rows(again, "SELECT count(*) FROM document_bands WHERE document_id = 1")[0][0]);
        Assert.Equal(0L, Rows(again, "SELECT count(*) FROM document_bands_staged")[0][0]);
    }

    /// <summary>Migration 0012 on a database of schema 11 with stored originals: their band rows stay, the document_id
    /// index is gone, and a near-copy of a stored story is still found.</summary>
    [Fact]
    public void Issue8_Migration0012_OnSchema11Database_KeepsBandsDropsDocumentIndex()
    {
        var path = _dir.File("v11.db");
        using (var db = Open("v11.db"))
        {
            new DocumentStore(db).Save(new Document(new Uri("https://a.example/1"), new Uri("https://a.example/1"), "src",
                DateTimeOffset.UnixEpoch, null, null, DocumentProvenanceTests.Story.Split("\n\n").Select(p => p.Trim()).ToList()),
                [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null);
        }
        // Back to schema 11 as it was: the index restored, the staged table and the version row removed.
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE INDEX document_bands_document ON document_bands(document_id);
                DROP TABLE document_bands_staged;
                DELETE FROM schema_version WHERE version = 12;
                """;
            cmd.ExecuteNonQuery();
        }

        using var upgraded = NlpDatabase.Open(path);
        Assert.Equal(NlpDatabase.LatestSchemaVersion, upgraded.SchemaVersion);
        Assert.Empty(Rows(upgraded, "SELECT name FROM sqlite_schema WHERE name = 'document_bands_document'"));
        Assert.Equal((long)NearDuplicates.Bands, Rows(upgraded, "SELECT count(*) FROM document_bands")[0][0]);
        Assert.Equal(0L, Rows(upgraded, "SELECT count(*) FROM document_bands_staged")[0][0]);
        var copy = new DocumentStore(upgraded).Save(new Document(new Uri("https://b.example/reprint"), new Uri("https://b.example/reprint"), "other",
            DateTimeOffset.UnixEpoch, null, null, DocumentProvenanceTests.StoryOnAnotherOutlet.Split("\n\n").Select(p => p.Trim()).ToList()),
            [new Passage(0, "Абзац.", Language.Russian, 0.9)], new LanguageGuess(Language.Russian, 0.9), null);
        Assert.Equal(DuplicateKind.Near, copy.Kind);
    }
}
