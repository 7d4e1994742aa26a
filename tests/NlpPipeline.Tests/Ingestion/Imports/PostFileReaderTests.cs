using System.Globalization;
using NlpPipeline.Ingestion.Imports;

namespace NlpPipeline.Tests.Ingestion.Imports;

/// <summary>Issue 3: reading Telegram Desktop exports and JSONL/CSV post dumps, whole files validated first.</summary>
public sealed class PostFileReaderTests
{
    private static string Fixture(string name) => UnitFixture.PathOf("Imports", name);

    private static string Show(DateTimeOffset? d) => d?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "null";

    [Fact]
    public void Read_TelegramExport_SkipsServiceAndTextlessMessagesAndJoinsEntityText()
    {
        var batch = PostFileReader.Read(Fixture("telegram-result.json"), ImportFormat.TelegramJson, null);

        Assert.Equal("Көші-қон чаты Орал", batch.ChatName);
        Assert.Equal((2, 1), (batch.ServiceMessages, batch.WithoutText));
        Assert.Equal(["1587204611/2", "1587204611/3", "1587204611/5"], batch.Posts.Select(p => p.Id));
        Assert.All(batch.Posts, p => Assert.Equal("telegram", p.Platform));
        Assert.Equal("Мы уехали в Саратов осенью. Работа есть, но зарплаты ниже, чем обещали.\n\nПодробно писал тут: мой пост.", batch.Posts[1].Text);
        Assert.Equal("@oral_news_example хабарлайды: облыста жастардың кетуі былтырғыдан екі есе көп.", batch.Posts[2].Text);
    }

    [Fact]
    public void Read_TelegramExport_TimeIsUnixInstantWithTheExportersOffset()
    {
        var batch = PostFileReader.Read(Fixture("telegram-result.json"), ImportFormat.TelegramJson, null);

        Assert.Equal("2022-01-05T14:30:00+06:00", Show(batch.Posts[0].CreatedAt));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1641371400), batch.Posts[0].CreatedAt);
    }

    [Fact]
    public void Read_TelegramExport_AuthorIsFromIdAndForwardedFromIsNotKept()
    {
        var batch = PostFileReader.Read(Fixture("telegram-result.json"), ImportFormat.TelegramJson, null);

        Assert.Equal(["user5021934", "user6113802", "user7300428"], batch.Posts.Select(p => p.Author));
        Assert.DoesNotContain(batch.Posts, p => p.Text.Contains("Орал жаңалықтары"));
    }

    [Fact]
    public void Read_TelegramExport_PostsKnowTheLineTheirMessageStartsOn()
    {
        var batch = PostFileReader.Read(Fixture("telegram-result.json"), ImportFormat.TelegramJson, null);
        var lines = File.ReadAllLines(Fixture("telegram-result.json"));

        Assert.All(batch.Posts, p => Assert.Equal("  {", lines[p.Line - 1]));
        Assert.Contains("\"id\": 2,", lines[batch.Posts[0].Line]);
    }

    [Fact]
    public void Read_TelegramMessageWithoutDate_IsReportedWithItsLine()
    {
        using var dir = new TempFile("""
            {"name": "Чат", "id": 7, "messages": [
              {"id": 1, "type": "message", "date": "2022-01-05T14:30:00", "date_unixtime": "1641371400", "text": "Бәрі дұрыс"},
              {"id": 2, "type": "message", "text": "Уақыты жоқ"},
              {"id": 3, "type": "message", "date": "2022-01-05T14:31:00", "text": {"not": "text"}}
            ]}
            """);

        var ex = Assert.Throws<ImportFileException>(() => PostFileReader.Read(dir.Path, ImportFormat.TelegramJson, null));

        Assert.Equal([(3, "message 2: no \"date\" or \"date_unixtime\""), (4, "message 3: \"text\" is neither a string nor an array of strings and entities")], ex.Problems);
    }

    [Fact]
    public void Read_FileThatIsNotAnExport_IsRefused()
    {
        using var file = new TempFile("""{"sources": []}""");

        var ex = Assert.Throws<ImportFileException>(() => PostFileReader.Read(file.Path, ImportFormat.TelegramJson, null));

        Assert.Contains("not a Telegram Desktop export", ex.Message);
    }

    [Fact]
    public void Read_Jsonl_ReadsPostsWithUrlsTimesAndAuthors()
    {
        var batch = PostFileReader.Read(Fixture("posts.jsonl"), ImportFormat.Jsonl, null);

        Assert.Equal(["vk-88120", "1578551022", "vk-88131"], batch.Posts.Select(p => p.Id));
        Assert.Equal(1, batch.WithoutText);
        Assert.Equal(["vk", "twitter", "vk"], batch.Posts.Select(p => p.Platform));
        Assert.Equal(["2022-10-02T21:14:00+06:00", "2022-10-02T12:00:00+00:00", "2022-10-03T08:05:00+00:00"], batch.Posts.Select(p => Show(p.CreatedAt)));
        Assert.Equal("https://vk.com/wall-100200_88120", batch.Posts[0].Identity.AbsoluteUri);
        Assert.Equal("urn:nlp:twitter:1578551022", batch.Posts[1].Identity.AbsoluteUri);
        Assert.Equal([1, 2, 4], batch.Posts.Select(p => p.Line));
    }

    [Fact]
    public void Read_BadJsonl_ReportsEveryBadLineWithItsNumber()
    {
        var ex = Assert.Throws<ImportFileException>(() => PostFileReader.Read(Fixture("posts-bad.jsonl"), ImportFormat.Jsonl, null));

        Assert.Equal([2, 3, 4, 5, 6], ex.Problems.Select(p => p.Line));
        Assert.StartsWith("not valid JSON", ex.Problems[0].Problem);
        Assert.Equal("no id", ex.Problems[1].Problem);
        Assert.Contains("'в прошлый четверг' is not a time", ex.Problems[2].Problem);
        Assert.Contains("'ftp://files.example.kz/x' is not an http(s) address", ex.Problems[3].Problem);
        Assert.Equal("id ok-1 appears 2 times (first on line 1)", ex.Problems[4].Problem);
        Assert.Contains("line 4:", ex.Message);
    }

    [Fact]
    public void Read_Csv_ReadsQuotedMultilineFieldsAndLineNumbers()
    {
        var batch = PostFileReader.Read(Fixture("posts.csv"), ImportFormat.Csv, null);

        Assert.Equal(["fb-3391", "fb-3402", "fb-3405"], batch.Posts.Select(p => p.Id));
        Assert.Equal([2, 5, 6], batch.Posts.Select(p => p.Line));
        Assert.EndsWith("Минусы: зима длиннее, чем дома, и родные далеко.", batch.Posts[0].Text);
        Assert.Equal("Асель \"Aska\" Нурланова", batch.Posts[0].Author);
        Assert.Null(batch.Posts[2].Author);
        Assert.Equal("2022-12-15T19:00:00+00:00", Show(batch.Posts[2].CreatedAt));
    }

    [Fact]
    public void Read_BadCsv_ReportsFieldCountAndMissingPlatform()
    {
        var ex = Assert.Throws<ImportFileException>(() => PostFileReader.Read(Fixture("posts-bad.csv"), ImportFormat.Csv, null));

        Assert.Equal([(3, "7 fields, but the header has 6"), (4, "no platform (the field is empty and no --platform was given)")], ex.Problems);
    }

    [Fact]
    public void Read_BadCsvWithDefaultPlatform_StillRefusesTheWrongFieldCount()
    {
        var ex = Assert.Throws<ImportFileException>(() => PostFileReader.Read(Fixture("posts-bad.csv"), ImportFormat.Csv, "facebook"));

        Assert.Equal([3], ex.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Read_CsvWithoutRequiredColumns_NamesThem()
    {
        using var file = new TempFile("id,body\n1,Сәлем\n");

        var ex = Assert.Throws<ImportFileException>(() => PostFileReader.Read(file.Path, ImportFormat.Csv, "vk"));

        Assert.Contains("lacks column(s) text, created_at, platform, url", ex.Message);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content) => File.WriteAllText(Path, content);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nlp-import-{Guid.NewGuid():N}.txt");

        public void Dispose() => File.Delete(Path);
    }
}
