using System.Text;
using Microsoft.Data.Sqlite;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>Issue 3: `nlp import` of Telegram Desktop exports and JSONL/CSV dumps into the database.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempDir _dir = new();
    private string Db => _dir.File("import.db");

    public void Dispose() => _dir.Dispose();

    private static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "Unit", "Imports", name);

    private Task<NlpCli.Result> Import(string file, string format, string source, params string[] more) =>
        NlpCli.RunAsync(["--db", Db, "import", Fixture(file), "--format", format, "--source", source, "--no-classify", .. more]);

    private List<object?[]> Rows(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private long Count(string table) => (long)Rows($"SELECT count(*) FROM {table}")[0][0]!;

    [Fact]
    public async Task Import_TelegramExport_StoresPostsThroughTheTextPipeline()
    {
        var r = await Import("telegram-result.json", "telegram-json", "oral-chat");

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Documents: 3 new, 0 already stored, 0 duplicate(s)", r.Output);
        Assert.Contains("left out: 2 service message(s), 1 without text", r.Output);
        var docs = Rows("SELECT canonical_url, language, published_utc, published_offset_minutes, source_id FROM documents ORDER BY id");
        Assert.Equal(["urn:nlp:telegram:1587204611%2F2", "urn:nlp:telegram:1587204611%2F3", "urn:nlp:telegram:1587204611%2F5"], docs.Select(d => (string)d[0]!));
        Assert.Equal(["kk", "ru", "kk"], docs.Select(d => (string)d[1]!));
        Assert.Equal(("2022-01-05T08:30:00.000Z", 360L), ((string)docs[0][2]!, (long)docs[0][3]!));
        Assert.All(docs, d => Assert.Equal("oral-chat", d[4]));
        // Post 3 has two paragraphs: two passages.
        Assert.Equal(4L, Count("passages"));
        Assert.Equal([["oral-chat", "Көші-қон чаты Орал", "import", "social"]], Rows("SELECT id, outlet, kind, source_kind FROM sources"));
    }

    [Fact]
    public async Task Import_SameFileTwice_StoresNothingNew()
    {
        await Import("telegram-result.json", "telegram-json", "oral-chat");
        var again = await Import("telegram-result.json", "telegram-json", "oral-chat");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Documents: 0 new, 3 already stored", again.Output);
        Assert.Equal((3L, 4L, 3L), (Count("documents"), Count("passages"), Count("imported_posts")));
        Assert.Equal(2L, Count("imports"));
    }

    [Fact]
    public async Task Import_Authors_AreStoredOnlyAsHashesAndAppearNowhereInTheDatabaseFile()
    {
        await Import("telegram-result.json", "telegram-json", "oral-chat");
        await Import("posts.csv", "csv", "fb-groups");
        await Import("posts.jsonl", "jsonl", "vk-dump");

        var hashes = Rows("SELECT author_hash FROM imported_posts ORDER BY document_id").Select(r => (string?)r[0]).ToList();
        Assert.Equal(9, hashes.Count);
        Assert.All(hashes.Where(h => h is not null), h => Assert.Matches("^[0-9a-f]{64}$", h));
        // Telegram posts 2 and 3 are by different people; a CSV row without author has no hash.
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.Single(hashes, h => h is null);
        SqliteConnection.ClearAllPools();
        var bytes = Directory.GetFiles(_dir.Path, "import.db*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes("Көші-қон чаты Орал")), "the search finds what is stored (the chat's name, kept as outlet)");
        foreach (var name in new[] { "Айгерим Сапарова", "user5021934", "Дмитрий К.", "user6113802", "Ерлан Б.", "Орал жаңалықтары",
                                     "Асель", "Нурланова", "Daniyar S.", "Марина Ким", "steppe_nomad_88", "Бауыржан Тоқтаров" })
        {
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(name)), $"'{name}' is in the database file");
            Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(name)), $"'{name}' is in the database file (UTF-16)");
        }
    }

    [Fact]
    public async Task Import_SameAuthorAcrossPosts_GetsOneHash()
    {
        var file = _dir.File("same-author.jsonl");
        File.WriteAllLines(file,
        [
            """{"id": "1", "text": "Алматыда пәтер жалдау қымбаттады, көшуді ойлап жүрміз.", "created_at": "2023-03-01T10:00:00+06:00", "platform": "vk", "url": "", "author": "Гүлнар Ә."}""",
            """{"id": "2", "text": "Мы всё-таки остаёмся: работа здесь хорошая, дети в школе.", "created_at": "2023-03-02T10:00:00+06:00", "platform": "vk", "url": "", "author": "Гүлнар Ә."}""",
        ]);

        var r = await NlpCli.RunAsync("--db", Db, "import", file, "--format", "jsonl", "--source", "vk", "--no-classify");

        Assert.Equal(0, r.ExitCode);
        Assert.Single(Rows("SELECT DISTINCT author_hash FROM imported_posts"));
    }

    [Fact]
    public async Task Import_FileWithBadLines_ReportsThemAndImportsNothing()
    {
        var r = await Import("posts-bad.jsonl", "jsonl", "vk-dump");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("5 problem(s), nothing imported", r.Error);
        foreach (var line in new[] { "line 2: not valid JSON", "line 3: no id", "line 4: created_at", "line 5: url", "line 6: id ok-1 appears 2 times" })
            Assert.Contains(line, r.Error);
        Assert.Equal((0L, 0L, 0L), (Count("documents"), Count("sources"), Count("imports")));
    }

    [Fact]
    public async Task Import_CsvWithPlatformOption_StoresPostsUnderUrlOrUrn()
    {
        var r = await Import("posts.csv", "csv", "fb-groups", "--platform", "facebook");

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(
            ["https://www.facebook.com/groups/example/posts/3391", "urn:nlp:facebook:fb-3402", "urn:nlp:facebook:fb-3405"],
            Rows("SELECT canonical_url FROM documents ORDER BY id").Select(d => (string)d[0]!));
        Assert.Equal(["ru", "en", "kk"], Rows("SELECT language FROM documents ORDER BY id").Select(d => (string)d[0]!));
    }

    [Fact]
    public async Task Import_UnknownFormatOrMissingFile_IsAUsageOrInputError()
    {
        var badFormat = await NlpCli.RunAsync("--db", Db, "import", Fixture("posts.csv"), "--format", "xlsx", "--source", "x");
        var missing = await NlpCli.RunAsync("--db", Db, "import", _dir.File("nope.json"), "--format", "jsonl", "--source", "x");
        var badSource = await NlpCli.RunAsync("--db", Db, "import", Fixture("posts.csv"), "--format", "csv", "--source", "два слова", "--no-classify");

        Assert.Equal(2, badFormat.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("File not found", missing.Error);
        Assert.Equal(2, badSource.ExitCode);
        Assert.Contains("is not a source id", badSource.Error);
    }

    [Fact]
    public void AuthorKey_FromSecret_IsTheSameInEveryDatabaseAndAnotherSecretIsRefused()
    {
        using var a = NlpDatabase.Open(_dir.File("a.db"));
        using var b = NlpDatabase.Open(_dir.File("b.db"));

        Assert.Equal(new ImportStore(a).AuthorKey("research-team-secret"), new ImportStore(b).AuthorKey("research-team-secret"));
        var ex = Assert.Throws<StorageException>(() => new ImportStore(a).AuthorKey("another-secret"));
        Assert.Contains("another key", ex.Message);
        Assert.Throws<StorageException>(() => new ImportStore(a).AuthorKey(null));
    }

    [Fact]
    public void AuthorKey_WithoutSecret_IsOwnRandomKeyPerDatabaseAndStable()
    {
        using var a = NlpDatabase.Open(_dir.File("a.db"));
        using var b = NlpDatabase.Open(_dir.File("b.db"));

        var first = new ImportStore(a).AuthorKey(null);
        Assert.Equal(first, new ImportStore(a).AuthorKey(null));
        Assert.NotEqual(first, new ImportStore(b).AuthorKey(null));
        Assert.Throws<StorageException>(() => new ImportStore(a).AuthorKey("late-secret"));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
